package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.nudge.engine.domain.Digests;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.ProgramStats;
import org.nudge.engine.domain.ProgramStats.Highlight;
import org.nudge.engine.domain.ProgramStats.MemberActivity;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.ProgramStats.RoleFeedback;
import org.nudge.engine.domain.ProgramStats.Side;
import org.nudge.engine.domain.ProgramStats.Volunteer;

/**
 * The digest's aggregates in SQL: a handful of GROUP BY queries over the program's active pairs,
 * each reading one table through its per-pair index, merged here by pair and member. The same SQL
 * runs on H2 and PostgreSQL. No query selects a reflection, an advice's text or outcome, or a
 * feedback comment; the only free text read is that of wins their authors shared.
 */
final class JdbiDigests implements Digests {

  /** The shared wins a digest lists at most. */
  static final int HIGHLIGHTS = 10;

  /** Prompts people answer; check-in reminders and notices ask nothing. */
  private static final String ANSWERABLE = "pr.counts AND pr.kind NOT IN ('reminder', 'notice')";

  private static final String RESPONDED = "pr.status IN ('answered', 'skipped')";

  /** The program's active pairs; {@code <pair>} narrows to one pair. */
  private static final String ACTIVE_PAIRS =
      "p.program_id = :program AND p.ended_at IS NULL AND p.started_at < :to <pair>";

  static final String PAIRS =
      "SELECT p.id, p.phase, p.started_at,"
          + " COALESCE(p.cadence_days, g.checkin_cadence_days) AS cadence_days,"
          + " p.mentor_id, mr.user_id AS mentor_user, mr.display_name AS mentor_name,"
          + " mr.unanswered_in_row AS mentor_unanswered, mr.paused_until AS mentor_paused,"
          + " p.mentee_id, me.user_id AS mentee_user, me.display_name AS mentee_name,"
          + " me.unanswered_in_row AS mentee_unanswered, me.paused_until AS mentee_paused"
          + " FROM pair p JOIN program g ON g.id = p.program_id"
          + " JOIN member mr ON mr.id = p.mentor_id JOIN member me ON me.id = p.mentee_id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " ORDER BY p.id";

  static final String CHECK_INS =
      "SELECT c.pair_id, MAX(c.created_at) AS last_at,"
          + " MAX(CASE WHEN c.created_at < :weekFrom THEN c.created_at END) AS last_before_week,"
          + " SUM(CASE WHEN c.created_at >= :weekFrom THEN 1 ELSE 0 END) AS week,"
          + " SUM(CASE WHEN c.created_at >= :previousFrom AND c.created_at < :weekFrom"
          + " THEN 1 ELSE 0 END) AS previous,"
          + " SUM(CASE WHEN c.created_at >= :recentFrom AND c.member_id = p.mentor_id"
          + " THEN 1 ELSE 0 END) AS by_mentor,"
          + " SUM(CASE WHEN c.created_at >= :recentFrom AND c.member_id = p.mentee_id"
          + " THEN 1 ELSE 0 END) AS by_mentee"
          + " FROM pair p JOIN checkin c ON c.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND c.created_at < :to"
          + " GROUP BY c.pair_id";

  static final String PROMPTS =
      "SELECT pr.pair_id, pr.member_id,"
          + " SUM(CASE WHEN pr.sent_at >= :weekFrom THEN 1 ELSE 0 END) AS week,"
          + " SUM(CASE WHEN pr.sent_at >= :weekFrom AND "
          + RESPONDED
          + " THEN 1 ELSE 0 END) AS week_responded,"
          + " SUM(CASE WHEN pr.sent_at >= :previousFrom AND pr.sent_at < :weekFrom"
          + " THEN 1 ELSE 0 END) AS previous,"
          + " SUM(CASE WHEN pr.sent_at >= :previousFrom AND pr.sent_at < :weekFrom AND "
          + RESPONDED
          + " THEN 1 ELSE 0 END) AS previous_responded,"
          + " COUNT(*) AS recent,"
          + " SUM(CASE WHEN "
          + RESPONDED
          + " THEN 1 ELSE 0 END) AS recent_responded"
          + " FROM pair p JOIN prompt pr ON pr.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND "
          + ANSWERABLE
          + " AND pr.sent_at >= :recentFrom AND pr.sent_at < :to"
          + " GROUP BY pr.pair_id, pr.member_id";

  static final String WINS =
      "SELECT w.pair_id, w.member_id,"
          + " SUM(CASE WHEN w.created_at >= :weekFrom THEN 1 ELSE 0 END) AS week,"
          + " SUM(CASE WHEN w.created_at >= :previousFrom AND w.created_at < :weekFrom"
          + " THEN 1 ELSE 0 END) AS previous,"
          + " COUNT(*) AS recent"
          + " FROM pair p JOIN win w ON w.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND w.created_at >= :recentFrom AND w.created_at < :to"
          + " GROUP BY w.pair_id, w.member_id";

