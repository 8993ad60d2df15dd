package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.nudge.engine.domain.DigestWeeks;

/**
 * Weekly tallies: for each pair, member and program week (see {@link DigestWeeks}), how many
 * prompts they were sent and answered, wins, advice logged and reported, and check-ins. A digest
 * reads four or five tallied weeks per member, about 100,000 small rows for 10,000 pairs, instead
 * of the half a million events behind them, which H2 reads at 2 to 3 µs each.
 *
 * <p>The tallies are derived data, kept in step by the storage code that writes the events (in the
 * same transaction), and counted again from the events when they can't be trusted: when a program's
 * weeks change (a new digest day, hour or zone) and for programs from before tallies existed.
 * Events stay the record; the tallies never hold text.
 */
final class JdbiTallies {

  /**
   * Weeks counted again before the week a recount starts from: the digest reads four weeks of
   * activity and one more for the check-in before its week.
   */
  static final int RECOUNTED_WEEKS = 6;

  /** The changes, one row per member and week, as the source of one {@code MERGE}. */
  private static final ValuesList<Map.Entry<Key, Delta>> ROWS =
      new ValuesList<>(
          ValuesList.column("BIGINT", Long.class, e -> e.getKey().programId()),
          ValuesList.column("BIGINT", Long.class, e -> e.getKey().pairId()),
          ValuesList.column("BIGINT", Long.class, e -> e.getKey().memberId()),
          ValuesList.column("TIMESTAMP WITH TIME ZONE", Instant.class, e -> e.getKey().week()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().prompts()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().responded()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().wins()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().adviceLogged()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().adviceReported()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().adviceTried()),
          ValuesList.column("INT", Integer.class, e -> e.getValue().checkIns()),
          ValuesList.column(
              "TIMESTAMP WITH TIME ZONE", Instant.class, e -> e.getValue().lastCheckInAt()));

  private static final String MERGE_INTO = "MERGE INTO weekly_tally t USING (VALUES ";

  private static final String INSERT_INTO =
      "INSERT INTO weekly_tally (program_id, pair_id, member_id, week_start, prompts, responded,"
          + " wins, advice_logged, advice_reported, advice_tried, check_ins, last_check_in_at)"
          + " VALUES ";

  /**
   * PostgreSQL's form of {@link #MERGE_ON}: it finds each row through the key's index whatever the
   * planner knows, where its plan for a {@code MERGE} from a list of rows joined the whole table by
   * hash while statistics still said it was small (the 100k sweep's tallies took three times as
   * long as one {@code MERGE} per row). H2 has no {@code ON CONFLICT … DO UPDATE}.
   */
  private static final String ON_CONFLICT =
      " ON CONFLICT (pair_id, week_start, member_id) DO UPDATE SET"
          + " prompts = weekly_tally.prompts + EXCLUDED.prompts,"
          + " responded = weekly_tally.responded + EXCLUDED.responded,"
          + " wins = weekly_tally.wins + EXCLUDED.wins,"
          + " advice_logged = weekly_tally.advice_logged + EXCLUDED.advice_logged,"
          + " advice_reported = weekly_tally.advice_reported + EXCLUDED.advice_reported,"
          + " advice_tried = weekly_tally.advice_tried + EXCLUDED.advice_tried,"
          + " check_ins = weekly_tally.check_ins + EXCLUDED.check_ins,"
          // PostgreSQL's GREATEST ignores nulls.
          + " last_check_in_at = GREATEST(weekly_tally.last_check_in_at,"
          + " EXCLUDED.last_check_in_at)";

  private static final String MERGE_ON =
      ") AS d (program_id, pair_id, member_id, week_start, prompts, responded, wins,"
          + " advice_logged, advice_reported, advice_tried, check_ins, last_check_in_at)"
          + " ON t.pair_id = d.pair_id AND t.week_start = d.week_start"
          + " AND t.member_id = d.member_id"
          + " WHEN MATCHED THEN UPDATE SET prompts = t.prompts + d.prompts,"
          + " responded = t.responded + d.responded, wins = t.wins + d.wins,"
          + " advice_logged = t.advice_logged + d.advice_logged,"
          + " advice_reported = t.advice_reported + d.advice_reported,"
          + " advice_tried = t.advice_tried + d.advice_tried,"
          + " check_ins = t.check_ins + d.check_ins,"
          // H2's GREATEST is null when either is, PostgreSQL's ignores nulls: neither sees one.
          + " last_check_in_at = GREATEST(COALESCE(t.last_check_in_at, d.last_check_in_at),"
          + " COALESCE(d.last_check_in_at, t.last_check_in_at))"
          + " WHEN NOT MATCHED THEN INSERT (program_id, pair_id, member_id, week_start, prompts,"
          + " responded, wins, advice_logged, advice_reported, advice_tried, check_ins,"
          + " last_check_in_at) VALUES (d.program_id, d.pair_id, d.member_id, d.week_start,"
          + " d.prompts, d.responded, d.wins, d.advice_logged, d.advice_reported,"
          + " d.advice_tried, d.check_ins, d.last_check_in_at)";

