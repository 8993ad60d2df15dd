package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.UserRef;

final class JdbiOutbox implements Outbox {

  private static final String COLUMNS =
      "id, idempotency_key, platform, workspace, target_kind, target_id, payload, status,"
          + " attempts, last_error, created_at, bot_initiated, not_before";

  private static final String INSERT =
      "INSERT INTO outbox (idempotency_key, platform, workspace, target_kind, target_id,"
          + " payload, not_before, created_at, bot_initiated)"
          + " VALUES (:key, :p, :w, :kind, :target, :payload, :notBefore, :now, :bot)";

  private final Handle handle;
  private final MessageCodec codec;

  JdbiOutbox(Handle handle, MessageCodec codec) {
    this.handle = handle;
    this.codec = codec;
  }

  @Override
  public boolean enqueue(Outgoing message, Instant notBefore, Instant now) {
    boolean known =
        handle
                .createQuery("SELECT COUNT(*) FROM outbox WHERE idempotency_key = :key")
                .bind("key", message.idempotencyKey())
                .mapTo(Integer.class)
                .one()
            > 0;
    if (known) {
      return false;
    }
    if (message.about().isEmpty()) {
      bindRow(handle.createUpdate(INSERT), message, notBefore, now).execute();
      return true;
    }
    long id =
        bindRow(handle.createUpdate(INSERT), message, notBefore, now)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    PreparedBatch about =
        handle.prepareBatch("INSERT INTO outbox_about (member_id, outbox_id) VALUES (:m, :id)");
    message.about().forEach(m -> about.bind("m", m).bind("id", id).add());
    about.execute();
    return true;
  }

  /**
   * One query for the keys already there, one batched insert of the messages and one of the rows
   * saying whom they are about, for the whole list: the new rows' ids come from the generated keys,
   * nothing is read back.
   */
  @Override
  public List<Boolean> enqueueAll(List<Queued> messages, Instant now) {
    if (messages.isEmpty()) {
      return List.of();
    }
    Set<String> taken = new HashSet<>();
    List<String> keys = messages.stream().map(q -> q.message().idempotencyKey()).toList();
    for (int from = 0; from < keys.size(); from += KEYS_CHUNK) {
      taken.addAll(
          handle
              .createQuery("SELECT idempotency_key FROM outbox WHERE idempotency_key IN (<keys>)")
              .bindList("keys", keys.subList(from, Math.min(keys.size(), from + KEYS_CHUNK)))
              .mapTo(String.class)
              .list());
    }
    List<Boolean> stored = new ArrayList<>(messages.size());
    List<Outgoing> fresh = new ArrayList<>(messages.size());
    PreparedBatch batch = handle.prepareBatch(INSERT);
    for (Queued q : messages) {
      boolean isNew = taken.add(q.message().idempotencyKey());
      stored.add(isNew);
      if (isNew) {
        bindRow(batch, q.message(), q.notBefore(), now).add();
        fresh.add(q.message());
      }
    }
    if (fresh.isEmpty()) {
      return stored;
    }
    if (fresh.stream().allMatch(m -> m.about().isEmpty())) {
      batch.execute();
      return stored;
    }
    // Each id by its row's idempotency key, not by position in the batch.
    Map<String, Long> ids = new HashMap<>();
    batch
        .executePreparedBatch("id", "idempotency_key")
        .map((rs, ctx) -> Map.entry(rs.getString("idempotency_key"), rs.getLong("id")))
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    PreparedBatch about =
        handle.prepareBatch("INSERT INTO outbox_about (member_id, outbox_id) VALUES (:m, :id)");
    for (Outgoing message : fresh) {
      long id = ids.get(message.idempotencyKey());
      message.about().forEach(m -> about.bind("m", m).bind("id", id).add());
    }
    if (about.size() > 0) {
      about.execute();
    }
    return stored;
  }

  /** Keys bound into one {@code IN (…)}. */
  private static final int KEYS_CHUNK = 500;

  private <S extends SqlStatement<S>> S bindRow(
      S statement, Outgoing message, Instant notBefore, Instant now) {
    ConversationRef to = message.to();
    // A pair's space is stored by pair id: the dispatcher finds its conversation when it sends.
    String kind;
    String target;
    if (to instanceof ConversationRef.Direct direct) {
      kind = "dm";
      target = direct.user().userId();
    } else if (to instanceof ConversationRef.PairSpace space) {
      kind = "space";
      target = Long.toString(space.pairId());
    } else {
      kind = "channel";
      target = ((ConversationRef.Channel) to).channelId();
    }
    return statement
        .bind("bot", message.botInitiated())
        .bind("key", message.idempotencyKey())
        .bind("p", to.platform())
        .bind("w", to.workspace())
        .bind("kind", kind)
        .bind("target", target)
        .bind("payload", codec.encode(message.message()))
        .bind("notBefore", notBefore)
        .bind("now", now);
  }

