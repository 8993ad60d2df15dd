package org.nudge.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Inbox;
import org.nudge.engine.model.UserRef;

/**
 * The shared inbox on JDBI. A claim is a conditional {@code UPDATE}, as the outbox's, and the same
 * SQL runs on H2 and PostgreSQL: when two nodes update the same row, the second re-reads it once
 * the first commits, finds it held, and updates nothing. A row lock (PostgreSQL's {@code FOR UPDATE
 * SKIP LOCKED}) would last only as long as the claiming transaction, whereas the engine runs an
 * input in a transaction of its own; the lease is what keeps a member's later inputs waiting
 * meanwhile, and what lets another node take over from one that died.
 */
final class JdbiInbox implements Inbox {

  /** Inbox rows hold what a member sent until it is handled; forget-me drops them. */
  static final PersonalData.Table PERSONAL_DATA =
      new PersonalData.Table(
          "inbox",
          new PersonalData.Finder(
              List.of("user_id"),
              "platform = :platform AND workspace = :workspace AND user_id = :user"),
          List.of("payload"),
          List.of("user_id"),
          new PersonalData.NotExported(
              "what the member sent in the last moments, not handled yet; handled, it is in their"
                  + " entries, and the row is gone"),
          PersonalData.Erase.DELETE);

  private static final String COLUMNS =
      "id, platform, workspace, user_id, payload, received_by, received_at";

  /** The member's oldest input: no earlier one of theirs is still there. */
  private static final String OLDEST =
      "NOT EXISTS (SELECT 1 FROM inbox o WHERE o.platform = inbox.platform"
          + " AND o.workspace = inbox.workspace AND o.user_id = inbox.user_id AND o.id < inbox.id)";

  private static final String FREE = "(claimed_until IS NULL OR claimed_until < :now)";

  private static final RowMapper<Queued> QUEUED =
      (rs, ctx) ->
          new Queued(
              rs.getLong("id"),
              new UserRef(
                  rs.getString("platform"), rs.getString("workspace"), rs.getString("user_id")),
              rs.getString("payload"),
              rs.getString("received_by"),
              Rows.instant(rs, "received_at"));

  private final Handle handle;

  JdbiInbox(Handle handle) {
    this.handle = handle;
  }

  @Override
  public long add(UserRef member, String payload, String node, Instant now) {
    return handle
        .createUpdate(
            "INSERT INTO inbox (platform, workspace, user_id, payload, received_by, received_at)"
                + " VALUES (:p, :w, :u, :payload, :node, :now)")
        .bind("p", member.platform())
        .bind("w", member.workspace())
        .bind("u", member.userId())
        .bind("payload", payload)
        .bind("node", node)
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  @Override
  public Optional<Queued> claim(long id, String token, Instant now, Duration lease) {
    int taken =
        handle
            .createUpdate(
                "UPDATE inbox SET claimed_by = :token, claimed_until = :until"
                    + " WHERE id = :id AND "
                    + FREE
                    + " AND "
                    + OLDEST)
            .bind("token", token)
            .bind("until", now.plus(lease))
            .bind("now", now)
            .bind("id", id)
            .execute();
    if (taken == 0) {
      return Optional.empty();
    }
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM inbox WHERE id = :id AND claimed_by = :token")
        .bind("id", id)
        .bind("token", token)
        .map(QUEUED)
        .findOne();
  }

  @Override
  public Optional<Queued> claimNext(UserRef member, String token, Instant now, Duration lease) {
    Optional<Long> oldest =
        handle
            .createQuery(
                "SELECT id FROM inbox WHERE platform = :p AND workspace = :w AND user_id = :u"
                    + " ORDER BY id LIMIT 1")
            .bind("p", member.platform())
            .bind("w", member.workspace())
            .bind("u", member.userId())
            .mapTo(Long.class)
            .findOne();
    return oldest.flatMap(id -> claim(id, token, now, lease));
  }

  @Override
  public List<Queued> claimWaiting(
      String token, int limit, Instant settled, Instant now, Duration lease) {
    List<Long> candidates =
        handle
            .createQuery(
                "SELECT id FROM inbox WHERE received_at < :settled AND "
                    + FREE
                    + " AND "
                    + OLDEST
                    + " ORDER BY id LIMIT :limit")
            .bind("settled", settled)
            .bind("now", now)
            .bind("limit", limit)
            .mapTo(Long.class)
            .list();
    List<Queued> claimed = new ArrayList<>(candidates.size());
    for (long id : candidates) {
      claim(id, token, now, lease).ifPresent(claimed::add);
    }
    return claimed;
  }

  @Override
  public void finish(long id, String token) {
    int deleted =
        handle
            .createUpdate("DELETE FROM inbox WHERE id = :id AND claimed_by = :token")
            .bind("id", id)
            .bind("token", token)
            .execute();
    if (deleted == 0) {
      throw new NotClaimed(id);
    }
  }

  @Override
  public boolean waiting(long id) {
    return handle
            .createQuery("SELECT COUNT(*) FROM inbox WHERE id = :id")
            .bind("id", id)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  @Override
  public int failedAttempt(long id) {
    handle
        .createUpdate("UPDATE inbox SET attempts = attempts + 1 WHERE id = :id")
        .bind("id", id)
        .execute();
    return handle
        .createQuery("SELECT attempts FROM inbox WHERE id = :id")
        .bind("id", id)
        .mapTo(Integer.class)
        .findOne()
        .orElse(0);
  }

  @Override
  public int releaseAll(String token) {
    return handle
        .createUpdate(
            "UPDATE inbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = :token")
        .bind("token", token)
        .execute();
  }

  @Override
  public long backlog() {
    return handle.createQuery("SELECT COUNT(*) FROM inbox").mapTo(Long.class).one();
  }
}