  /** A change to one member's week in one pair. Negative counts take back what was counted. */
  record Delta(
      int prompts,
      int responded,
      int wins,
      int adviceLogged,
      int adviceReported,
      int adviceTried,
      int checkIns,
      Instant lastCheckInAt) {

    static final Delta WIN = new Delta(0, 0, 1, 0, 0, 0, 0, null);
    static final Delta ADVICE_LOGGED = new Delta(0, 0, 0, 1, 0, 0, 0, null);

    static Delta prompt(boolean responded) {
      return new Delta(1, responded ? 1 : 0, 0, 0, 0, 0, 0, null);
    }

    static Delta responded(int change) {
      return new Delta(0, change, 0, 0, 0, 0, 0, null);
    }

    static Delta outcome(boolean tried, int sign) {
      return new Delta(0, 0, 0, 0, sign, tried ? sign : 0, 0, null);
    }

    static Delta checkIn(Instant at) {
      return new Delta(0, 0, 0, 0, 0, 0, 1, at);
    }

    Delta plus(Delta o) {
      return new Delta(
          prompts + o.prompts,
          responded + o.responded,
          wins + o.wins,
          adviceLogged + o.adviceLogged,
          adviceReported + o.adviceReported,
          adviceTried + o.adviceTried,
          checkIns + o.checkIns,
          Rows.later(lastCheckInAt, o.lastCheckInAt));
    }
  }

  /** A change to tally, for an event of {@code pairId} by {@code memberId} at {@code at}. */
  record Change(long pairId, long memberId, Instant at, Delta delta) {}

  private record Key(long programId, long pairId, long memberId, Instant week) {}

  private record Grid(long programId, WeekFinder weeks) {}

  private final Handle handle;

  JdbiTallies(Handle handle) {
    this.handle = handle;
  }

  void add(long pairId, long memberId, Instant at, Delta delta) {
    addAll(List.of(new Change(pairId, memberId, at, delta)));
  }

  /**
   * Counts the changes in their program weeks, one statement per {@link ValuesList#MAX_ROWS}
   * members and weeks touched. On H2, two transactions adding a member's first row of a week at
   * once: the later one's insert breaks the key, and it counts again as an update of the row the
   * other one made (PostgreSQL's {@code ON CONFLICT} does that itself).
   */
  void addAll(Collection<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Map<Long, Grid> grids = grids(changes.stream().map(Change::pairId).distinct().toList());
    Map<Key, Delta> merged = new HashMap<>();
    for (Change c : changes) {
      Grid grid = grids.get(c.pairId());
      if (grid == null) {
        continue; // a pair that doesn't exist has no weeks to count in
      }
      Key key = new Key(grid.programId(), c.pairId(), c.memberId(), grid.weeks().startOf(c.at()));
      merged.merge(key, c.delta(), Delta::plus);
    }
    String savepoint = "tally";
    handle.savepoint(savepoint);
    try {
      merge(merged);
      handle.releaseSavepoint(savepoint);
    } catch (UnableToExecuteStatementException e) {
      if (!Rows.isUniqueViolation(e)) {
        throw e;
      }
      handle.rollbackToSavepoint(savepoint);
      merge(merged);
    }
  }

  /**
   * One {@code MERGE} per {@link ValuesList#MAX_ROWS} member weeks (each key once, as a {@code
   * MERGE} may touch a row only once).
   */
  private void merge(Map<Key, Delta> merged) {
    boolean postgres = Rows.isPostgres(handle);
    for (List<Map.Entry<Key, Delta>> rows : ValuesList.chunks(List.copyOf(merged.entrySet()))) {
      String values = ROWS.placeholders(rows.size());
      ROWS.bind(
              handle.createUpdate(
                  postgres ? INSERT_INTO + values + ON_CONFLICT : MERGE_INTO + values + MERGE_ON),
              rows)
          .execute();
    }
  }

