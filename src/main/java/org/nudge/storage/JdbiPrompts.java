package org.nudge.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Prompts;

final class JdbiPrompts implements Prompts {

  private static final RowMapper<Prompt> MAPPER =
      (rs, ctx) ->
          new Prompt(
              rs.getLong("id"),
              rs.getLong("member_id"),
              Rows.nullableLong(rs, "pair_id"),
              rs.getString("kind"),
              rs.getString("idem_key"),
              rs.getString("iso_week"),
              rs.getString("question_id"),
              rs.getString("question"),
              Rows.instant(rs, "due_at"),
              Rows.instant(rs, "sent_at"),
              rs.getString("status"),
              rs.getBoolean("counts"),
              Rows.instant(rs, "answered_at"));
  private static final String COLUMNS =
      "id, member_id, pair_id, kind, idem_key, iso_week, question_id, question, due_at, sent_at,"
          + " status, counts, answered_at";

  private static final String INSERT =
      "INSERT INTO prompt (member_id, pair_id, kind, idem_key, iso_week, question_id,"
          + " question, due_at, sent_at, status, counts, answered_at) VALUES (:memberId,"
          + " :pairId, :kind, :idemKey, :isoWeek, :questionId, :question, :dueAt,"
          + " :sentAt, :status, :counts, :answeredAt)";

  private final Handle handle;
  private final JdbiTallies tallies;

  JdbiPrompts(Handle handle) {
    this.handle = handle;
    this.tallies = new JdbiTallies(handle);
  }

  /** Whether a prompt in this status was responded to: answered, or skipped on purpose. */
  static boolean isResponded(String status) {
    return "answered".equals(status) || "skipped".equals(status);
  }

  /** Kinds of prompt that ask nothing: check-in reminders and notices. */
  private static final List<String> ASK_NOTHING = List.of("reminder", "notice");

  /** {@link #ASK_NOTHING} as an SQL list, for counting prompts in the database. */
  static final String ASK_NOTHING_SQL =
      String.join(", ", ASK_NOTHING.stream().map(k -> "'" + k + "'").toList());

  /**
   * Whether a digest counts the prompt as asked of its member: sent, in a pair, counted towards the
   * budget, and asking something.
   */
  private static boolean isTallied(Prompt p) {
    return p.pairId() != null
        && p.sentAt() != null
        && p.counts()
        && !ASK_NOTHING.contains(p.kind());
  }

  private static JdbiTallies.Change sent(Prompt p) {
    return new JdbiTallies.Change(
        p.pairId(), p.memberId(), p.sentAt(), JdbiTallies.Delta.prompt(isResponded(p.status())));
  }

  @Override
  public Optional<Prompt> record(Prompt p) {
    boolean known =
        handle
                .createQuery("SELECT COUNT(*) FROM prompt WHERE idem_key = :key")
                .bind("key", p.idemKey())
                .mapTo(Integer.class)
                .one()
            > 0;
    if (known) {
      return Optional.empty();
    }
    long id =
        handle
            .createUpdate(INSERT)
            .bindMethods(p)
            .bind("dueAt", p.dueAt())
            .bind("sentAt", p.sentAt())
            .bind("answeredAt", p.answeredAt())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    if (isTallied(p)) {
      tallies.addAll(List.of(sent(p)));
    }
    return byId(id);
  }

