package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.nudge.engine.domain.DigestWeeks;
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
 * The digest's aggregates: the program's active pairs, each member's weekly tallies (see {@link
 * JdbiTallies}) and feedback ratings, summed here by pair, member and role. The same SQL runs on H2
 * and PostgreSQL. No query selects a reflection, an advice's text or outcome, or a feedback
 * comment; the only free text read is that of wins their authors shared.
 */
final class JdbiDigests implements Digests {

  /** The shared wins a digest lists at most. */
  static final int HIGHLIGHTS = 10;

  /** The program's active pairs; {@code <pair>} narrows to one pair. */
  private static final String ACTIVE_PAIRS =
      "p.program_id = :program AND p.ended_at IS NULL AND p.started_at < :to <pair>";

  static final String PAIRS =
      "SELECT p.id, p.phase, p.started_at, p.last_checkin_at,"
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

  /**
   * Each member's tallied weeks from {@code :talliedFrom}: the four weeks of recent activity and
   * one more, for the check-in before the week. Rows of pairs that have ended are dropped in Java
   * rather than joined away (cheaper than 10,000 lookups by pair).
   */
  static final String TALLIES =
      "SELECT t.pair_id, t.member_id, t.week_start, t.prompts, t.responded, t.wins,"
          + " t.advice_logged, t.advice_reported, t.advice_tried, t.check_ins,"
          + " t.last_check_in_at FROM weekly_tally t"
          + " WHERE t.program_id = :program AND t.week_start >= :talliedFrom"
          + " AND t.week_start < :to <tallyPair>";

  /**
   * Ratings per pair, member and role in the feedback window (whole weeks only), summed so roles
   * add up exactly.
   */
  static final String FEEDBACK =
      "SELECT f.pair_id, f.member_id, f.role, COUNT(*) AS answers, SUM(f.rating) AS rating_sum"
          + " FROM pair p JOIN feedback f ON f.pair_id = p.id"
          + " WHERE "
          + ACTIVE_PAIRS
          + " AND f.created_at >= :feedbackFrom AND f.created_at < :feedbackTo"
          + " GROUP BY f.pair_id, f.member_id, f.role";

  /** Ratings per role of the program's active pairs in {@code [from, to)}, and who gave them. */
  static final String ROLE_FEEDBACK =
      "SELECT f.role, COUNT(*) AS answers, COUNT(DISTINCT f.member_id) AS people,"
          + " SUM(f.rating) AS rating_sum"
          + " FROM pair p JOIN feedback f ON f.pair_id = p.id"
          + " WHERE p.program_id = :program AND p.ended_at IS NULL"
          + " AND f.created_at >= :from AND f.created_at < :to"
          + " GROUP BY f.role";

  /** Replaces a role's published figure, as one statement on H2 and PostgreSQL alike. */
  static final String PUBLISH =
      "MERGE INTO published_feedback t USING (VALUES (CAST(:program AS BIGINT),"
          + " CAST(:role AS VARCHAR(16)), CAST(:halves AS SMALLINT), CAST(:answers AS INT),"
          + " CAST(:coversTo AS TIMESTAMP WITH TIME ZONE),"
          + " CAST(:now AS TIMESTAMP WITH TIME ZONE)))"
          + " AS d (program_id, role, mean_halves, answers, covers_to, published_at)"
          + " ON t.program_id = d.program_id AND t.role = d.role"
          + " WHEN MATCHED THEN UPDATE SET mean_halves = d.mean_halves, answers = d.answers,"
          + " covers_to = d.covers_to, published_at = d.published_at"
          + " WHEN NOT MATCHED THEN INSERT (program_id, role, mean_halves, answers, covers_to,"
          + " published_at) VALUES (d.program_id, d.role, d.mean_halves, d.answers, d.covers_to,"
          + " d.published_at)";

  /**
   * The latest check-ins of pairs whose tallies can't tell: a pair that met this week (or since the
   * week ended) after more than four weeks without meeting.
   */
  static final String OLDER_CHECK_INS =
      "SELECT c.pair_id, MAX(c.created_at) AS last_at,"
          + " MAX(CASE WHEN c.created_at < :weekFrom THEN c.created_at END) AS last_before_week"
          + " FROM checkin c WHERE c.pair_id IN (<pairs>) AND c.created_at < :to"
          + " GROUP BY c.pair_id";

