package org.nudge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import javax.sql.DataSource;

/**
 * Seeds a benchmark database with plain JDBC batches: it is set-up, not what is measured. One
 * program in one workspace, members in pairs (member {@code 2i} mentors {@code 2i + 1}), each
 * member's weekly prompt set to their own local day and hour at {@link #DUE}, so all of them come
 * due in the same minute, spread over {@link #ZONES}.
 */
final class BenchData {

  static final String PLATFORM = "bench";
  static final String WORKSPACE = "W0BENCH";

  /** A Wednesday noon in UTC, before either side of the Atlantic changes its clocks. */
  static final Instant DUE = Instant.parse("2026-03-04T12:00:00Z");

  /**
   * Whole-hour zones from the Americas to Asia: at {@link #DUE} their local time runs from 06:00
   * (Chicago, New York: inside the default quiet hours, so Outreach moves those prompts to 08:00)
   * to 19:00 (Bangkok).
   */
  static final List<String> ZONES =
      List.of(
          "America/Chicago",
          "America/New_York",
          "America/Halifax",
          "America/Sao_Paulo",
          "Atlantic/Azores",
          "UTC",
          "Europe/London",
          "Europe/Berlin",
          "Europe/Paris",
          "Europe/Helsinki",
          "Africa/Cairo",
          "Europe/Istanbul",
          "Africa/Nairobi",
          "Asia/Dubai",
          "Asia/Karachi",
          "Asia/Dhaka",
          "Asia/Bangkok");

  /** Zones where {@link #DUE} is outside the default quiet hours (08:00 to 20:00 on weekdays). */
  static final List<String> DAYTIME_ZONES = ZONES.subList(2, ZONES.size());

  private BenchData() {}