  static final String ADVICE =
      "SELECT a.pair_id, a.member_id,"
          + " SUM(CASE WHEN a.created_at >= :recentFrom THEN 1 ELSE 0 END) AS logged,"
          + " SUM(CASE WHEN a.outcome_at >= :recentFrom AND a.outcome_at < :to"
          + " THEN 1 ELSE 0 END) AS reported,"
          + " SUM(CASE WHEN a.outcome_at >= :weekFrom AND a.outcome_at < :to"
          + " THEN 1 ELSE 0 END) AS week_reported,"
          + " SUM(CASE WHEN a.outcome_at >= :weekFrom AND a.outcome_at < :to"
          + " AND a.acted = 'tried' THEN 1 ELSE 0 END) AS week_tried"
          + " FROM pair p JOIN advice a ON a.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND a.created_at < :to"
          + " AND (a.created_at >= :recentFrom OR a.outcome_at >= :recentFrom)"
          + " GROUP BY a.pair_id, a.member_id";

  static final String PAIR_FEEDBACK =
      "SELECT f.pair_id, f.member_id, COUNT(*) AS answers,"
          + " AVG(CAST(f.rating AS DOUBLE PRECISION)) AS mean"
          + " FROM pair p JOIN feedback f ON f.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND f.created_at >= :feedbackFrom AND f.created_at < :to"
          + " GROUP BY f.pair_id, f.member_id";

  static final String ROLE_FEEDBACK =
      "SELECT f.role, COUNT(*) AS answers, COUNT(DISTINCT f.member_id) AS people,"
          + " AVG(CAST(f.rating AS DOUBLE PRECISION)) AS mean"
          + " FROM pair p JOIN feedback f ON f.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND f.created_at >= :feedbackFrom AND f.created_at < :to"
          + " GROUP BY f.role";

  /** Permanent DM failures (Nudge gave up) to people of the program's workspace in two weeks. */
  static final String DM_FAILURES =
      "SELECT o.target_id, COUNT(*) AS failures FROM outbox o"
          + " WHERE o.status = 'failed' AND o.target_kind = 'dm'"
          + " AND o.platform = :platform AND o.workspace = :workspace"
          + " AND o.created_at >= :previousFrom AND o.created_at < :to"
          + " GROUP BY o.target_id";

  static final String SHARED_WINS =
      "SELECT w.text, m.display_name, w.created_at"
          + " FROM pair p JOIN win w ON w.pair_id = p.id JOIN member m ON m.id = w.member_id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND w.shared AND w.created_at >= :weekFrom AND w.created_at < :to"
          + " ORDER BY w.created_at, w.id";

  static final String VOLUNTEERS =
      "SELECT m.id, m.display_name, m.volunteered_at FROM member m"
          + " WHERE m.volunteered_at IS NOT NULL AND m.volunteered_at < :to"
          + " AND EXISTS (SELECT 1 FROM pair p WHERE p.program_id = :program"
          + " AND (p.mentee_id = m.id OR p.mentor_id = m.id))"
          + " AND NOT EXISTS (SELECT 1 FROM pair q WHERE q.mentor_id = m.id AND q.ended_at IS NULL)"
          + " ORDER BY m.volunteered_at, m.id";

  /** Every aggregate query a digest runs, for the benchmark to time bare. */
  static final List<String> QUERIES =
      List.of(
          PAIRS,
          CHECK_INS,
          PROMPTS,
          WINS,
          ADVICE,
          PAIR_FEEDBACK,
          ROLE_FEEDBACK,
          DM_FAILURES,
          SHARED_WINS,
          VOLUNTEERS);

  private final Handle handle;

  JdbiDigests(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Schedule schedule(long programId) {
    return handle
        .createQuery(
            "SELECT digest_day, digest_hour, time_zone, next_digest_at FROM program"
                + " WHERE id = :id")
        .bind("id", programId)
        .map(
            (rs, ctx) ->
                new Schedule(
                    DayOfWeek.of(rs.getInt("digest_day")),
                    rs.getInt("digest_hour"),
                    ZoneId.of(rs.getString("time_zone")),
                    Rows.instant(rs, "next_digest_at")))
        .one();
  }

  @Override
  public void setSchedule(long programId, DayOfWeek day, int hour, ZoneId zone, Instant nextAt) {
    handle
        .createUpdate(
            "UPDATE program SET digest_day = :day, digest_hour = :hour, time_zone = :zone,"
                + " next_digest_at = :next WHERE id = :id")
        .bind("day", day.getValue())
        .bind("hour", hour)
        .bind("zone", zone.getId())
        .bind("next", nextAt)
        .bind("id", programId)
        .execute();
  }

  @Override
  public void setNextDigest(long programId, Instant at) {
    handle
        .createUpdate("UPDATE program SET next_digest_at = :at WHERE id = :id")
        .bind("at", at)
        .bind("id", programId)
        .execute();
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT id FROM program WHERE next_digest_at IS NULL OR next_digest_at <= :now"
                + " ORDER BY next_digest_at, id LIMIT :limit")
        .bind("now", now)
        .bind("limit", limit)
        .mapTo(Long.class)
        .list();
  }