  /** Permanent DM failures (Nudge gave up) to people of the program's workspace in two weeks. */
  static final String DM_FAILURES =
      "SELECT o.target_id, COUNT(*) AS failures FROM outbox o"
          + " WHERE o.status = 'failed' AND o.target_kind = 'dm'"
          + " AND o.platform = :platform AND o.workspace = :workspace"
          + " AND o.created_at >= :previousFrom AND o.created_at < :to"
          + " GROUP BY o.target_id";

  /** The week's shared wins, found through the index on (shared, created_at). */
  static final String SHARED_WINS =
      "SELECT w.id, w.member_id, w.pair_id, w.text, m.display_name, w.created_at"
          + " FROM win w JOIN pair p ON p.id = w.pair_id JOIN member m ON m.id = w.member_id"
          + " WHERE w.shared = TRUE AND w.created_at >= :weekFrom AND w.created_at < :to AND "
          + ACTIVE_PAIRS
          + " ORDER BY w.created_at, w.id";

  /** The week's thanks in the program's active pairs, counted through the index on the pair. */
  static final String THANKS =
      "SELECT COUNT(*) AS thanks FROM thanks t JOIN pair p ON p.id = t.pair_id"
          + " WHERE t.created_at >= :weekFrom AND t.created_at < :to AND "
          + ACTIVE_PAIRS;

  /**
   * Volunteers, from the index on when they volunteered; each is looked up in the program through
   * the pair indexes by mentee and by mentor (one EXISTS with an OR read the program's every pair
   * for each volunteer).
   */
  static final String VOLUNTEERS =
      "SELECT m.id, m.display_name, m.volunteered_at FROM member m"
          // From a lower bound: H2's index holds the members who never volunteered first (nulls
          // sort low), and a scan bounded only above reads all of them.
          + " WHERE m.volunteered_at >= TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'"
          + " AND m.volunteered_at < :to"
          + " AND (EXISTS (SELECT 1 FROM pair p WHERE p.program_id = :program"
          + " AND p.mentee_id = m.id)"
          + " OR EXISTS (SELECT 1 FROM pair p WHERE p.program_id = :program"
          + " AND p.mentor_id = m.id))"
          + " AND NOT EXISTS (SELECT 1 FROM pair q WHERE q.mentor_id = m.id AND q.ended_at IS NULL)"
          + " ORDER BY m.volunteered_at, m.id";

  /** Every aggregate query a digest runs, for the benchmark to time bare. */
  static final List<String> QUERIES =
      List.of(PAIRS, TALLIES, FEEDBACK, DM_FAILURES, SHARED_WINS, THANKS, VOLUNTEERS);

  private final Handle handle;

  private final JdbiTallies tallies;