  /** The program and weeks of each pair; pairs of one program share its weeks. */
  private Map<Long, Grid> grids(List<Long> pairIds) {
    Map<Long, Grid> byProgram = new HashMap<>();
    Map<Long, Grid> grids = new HashMap<>();
    handle
        .createQuery(
            "SELECT p.id, p.program_id, g.digest_day, g.digest_hour, g.time_zone FROM pair p"
                + " JOIN program g ON g.id = p.program_id WHERE p.id IN (<ids>)")
        .bindList("ids", pairIds)
        .map(
            (rs, ctx) -> {
              long program = rs.getLong("program_id");
              DigestWeeks weeks =
                  new DigestWeeks(
                      DayOfWeek.of(rs.getInt("digest_day")),
                      rs.getInt("digest_hour"),
                      ZoneId.of(rs.getString("time_zone")));
              Grid grid =
                  byProgram.computeIfAbsent(program, k -> new Grid(k, new WeekFinder(weeks)));
              return Map.entry(rs.getLong("id"), grid);
            })
        .forEach(e -> grids.put(e.getKey(), e.getValue()));
    return grids;
  }

  /**
   * Makes sure the program's tallies were counted in {@code weeks} from {@code from} on, counting
   * them again from the events if not.
   */
  void ensureCounted(long programId, DigestWeeks weeks, Instant from) {
    boolean current =
        handle
                .createQuery(
                    "SELECT COUNT(*) FROM program WHERE id = :id AND tallied_weeks = :weeks"
                        + " AND tallied_from <= :from")
                .bind("id", programId)
                .bind("weeks", weeks.key())
                .bind("from", from)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (!current) {
      recount(programId, weeks, weeks.weeksBefore(weeks.startOf(from), RECOUNTED_WEEKS));
    }
  }

  /**
   * The events tallied, each as the rows of one kind of event of a program's pairs since {@code
   * :since}: who, which pair, when it counts, and what it adds.
   */
  private record Tallied(String table, String at, String where, String more, DeltaOf delta) {

    String sql() {
      return "SELECT e.pair_id, e.member_id, e."
          + at
          + more
          + " FROM pair p JOIN "
          + table
          + " e ON e.pair_id = p.id WHERE p.program_id = :program AND e."
          + at
          + " >= :since"
          + where;
    }
  }

  private static final List<Tallied> TALLIED =
      List.of(
          new Tallied(
              "prompt",
              "sent_at",
              " AND e.counts AND e.kind NOT IN (" + JdbiPrompts.ASK_NOTHING_SQL + ")",
              ", e.status",
              rs -> Delta.prompt(JdbiPrompts.isResponded(rs.getString("status")))),
          new Tallied("win", "created_at", "", "", rs -> Delta.WIN),
          new Tallied("advice", "created_at", "", "", rs -> Delta.ADVICE_LOGGED),
          new Tallied(
              "advice",
              "outcome_at",
              "",
              ", e.acted",
              rs -> Delta.outcome(JdbiAdvice.TRIED.equals(rs.getString("acted")), 1)),
          new Tallied(
              "checkin",
              "created_at",
              "",
              "",
              rs -> Delta.checkIn(Rows.instant(rs, "created_at"))));

  @FunctionalInterface
  private interface DeltaOf {
    Delta of(ResultSet rs) throws SQLException;
  }

  /**
   * Counts the program's tallies again from its events since {@code since} (a week boundary), in
   * {@code weeks}; earlier weeks are dropped, as nothing reads them.
   */
  void recount(long programId, DigestWeeks weeks, Instant since) {
    handle
        .createUpdate("DELETE FROM weekly_tally WHERE program_id = :program")
        .bind("program", programId)
        .execute();
    WeekFinder finder = new WeekFinder(weeks);
    Map<Key, Delta> counts = new HashMap<>();
    for (Tallied tallied : TALLIED) {
      handle
          .createQuery(tallied.sql())
          .bind("program", programId)
          .bind("since", since)
          .map(
              (rs, ctx) -> {
                Instant week = finder.startOf(Rows.instant(rs, tallied.at()));
                Key key = new Key(programId, rs.getLong("pair_id"), rs.getLong("member_id"), week);
                counts.merge(key, tallied.delta().of(rs), Delta::plus);
                return Boolean.TRUE;
              })
          .forEach(done -> {});
    }
    if (!counts.isEmpty()) {
      merge(counts);
    }
    handle
        .createUpdate(
            "UPDATE program SET tallied_weeks = :weeks, tallied_from = :since WHERE id = :id")
        .bind("weeks", weeks.key())
        .bind("since", since)
        .bind("id", programId)
        .execute();
  }

  /** Week starts of one grid, remembered: events come many to a week. */
  private static final class WeekFinder {
    private final DigestWeeks weeks;
    private final TreeMap<Instant, Instant> endByStart = new TreeMap<>();

    WeekFinder(DigestWeeks weeks) {
      this.weeks = weeks;
    }

    Instant startOf(Instant at) {
      Map.Entry<Instant, Instant> known = endByStart.floorEntry(at);
      if (known != null && at.isBefore(known.getValue())) {
        return known.getKey();
      }
      Instant start = weeks.startOf(at);
      endByStart.put(start, weeks.next(start));
      return start;
    }
  }
}