  /**
   * Creates {@code members} members in {@code pairs = members / 2} pairs. With {@code history},
   * each member also has last week's reflection prompt and its delivered outbox row (half of them
   * answered, half still open, as in a real program), so indexes have realistic sizes and the sweep
   * expires the open ones.
   *
   * @param nextPromptAt every member's next reflection (null: none scheduled)
   * @param pairDueAt the pairs' check-in, feedback and revisit instants (null: none)
   */
  static void seed(
      DataSource db,
      int members,
      List<String> zones,
      Instant nextPromptAt,
      Instant pairDueAt,
      boolean history)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      long programId = program(c);
      long firstMember = nextId(c, "member");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO member (id, platform, workspace, user_id, display_name, time_zone,"
                  + " prompt_day, prompt_hour, created_at, next_prompt_at) VALUES"
                  + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < members; i++) {
          ZoneId zone = ZoneId.of(zones.get(i % zones.size()));
          ZonedDateTime local = DUE.atZone(zone);
          ps.setLong(1, firstMember + i);
          ps.setString(2, PLATFORM);
          ps.setString(3, WORKSPACE);
          ps.setString(4, userId(i));
          ps.setString(5, "Member " + i);
          ps.setString(6, zone.getId());
          ps.setInt(7, local.getDayOfWeek().getValue());
          ps.setInt(8, local.getHour());
          ps.setObject(9, utc(DUE.minus(Duration.ofDays(60))));
          ps.setObject(10, nextPromptAt == null ? null : utc(nextPromptAt));
          ps.addBatch();
          flush(ps, i);
        }
        ps.executeBatch();
      }
      long firstPair = nextId(c, "pair");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO pair (id, program_id, mentor_id, mentee_id, phase, started_at,"
                  + " checkin_due_at, next_feedback_at, next_revisit_at) VALUES"
                  + " (?, ?, ?, ?, 'active', ?, ?, ?, ?)")) {
        for (int p = 0; p < members / 2; p++) {
          ps.setLong(1, firstPair + p);
          ps.setLong(2, programId);
          ps.setLong(3, firstMember + 2L * p);
          ps.setLong(4, firstMember + 2L * p + 1);
          ps.setObject(5, utc(DUE.minus(Duration.ofDays(60))));
          OffsetDateTime due = pairDueAt == null ? null : utc(pairDueAt);
          ps.setObject(6, due);
          ps.setObject(7, due);
          ps.setObject(8, due);
          ps.addBatch();
          flush(ps, p);
        }
        ps.executeBatch();
      }
      if (history) {
        history(c, members, zones, firstMember, firstPair);
      }
      c.commit();
      // Re-align the identity columns after the explicit ids.
      for (String table : List.of("member", "pair")) {
        long next = nextId(c, table);
        try (Statement s = c.createStatement()) {
          s.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
        }
      }
      c.commit();
    }
  }

  /** Last week's prompt and its delivered message, for every member. */
  private static void history(
      Connection c, int members, List<String> zones, long firstMember, long firstPair)
      throws SQLException {
    Instant lastWeek = DUE.minus(Duration.ofDays(7));
    try (PreparedStatement prompt =
            c.prepareStatement(
                "INSERT INTO prompt (member_id, pair_id, kind, idem_key, iso_week, question_id,"
                    + " question, due_at, sent_at, status, counts, answered_at) VALUES"
                    + " (?, ?, 'reflection', ?, ?, 'bench-q', 'What did you learn?', ?, ?, ?,"
                    + " TRUE, ?)");
        PreparedStatement outbox =
            c.prepareStatement(
                "INSERT INTO outbox (idempotency_key, platform, workspace, target_kind,"
                    + " target_id, payload, status, attempts, not_before, created_at, sent_at,"
                    + " bot_initiated) VALUES (?, ?, ?, 'dm', ?, ?, 'sent', 1, ?, ?, ?, TRUE)")) {
      for (int i = 0; i < members; i++) {
        long member = firstMember + i;
        ZonedDateTime local = lastWeek.atZone(ZoneId.of(zones.get(i % zones.size())));
        String week =
            local.get(IsoFields.WEEK_BASED_YEAR)
                + "-W"
                + String.format("%02d", local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String key = "reflection:" + member + ":" + week;
        boolean answered = i % 2 == 0;
        prompt.setLong(1, member);
        prompt.setLong(2, firstPair + i / 2);
        prompt.setString(3, key);
        prompt.setString(4, week);
        prompt.setObject(5, utc(lastWeek));
        prompt.setObject(6, utc(lastWeek));
        prompt.setString(7, answered ? "answered" : "open");
        prompt.setObject(8, answered ? utc(lastWeek.plus(Duration.ofHours(2))) : null);
        prompt.addBatch();
        outbox.setString(1, key);
        outbox.setString(2, PLATFORM);
        outbox.setString(3, WORKSPACE);
        outbox.setString(4, userId(i));
        outbox.setString(5, "{\"text\":\"What did you learn?\",\"actions\":[]}");
        outbox.setObject(6, utc(lastWeek));
        outbox.setObject(7, utc(lastWeek));
        outbox.setObject(8, utc(lastWeek));
        outbox.addBatch();
        if ((i + 1) % 5_000 == 0) {
          prompt.executeBatch();
          outbox.executeBatch();
        }
      }
      prompt.executeBatch();
      outbox.executeBatch();
    }
    // As the sweep would have left it: each member's last reflection is the one to expire next.
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE member SET open_reflection_id = (SELECT MAX(p.id) FROM prompt p"
              + " WHERE p.member_id = member.id AND p.kind = 'reflection') WHERE id >= "
              + firstMember);
    }
  }

  /**
   * Gives the planner statistics on the tables {@link #seed} filled, as autovacuum does on a
   * PostgreSQL server within a minute of such a load (the test server here runs with autovacuum
   * off). Without them PostgreSQL reads 100k rows of {@code prompt} and 50k of {@code pair} for
   * each batch's lookups by member. Tables the seed left empty stay unanalysed, as autovacuum
   * leaves them.
   */
  static void analyze(DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      boolean h2 = c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
      for (String table : List.of("program", "member", "pair", "prompt", "outbox")) {
        s.execute((h2 ? "ANALYZE TABLE " : "ANALYZE ") + table);
      }
    }
  }

  static String userId(int i) {
    return String.format("U%07d", i);
  }

  static long count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long program(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO program (platform, workspace, name, name_key, channel_id, created_at)"
                + " VALUES (?, ?, 'Bench', 'bench', 'C0BENCH', ?)",
            new String[] {"id"})) {
      ps.setString(1, PLATFORM);
      ps.setString(2, WORKSPACE);
      ps.setObject(3, utc(DUE.minus(Duration.ofDays(90))));
      ps.executeUpdate();
      var keys = ps.getGeneratedKeys();
      keys.next();
      return keys.getLong(1);
    }
  }

  private static long nextId(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void flush(PreparedStatement ps, int i) throws SQLException {
    if ((i + 1) % 5_000 == 0) {
      ps.executeBatch();
    }
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