  JdbiDigests(Handle handle) {
    this.handle = handle;
    this.tallies = new JdbiTallies(handle);
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

  /**
   * Sets the schedule; the program's weeks change with it, so its tallies are counted again in the
   * new weeks (about a second for 10,000 pairs), here rather than in the next digest.
   */
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
    DigestWeeks weeks = new DigestWeeks(day, hour, zone);
    tallies.ensureCounted(programId, weeks, weeks.startBefore(nextAt));
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
    DigestWeeks weeks = schedule(program.id()).weeks();
    if (!weeks.startOf(window.weekFrom()).equals(window.weekFrom())) {
      throw new IllegalArgumentException(
          "A digest's week starts where one of the program's weeks does, not at "
              + window.weekFrom());
    }
    tallies.ensureCounted(program.id(), weeks, talliedFrom(weeks, window));
    Map<Long, Counts> counts = new HashMap<>();
    forEachRow(
        query(TALLIES, program, weeks, window, pairId),
        rs -> {
          Counts c = counts.computeIfAbsent(rs.getLong("pair_id"), k -> new Counts());
          c.member(rs.getLong("member_id")).add(rs, Rows.instant(rs, "week_start"), window, c);
        });
    forEachRow(
        query(FEEDBACK, program, weeks, window, pairId),
        rs -> {
          Acc a =
              counts
                  .computeIfAbsent(rs.getLong("pair_id"), k -> new Counts())
                  .member(rs.getLong("member_id"));
          a.feedbackAnswers += rs.getInt("answers");
          a.feedbackRatings += rs.getLong("rating_sum");
          a.role = rs.getString("role");
        });
    Map<String, Integer> dmFailures = new HashMap<>();
    query(DM_FAILURES, program, weeks, window, pairId)
        .map((rs, ctx) -> Map.entry(rs.getString("target_id"), rs.getInt("failures")))
        .forEach(e -> dmFailures.put(e.getKey(), e.getValue()));

    List<PairRow> rows =
        query(PAIRS, program, weeks, window, pairId).map((rs, ctx) -> PairRow.of(rs)).list();
    olderCheckIns(rows, counts, window);
    List<PairStats> pairs = new ArrayList<>(rows.size());
    Map<String, RoleTotals> roles = new LinkedHashMap<>();
    for (PairRow row : rows) {
      Counts c = counts.getOrDefault(row.id, new Counts());
      pairs.add(row.stats(c, dmFailures, window));
      for (Map.Entry<Long, Acc> member : c.members.entrySet()) {
        Acc a = member.getValue();
        if (a.feedbackAnswers > 0) {
          roles.computeIfAbsent(a.role, r -> new RoleTotals()).add(member.getKey(), a);
        }
      }
    }
    Map<String, RoleFeedback> byRole = new LinkedHashMap<>();
    roles.forEach((role, totals) -> byRole.put(role, totals.feedback()));

    List<Highlight> highlights = new ArrayList<>();
    int[] shared = {0};
    query(SHARED_WINS, program, weeks, window, pairId)
        .map(
            (rs, ctx) ->
                new Highlight(
                    rs.getLong("id"),
                    rs.getLong("member_id"),
                    rs.getLong("pair_id"),
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

    int thanks = query(THANKS, program, weeks, window, pairId).mapTo(Integer.class).one();

    List<Volunteer> volunteers =
        pairId != null
            ? List.of()
            : query(VOLUNTEERS, program, weeks, window, null)
                .map(
                    (rs, ctx) ->
                        new Volunteer(
                            rs.getLong("id"),
                            rs.getString("display_name"),
                            Rows.instant(rs, "volunteered_at")))
                .list();
    return new ProgramStats(pairs, byRole, highlights, shared[0], thanks, volunteers);
  }

  @Override
  public Map<String, RoleFeedback> feedbackByRole(Program program, Instant from, Instant to) {
    Map<String, RoleFeedback> byRole = new LinkedHashMap<>();
    handle
        .createQuery(ROLE_FEEDBACK)
        .bind("program", program.id())
        .bind("from", from)
        .bind("to", to)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("role"),
                    new RoleFeedback(
                        rs.getInt("answers"),
                        rs.getInt("people"),
                        rs.getLong("rating_sum") / (double) rs.getInt("answers"))))
        .forEach(e -> byRole.put(e.getKey(), e.getValue()));
    return byRole;
  }