  @Override
  public List<OutboxEntry> claim(String node, int limit, Instant now, Duration lease) {
    // Two steps, both on an index: find due candidates, then take them with a conditional
    // update. When two nodes pick the same row, the condition lets only one of them have it.
    List<Long> candidates =
        handle
            .createQuery(
                "SELECT id FROM outbox WHERE status = 'pending' AND not_before <= :now"
                    + " AND (claimed_until IS NULL OR claimed_until < :now)"
                    // status leads the order, as it leads the index: H2 then reads the rows in
                    // index order and stops at the limit instead of sorting every due row.
                    + " ORDER BY status, not_before, id LIMIT :limit")
            .bind("now", now)
            .bind("limit", limit)
            .mapTo(Long.class)
            .list();
    if (candidates.isEmpty()) {
      return List.of();
    }
    // A fresh token per claim: the rows this call won are exactly the ones carrying it.
    String token = node + "/" + UUID.randomUUID();
    handle
        .createUpdate(
            "UPDATE outbox SET claimed_by = :token, claimed_until = :until WHERE id IN (<ids>)"
                + " AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)")
        .bind("token", token)
        .bind("until", now.plus(lease))
        .bind("now", now)
        .bindList("ids", candidates)
        .execute();
    // Read back by primary key: an index on the token would cost every outbox write an entry.
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM outbox WHERE id IN (<ids>) AND claimed_by = :token ORDER BY id")
        .bindList("ids", candidates)
        .bind("token", token)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  @Override
  public void markSent(long id, Instant now) {
    handle
        .createUpdate(
            "UPDATE outbox SET status = 'sent', sent_at = :now, attempts = attempts + 1,"
                + " claimed_by = NULL, claimed_until = NULL WHERE id = :id")
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  @Override
  public Set<Long> about(long id) {
    return new HashSet<>(
        handle
            .createQuery("SELECT member_id FROM outbox_about WHERE outbox_id = :id")
            .bind("id", id)
            .mapTo(Long.class)
            .list());
  }

  @Override
  public void markFailed(long id, String reason, Instant retryAt) {
    String safeReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    if (retryAt == null) {
      handle
          .createUpdate(
              "UPDATE outbox SET status = 'failed', last_error = :reason,"
                  + " attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL"
                  + " WHERE id = :id")
          .bind("reason", safeReason)
          .bind("id", id)
          .execute();
    } else {
      handle
          .createUpdate(
              "UPDATE outbox SET last_error = :reason, attempts = attempts + 1,"
                  + " not_before = :retryAt, claimed_by = NULL, claimed_until = NULL"
                  + " WHERE id = :id")
          .bind("reason", safeReason)
          .bind("retryAt", retryAt)
          .bind("id", id)
          .execute();
    }
  }

  @Override
  public void renew(String node, List<Long> ids, Instant until) {
    if (ids.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "UPDATE outbox SET claimed_until = :until WHERE id IN (<ids>) AND status = 'pending'"
                + " AND claimed_by LIKE :mine ESCAPE '!'")
        .bind("until", until)
        .bindList("ids", ids)
        .bind("mine", claimTokenPrefix(node))
        .execute();
  }

  /** What every claim token of {@code node} starts with, as a LIKE pattern. */
  private static String claimTokenPrefix(String node) {
    return node.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%";
  }

  @Override
  public void release(long id, Instant notBefore) {
    handle
        .createUpdate(
            "UPDATE outbox SET not_before = :notBefore, claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = :id")
        .bind("notBefore", notBefore)
        .bind("id", id)
        .execute();
  }

  @Override
  public int releaseEveryClaim() {
    // Sent and failed rows hold no claim, so the pending ones are all there is to look at.
    return handle
        .createUpdate(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL"
                + " WHERE status = 'pending' AND claimed_by IS NOT NULL")
        .execute();
  }

  @Override
  public List<OutboxEntry> failures(String platform, String workspace, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM outbox WHERE status = 'failed' AND platform = :p"
                + " AND workspace = :w ORDER BY id DESC LIMIT :limit")
        .bind("p", platform)
        .bind("w", workspace)
        .bind("limit", limit)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  @Override
  public int pruneSent(Instant before, int limit) {
    // A sent row was due before it was sent, so not_before < :before bounds a range of the
    // (status, not_before, id) index, and sent_at is checked only on the rows in that range.
    return handle
        .createUpdate(
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'sent'"
                + " AND not_before < :before AND sent_at < :before LIMIT :limit)")
        .bind("before", before)
        .bind("limit", limit)
        .execute();
  }

  @Override
  public Backlog backlog() {
    // Two ranges of the (status, not_before, id) index; the many sent rows are not read.
    Map<String, Long> counts =
        handle
            .createQuery(
                "SELECT status, COUNT(*) FROM outbox WHERE status IN ('pending', 'failed')"
                    + " GROUP BY status")
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    return new Backlog(counts.getOrDefault("pending", 0L), counts.getOrDefault("failed", 0L));
  }

  private OutboxEntry map(ResultSet rs) throws SQLException {
    String platform = rs.getString("platform");
    String workspace = rs.getString("workspace");
    String target = rs.getString("target_id");
    ConversationRef to =
        switch (rs.getString("target_kind")) {
          case "dm" -> new ConversationRef.Direct(new UserRef(platform, workspace, target));
          case "space" -> ConversationRef.PairSpace.of(platform, workspace, Long.parseLong(target));
          default -> new ConversationRef.Channel(platform, workspace, target);
        };
    Outgoing message =
        new Outgoing(
            rs.getString("idempotency_key"),
            to,
            codec.decode(rs.getString("payload")),
            rs.getBoolean("bot_initiated"));
    return new OutboxEntry(
        rs.getLong("id"),
        message,
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "not_before"));
  }
}