  @Override
  public ProgramStats stats(Program program, ProgramStats.Window window, Long pairId) {
    Map<Long, Counts> counts = new HashMap<>();
    query(CHECK_INS, program, window, pairId)
        .map(
            (rs, ctx) -> {
              CheckIns c = new CheckIns();
              c.last = Rows.instant(rs, "last_at");
              c.lastBeforeWeek = Rows.instant(rs, "last_before_week");
              c.week = rs.getInt("week");
              c.previous = rs.getInt("previous");
              c.byMentor = rs.getInt("by_mentor");
              c.byMentee = rs.getInt("by_mentee");
              return Map.entry(rs.getLong("pair_id"), c);
            })
        .forEach(
            e -> counts.computeIfAbsent(e.getKey(), k -> new Counts()).checkIns = e.getValue());
    forEachRow(
        query(PROMPTS, program, window, pairId),
        rs -> {
          Acc a = accumulator(counts, rs);
          a.promptsWeek = rs.getInt("week");
          a.respondedWeek = rs.getInt("week_responded");
          a.promptsPrevious = rs.getInt("previous");
          a.respondedPrevious = rs.getInt("previous_responded");
          a.promptsRecent = rs.getInt("recent");
          a.respondedRecent = rs.getInt("recent_responded");
        });
    forEachRow(
        query(WINS, program, window, pairId),
        rs -> {
          Acc a = accumulator(counts, rs);
          a.winsWeek = rs.getInt("week");
          a.winsPrevious = rs.getInt("previous");
          a.winsRecent = rs.getInt("recent");
        });
    forEachRow(
        query(ADVICE, program, window, pairId),
        rs -> {
          Acc a = accumulator(counts, rs);
          a.adviceLogged = rs.getInt("logged");
          a.adviceReported = rs.getInt("reported");
          a.adviceReportedWeek = rs.getInt("week_reported");
          a.adviceTriedWeek = rs.getInt("week_tried");
        });
    forEachRow(
        query(PAIR_FEEDBACK, program, window, pairId),
        rs ->
            accumulator(counts, rs).feedback =
                new RoleFeedback(rs.getInt("answers"), 1, rs.getDouble("mean")));
    Map<String, Integer> dmFailures = new HashMap<>();
    query(DM_FAILURES, program, window, pairId)
        .map((rs, ctx) -> Map.entry(rs.getString("target_id"), rs.getInt("failures")))
        .forEach(e -> dmFailures.put(e.getKey(), e.getValue()));

    List<PairStats> pairs =
        query(PAIRS, program, window, pairId).map((rs, ctx) -> pair(rs, counts, dmFailures)).list();

    Map<String, RoleFeedback> byRole = new LinkedHashMap<>();
    query(ROLE_FEEDBACK, program, window, pairId)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("role"),
                    new RoleFeedback(
                        rs.getInt("answers"), rs.getInt("people"), rs.getDouble("mean"))))
        .forEach(e -> byRole.put(e.getKey(), e.getValue()));

    List<Highlight> highlights = new ArrayList<>();
    int[] shared = {0};
    query(SHARED_WINS, program, window, pairId)
        .map(
            (rs, ctx) ->
                new Highlight(
                    rs.getString("display_name"),
                    rs.getString("text"),
                    Rows.instant(rs, "created_at")))
        .forEach(
            h -> {
              shared[0]++;
              if (highlights.size() < HIGHLIGHTS) {
                highlights.add(h);
              }
            });

    List<Volunteer> volunteers =
        pairId != null
            ? List.of()
            : query(VOLUNTEERS, program, window, null)
                .map(
                    (rs, ctx) ->
                        new Volunteer(
                            rs.getLong("id"),
                            rs.getString("display_name"),
                            Rows.instant(rs, "volunteered_at")))
                .list();
    return new ProgramStats(pairs, byRole, highlights, shared[0], volunteers);
  }

  /** A query of {@link #QUERIES} with every parameter bound (each uses some of them). */
  Query query(String sql, Program program, ProgramStats.Window window, Long pairId) {
    Query query =
        handle
            .createQuery(sql)
            .configure(SqlStatements.class, s -> s.setUnusedBindingAllowed(true))
            .define("pair", pairId == null ? "" : "AND p.id = :pair")
            .bind("program", program.id())
            .bind("platform", program.platform())
            .bind("workspace", program.workspace())
            .bind("to", window.to())
            .bind("weekFrom", window.weekFrom())
            .bind("previousFrom", window.previousFrom())
            .bind("recentFrom", window.recentFrom())
            .bind("feedbackFrom", window.feedbackFrom());
    return pairId == null ? query : query.bind("pair", pairId);
  }

  private static PairStats pair(
      ResultSet rs, Map<Long, Counts> counts, Map<String, Integer> dmFailures) throws SQLException {
    long id = rs.getLong("id");
    Counts c = counts.getOrDefault(id, new Counts());
    CheckIns checkIns = c.checkIns == null ? new CheckIns() : c.checkIns;
    long mentorId = rs.getLong("mentor_id");
    long menteeId = rs.getLong("mentee_id");
    String mentorUser = rs.getString("mentor_user");
    String menteeUser = rs.getString("mentee_user");
    Side mentor =
        new Side(
            mentorId,
            mentorUser,
            rs.getString("mentor_name"),
            rs.getInt("mentor_unanswered"),
            Rows.instant(rs, "mentor_paused"),
            c.activity(mentorId, checkIns.byMentor, dmFailures.getOrDefault(mentorUser, 0)),
            c.feedback(mentorId));
    Side mentee =
        new Side(
            menteeId,
            menteeUser,
            rs.getString("mentee_name"),
            rs.getInt("mentee_unanswered"),
            Rows.instant(rs, "mentee_paused"),
            c.activity(menteeId, checkIns.byMentee, dmFailures.getOrDefault(menteeUser, 0)),
            c.feedback(menteeId));
    return new PairStats(
        id,
        rs.getString("phase"),
        Rows.instant(rs, "started_at"),
        rs.getInt("cadence_days"),
        mentor,
        mentee,
        checkIns.last,
        checkIns.lastBeforeWeek,
        checkIns.week,
        checkIns.previous);
  }

  private static Acc accumulator(Map<Long, Counts> counts, ResultSet rs) throws SQLException {
    long pair = rs.getLong("pair_id");
    long member = rs.getLong("member_id");
    return counts
        .computeIfAbsent(pair, k -> new Counts())
        .members
        .computeIfAbsent(member, k -> new Acc());
  }

  /** Reads each row of {@code query} as it comes, without collecting them. */
  private static void forEachRow(Query query, RowAction action) {
    query
        .map(
            (rs, ctx) -> {
              action.accept(rs);
              return Boolean.TRUE;
            })
        .forEach(done -> {});
  }

  @FunctionalInterface
  private interface RowAction {
    void accept(ResultSet rs) throws SQLException;
  }

  /** What the grouped queries found for one pair. */
  private static final class Counts {
    CheckIns checkIns;
    final Map<Long, Acc> members = new HashMap<>(4);

    MemberActivity activity(long memberId, int checkInsRecorded, int failures) {
      Acc a = members.get(memberId);
      if (a == null) {
        return checkInsRecorded == 0 && failures == 0
            ? MemberActivity.NONE
            : new MemberActivity(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, checkInsRecorded, failures);
      }
      return new MemberActivity(
          a.promptsWeek,
          a.respondedWeek,
          a.promptsPrevious,
          a.respondedPrevious,
          a.promptsRecent,
          a.respondedRecent,
          a.winsWeek,
          a.winsPrevious,
          a.winsRecent,
          a.adviceLogged,
          a.adviceReported,
          a.adviceReportedWeek,
          a.adviceTriedWeek,
          checkInsRecorded,
          failures);
    }

    RoleFeedback feedback(long memberId) {
      Acc a = members.get(memberId);
      return a == null || a.feedback == null ? RoleFeedback.NONE : a.feedback;
    }
  }

  /** One check-in row of {@link #CHECK_INS}. */
  private static final class CheckIns {
    Instant last;
    Instant lastBeforeWeek;
    int week;
    int previous;
    int byMentor;
    int byMentee;
  }

  /** One member's counts in one pair, filled by several queries. */
  private static final class Acc {
    int promptsWeek;
    int respondedWeek;
    int promptsPrevious;
    int respondedPrevious;
    int promptsRecent;
    int respondedRecent;
    int winsWeek;
    int winsPrevious;
    int winsRecent;
    int adviceLogged;
    int adviceReported;
    int adviceReportedWeek;
    int adviceTriedWeek;
    RoleFeedback feedback;
  }
}