  @Override
  public Map<String, PublishedFeedback> publishedFeedback(long programId) {
    Map<String, PublishedFeedback> byRole = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT role, mean_halves, answers, covers_to, published_at FROM published_feedback"
                + " WHERE program_id = :program")
        .bind("program", programId)
        .map(
            (rs, ctx) ->
                new PublishedFeedback(
                    rs.getString("role"),
                    rs.getInt("mean_halves"),
                    rs.getInt("answers"),
                    Rows.instant(rs, "covers_to"),
                    Rows.instant(rs, "published_at")))
        .forEach(p -> byRole.put(p.role(), p));
    return byRole;
  }

  @Override
  public void publishFeedback(long programId, PublishedFeedback figure) {
    handle
        .createUpdate(PUBLISH)
        .bind("program", programId)
        .bind("role", figure.role())
        .bind("halves", figure.meanHalves())
        .bind("answers", figure.answers())
        .bind("coversTo", figure.coversTo())
        .bind("now", figure.publishedAt())
        .execute();
  }

  /** The first tallied week a digest reads: four weeks of activity and the one before. */
  static Instant talliedFrom(DigestWeeks weeks, ProgramStats.Window window) {
    return weeks.startBefore(window.recentFrom());
  }

  /**
   * Fills in the latest check-ins the tallies can't tell (see {@link #OLDER_CHECK_INS}): a pair
   * whose latest check-in is at or after the week's start, and none tallied before it.
   */
  private void olderCheckIns(List<PairRow> rows, Map<Long, Counts> counts, ProgramStats.Window w) {
    List<Long> unknown = new ArrayList<>();
    for (PairRow row : rows) {
      Counts c = counts.get(row.id);
      if (row.lastCheckInAt != null
          && !row.lastCheckInAt.isBefore(w.weekFrom())
          && (c == null || c.lastBeforeWeek == null)) {
        unknown.add(row.id);
      }
    }
    for (int from = 0; from < unknown.size(); from += 1_000) {
      handle
          .createQuery(OLDER_CHECK_INS)
          .bindList("pairs", unknown.subList(from, Math.min(unknown.size(), from + 1_000)))
          .bind("to", w.to())
          .bind("weekFrom", w.weekFrom())
          .map(
              (rs, ctx) -> {
                Counts c = counts.computeIfAbsent(rs.getLong("pair_id"), k -> new Counts());
                c.lastTallied = Rows.instant(rs, "last_at");
                c.lastBeforeWeek = Rows.instant(rs, "last_before_week");
                return Boolean.TRUE;
              })
          .forEach(done -> {});
    }
  }

  /** A query of {@link #QUERIES} with every parameter bound (each uses some of them). */
  Query query(
      String sql, Program program, DigestWeeks weeks, ProgramStats.Window window, Long pairId) {
    Query query =
        handle
            .createQuery(sql)
            .configure(SqlStatements.class, s -> s.setUnusedBindingAllowed(true))
            .define("pair", pairId == null ? "" : "AND p.id = :pair")
            .define("tallyPair", pairId == null ? "" : "AND t.pair_id = :pair")
            .bind("program", program.id())
            .bind("platform", program.platform())
            .bind("workspace", program.workspace())
            .bind("to", window.to())
            .bind("weekFrom", window.weekFrom())
            .bind("previousFrom", window.previousFrom())
            .bind("recentFrom", window.recentFrom())
            .bind("feedbackFrom", window.feedbackFrom())
            .bind("feedbackTo", window.feedbackTo())
            .bind("talliedFrom", talliedFrom(weeks, window));
    return pairId == null ? query : query.bind("pair", pairId);
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

  /** One row of {@link #PAIRS}. */
  private record PairRow(
      long id,
      String phase,
      Instant startedAt,
      Instant lastCheckInAt,
      int cadenceDays,
      Person mentor,
      Person mentee) {

    static PairRow of(ResultSet rs) throws SQLException {
      return new PairRow(
          rs.getLong("id"),
          rs.getString("phase"),
          Rows.instant(rs, "started_at"),
          Rows.instant(rs, "last_checkin_at"),
          rs.getInt("cadence_days"),
          Person.of(rs, "mentor"),
          Person.of(rs, "mentee"));
    }

    PairStats stats(Counts c, Map<String, Integer> dmFailures, ProgramStats.Window w) {
      // The pair's own latest check-in is exact unless it came after the window (a digest built
      // late); then the tallies, or the older check-ins read for this pair, have the one before.
      boolean latestInWindow = lastCheckInAt != null && lastCheckInAt.isBefore(w.to());
      boolean latestBeforeWeek = lastCheckInAt != null && lastCheckInAt.isBefore(w.weekFrom());
      return new PairStats(
          id,
          phase,
          startedAt,
          cadenceDays,
          mentor.side(c, dmFailures),
          mentee.side(c, dmFailures),
          latestInWindow ? lastCheckInAt : c.lastTallied,
          latestBeforeWeek ? lastCheckInAt : c.lastBeforeWeek,
          c.checkInsWeek,
          c.checkInsPrevious);
    }
  }

  /** One side of a row of {@link #PAIRS}, from its columns named {@code <role>_…}. */
  private record Person(long id, String user, String name, int unanswered, Instant paused) {

    static Person of(ResultSet rs, String role) throws SQLException {
      return new Person(
          rs.getLong(role + "_id"),
          rs.getString(role + "_user"),
          rs.getString(role + "_name"),
          rs.getInt(role + "_unanswered"),
          Rows.instant(rs, role + "_paused"));
    }

    Side side(Counts c, Map<String, Integer> dmFailures) {
      return new Side(
          id,
          user,
          name,
          unanswered,
          paused,
          c.activity(id, dmFailures.getOrDefault(user, 0)),
          c.feedback(id));
    }
  }

  /** What the tallies and feedback say about one pair. */
  private static final class Counts {
    final Map<Long, Acc> members = new HashMap<>(4);
    int checkInsWeek;
    int checkInsPrevious;
    Instant lastTallied;
    Instant lastBeforeWeek;

    Acc member(long memberId) {
      return members.computeIfAbsent(memberId, k -> new Acc());
    }

    MemberActivity activity(long memberId, int failures) {
      Acc a = members.get(memberId);
      if (a == null) {
        return failures == 0
            ? MemberActivity.NONE
            : new MemberActivity(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, failures);
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
          a.checkIns,
          failures);
    }

    RoleFeedback feedback(long memberId) {
      Acc a = members.get(memberId);
      return a == null || a.feedbackAnswers == 0
          ? RoleFeedback.NONE
          : new RoleFeedback(a.feedbackAnswers, 1, (double) a.feedbackRatings / a.feedbackAnswers);
    }
  }

  /** One member's counts in one pair, summed from their tallied weeks and their feedback. */
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
    int checkIns;
    int feedbackAnswers;
    long feedbackRatings;
    String role;

    /** Adds one tallied week of this member to their counts and the pair's. */
    void add(ResultSet rs, Instant week, ProgramStats.Window w, Counts pair) throws SQLException {
      int prompts = rs.getInt("prompts");
      int responded = rs.getInt("responded");
      int wins = rs.getInt("wins");
      int checkInsOfWeek = rs.getInt("check_ins");
      Instant lastCheckIn = Rows.instant(rs, "last_check_in_at");
      if (!week.isBefore(w.weekFrom())) {
        promptsWeek += prompts;
        respondedWeek += responded;
        winsWeek += wins;
        adviceReportedWeek += rs.getInt("advice_reported");
        adviceTriedWeek += rs.getInt("advice_tried");
        pair.checkInsWeek += checkInsOfWeek;
      } else if (week.equals(w.previousFrom())) {
        promptsPrevious += prompts;
        respondedPrevious += responded;
        winsPrevious += wins;
        pair.checkInsPrevious += checkInsOfWeek;
      }
      if (!week.isBefore(w.recentFrom())) {
        promptsRecent += prompts;
        respondedRecent += responded;
        winsRecent += wins;
        adviceLogged += rs.getInt("advice_logged");
        adviceReported += rs.getInt("advice_reported");
        checkIns += checkInsOfWeek;
      }
      pair.lastTallied = Rows.later(pair.lastTallied, lastCheckIn);
      if (week.isBefore(w.weekFrom())) {
        pair.lastBeforeWeek = Rows.later(pair.lastBeforeWeek, lastCheckIn);
      }
    }
  }

  /** Feedback of one role across the program: answers, the people who gave them, their ratings. */
  private static final class RoleTotals {
    final Set<Long> people = new HashSet<>();
    int answers;
    long ratings;

    void add(long memberId, Acc a) {
      people.add(memberId);
      answers += a.feedbackAnswers;
      ratings += a.feedbackRatings;
    }

    RoleFeedback feedback() {
      return new RoleFeedback(answers, people.size(), (double) ratings / answers);
    }
  }
}