  @Override
  public Optional<Prompt> byId(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM prompt WHERE id = :id")
        .bind("id", id)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public int countedBetween(long memberId, Instant from, Instant to) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM prompt WHERE member_id = :m AND counts AND sent_at >= :from"
                + " AND sent_at < :to")
        .bind("m", memberId)
        .bind("from", from)
        .bind("to", to)
        .mapTo(Integer.class)
        .one();
  }

  @Override
  public Optional<Instant> lastSent(long memberId) {
    return handle
        .createQuery(
            "SELECT MAX(sent_at) FROM prompt WHERE member_id = :m AND counts AND sent_at IS NOT"
                + " NULL")
        .bind("m", memberId)
        .mapTo(Instant.class)
        .findOne();
  }

  @Override
  public List<Prompt> open(long memberId, String kind) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM prompt WHERE member_id = :m AND kind = :kind"
                + " AND status = 'open' ORDER BY id")
        .bind("m", memberId)
        .bind("kind", kind)
        .map(MAPPER)
        .list();
  }

  @Override
  public void setStatus(long id, String status, Instant at) {
    byId(id)
        .filter(JdbiPrompts::isTallied)
        .filter(p -> isResponded(p.status()) != isResponded(status))
        .ifPresent(
            p ->
                tallies.add(
                    p.pairId(),
                    p.memberId(),
                    p.sentAt(),
                    JdbiTallies.Delta.responded(isResponded(status) ? 1 : -1)));
    handle
        .createUpdate("UPDATE prompt SET status = :status, answered_at = :at WHERE id = :id")
        .bind("status", status)
        .bind("at", at)
        .bind("id", id)
        .execute();
  }

  /** Prompts as the rows of one multi-row insert. */
  private static final ValuesList<Prompt> ROWS =
      new ValuesList<>(
          ValuesList.column("BIGINT", Long.class, Prompt::memberId),
          ValuesList.column("BIGINT", Long.class, Prompt::pairId),
          ValuesList.column("VARCHAR(16)", String.class, Prompt::kind),
          ValuesList.column("VARCHAR(200)", String.class, Prompt::idemKey),
          ValuesList.column("VARCHAR(10)", String.class, Prompt::isoWeek),
          ValuesList.column("VARCHAR(64)", String.class, Prompt::questionId),
          ValuesList.column("VARCHAR(1000)", String.class, Prompt::question),
          ValuesList.column("TIMESTAMP WITH TIME ZONE", Instant.class, Prompt::dueAt),
          ValuesList.column("TIMESTAMP WITH TIME ZONE", Instant.class, Prompt::sentAt),
          ValuesList.column("VARCHAR(16)", String.class, Prompt::status),
          ValuesList.column("BOOLEAN", Boolean.class, Prompt::counts),
          ValuesList.column("TIMESTAMP WITH TIME ZONE", Instant.class, Prompt::answeredAt));

  /**
   * One query for the keys already recorded, then one multi-row insert that returns the stored
   * rows: two statements for the whole list instead of three per prompt. (A JDBC batch of inserts
   * that return their rows runs row by row on PostgreSQL: the driver rewrites only batches that
   * return nothing into multi-row inserts.)
   */
  @Override
  public List<Optional<Prompt>> recordAll(List<Prompt> prompts) {
    if (prompts.isEmpty()) {
      return List.of();
    }
    Set<String> known =
        new HashSet<>(
            handle
                .createQuery("SELECT idem_key FROM prompt WHERE idem_key IN (<keys>)")
                .bindList("keys", prompts.stream().map(Prompt::idemKey).toList())
                .mapTo(String.class)
                .list());
    List<Prompt> fresh = new ArrayList<>();
    Set<String> taken = new HashSet<>(known);
    for (Prompt p : prompts) {
      if (taken.add(p.idemKey())) {
        fresh.add(p);
      }
    }
    Map<String, Prompt> stored = new HashMap<>();
    if (!fresh.isEmpty()) {
      for (List<Prompt> rows : ValuesList.chunks(fresh)) {
        ROWS.bind(
                handle.createUpdate(
                    "INSERT INTO prompt (member_id, pair_id, kind, idem_key, iso_week,"
                        + " question_id, question, due_at, sent_at, status, counts, answered_at)"
                        + " VALUES "
                        + ROWS.placeholders(rows.size())),
                rows)
            .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
            .map(MAPPER)
            .forEach(p -> stored.put(p.idemKey(), p));
      }
      tallies.addAll(
          stored.values().stream().filter(JdbiPrompts::isTallied).map(JdbiPrompts::sent).toList());
    }
    List<Optional<Prompt>> result = new ArrayList<>(prompts.size());
    Set<String> answered = new HashSet<>();
    for (Prompt p : prompts) {
      // A key appearing twice is recorded once, as two calls to record() would do.
      boolean first = answered.add(p.idemKey());
      result.add(
          first && !known.contains(p.idemKey())
              ? Optional.ofNullable(stored.get(p.idemKey()))
              : Optional.empty());
    }
    return result;
  }

  @Override
  public Map<Long, List<Instant>> countedSentSince(Collection<Long> memberIds, Instant from) {
    Map<Long, List<Instant>> sent = new HashMap<>();
    if (memberIds.isEmpty()) {
      return sent;
    }
    handle
        .createQuery(
            "SELECT member_id, sent_at FROM prompt WHERE member_id IN (<ids>) AND counts"
                + " AND sent_at >= :from")
        .bindList("ids", List.copyOf(memberIds))
        .bind("from", from)
        .map((rs, ctx) -> Map.entry(rs.getLong("member_id"), Rows.instant(rs, "sent_at")))
        .forEach(e -> sent.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return sent;
  }

  /**
   * Two statements for the whole list: the members' last reflections that are still open, locked as
   * they are read (an answer arriving meanwhile waits, so a prompt counted as expired is one this
   * transaction expired), then one update of those.
   */
  @Override
  public Set<Long> expireOpenReflections(Collection<Long> memberIds, Instant at) {
    Set<Long> expired = new HashSet<>();
    if (memberIds.isEmpty()) {
      return expired;
    }
    List<Long> ids = List.copyOf(new HashSet<>(memberIds));
    for (List<Long> members : ValuesList.chunks(ids)) {
      Map<Long, Long> open = new HashMap<>();
      handle
          .createQuery(
              "SELECT id, member_id FROM prompt WHERE status = 'open' AND id IN"
                  + " (SELECT open_reflection_id FROM member WHERE id IN (<members>))"
                  + " FOR UPDATE")
          .bindList("members", members)
          .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getLong("member_id")))
          .forEach(e -> open.put(e.getKey(), e.getValue()));
      if (open.isEmpty()) {
        continue;
      }
      handle
          .createUpdate(
              "UPDATE prompt SET status = 'expired', answered_at = :at WHERE id IN (<ids>)")
          .bind("at", at)
          .bindList("ids", List.copyOf(open.keySet()))
          .execute();
      expired.addAll(open.values());
    }
    return expired;
  }
}
