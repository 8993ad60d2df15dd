package org.nudge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.config.NudgeConfig.DatabaseConfig;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.storage.Database;
import org.nudge.testing.TestDatabases;

/**
 * The 100k enqueue of {@link EnqueueBenchmark}, once on the H2 file and once on PostgreSQL in the
 * same run, so the two stores compare on the same machine at the same moment; and once more on
 * PostgreSQL with the driver sending each batched insert row by row, as before Nudge set {@code
 * reWriteBatchedInserts}. Each run also says where its database time went, by statement.
 */
@Tag("bench")
// Seeding and sweeping 100k rows on a loaded machine takes longer than the tests' 3 minutes.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@DisplayName("Benchmark: the 100k enqueue on H2 and on PostgreSQL, side by side")
class SideBySideEnqueueBenchmark {

  private static final int MEMBERS = EnqueueBenchmark.MEMBERS;

  @TempDir Path dir;

  /** One sweep's figures: its time and where the database time went. */
  private record Run(double seconds, StatementTimes times) {}

  @Test
  @DisplayName("the sweep enqueues 100k due prompts on each database")
  void sideBySide() throws Exception {
    try (Database warm = EnqueueBenchmark.open(dir.resolve("warm"))) {
      seed(warm, 20_000);
      EnqueueBenchmark.sweep(warm, BenchData.DUE.plusSeconds(20)).run();
    }
    Run h2;
    try (Database db = EnqueueBenchmark.open(dir.resolve("h2"))) {
      h2 = timedSweep(db);
    }
    Run postgres;
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      postgres = timedSweep(schema.database());
    }
    Run rowByRow;
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      // The same schema opened again with the driver's default: batched inserts row by row.
      try (Database db =
          Database.open(
              new DatabaseConfig(
                  TestDatabases.POSTGRES_URL
                      + "?currentSchema="
                      + schema.schema()
                      + "&reWriteBatchedInserts=false",
                  TestDatabases.POSTGRES_USER,
                  "",
                  8))) {
        rowByRow = timedSweep(db);
      }
    }
    String body =
        String.format(
                Locale.ROOT,
                "The sweep of \"Enqueue: 100k prompts due in the same minute\" above (%,d members"
                    + " due at once, the JIT warmed on 20,000 members on H2 first), one run on each"
                    + " database in the same JVM, one after the other, each on a freshly seeded"
                    + " database whose tables were then analysed (`ANALYZE`: the planner"
                    + " statistics autovacuum gives a PostgreSQL server within a minute of such a"
                    + " load; the server here runs with autovacuum off); PostgreSQL on 127.0.0.1,"
                    + " on the same two cores, with its default durability (`fsync`,"
                    + " `synchronous_commit=on`), H2 writing each commit through"
                    + " (`WRITE_DELAY=0`). The sweep takes %d members a transaction on H2 and"
                    + " %,d on PostgreSQL (`Store.sweepBatch`). In statements: the time JDBI"
                    + " measured for the sweep's statements, summed; in commits: the commits'; the"
                    + " rest is Nudge's own work.\n\n"
                    + "| database | sweep s | members per second | in statements s | in commits s"
                    + " (commits) | goal (at most 10 s) |\n"
                    + "| --- | ---: | ---: | ---: | ---: | --- |\n"
                    + "%s\n%s\n%s\n\n"
                    + "Where the time went, the five costliest statements of each sweep:\n\n"
                    + "- H2: %s\n"
                    + "- PostgreSQL: %s\n\n",
                MEMBERS,
                200,
                1_000,
                row("H2 file (`WRITE_DELAY=0`)", h2),
                row("PostgreSQL (`reWriteBatchedInserts=true`, Nudge's setting)", postgres),
                row("PostgreSQL, batched inserts sent row by row (the driver's default)", rowByRow),
                String.join("; ", h2.times().top(5, 60)),
                String.join("; ", postgres.times().top(5, 60)))
            + HISTORY;
    BenchReport.write(
        "Enqueue on H2 and PostgreSQL, side by side",
        body,
        "mvn -Pbench verify -Dtest=SideBySideEnqueueBenchmark");
  }

  /** What was measured before the set-based writes, for comparison (quiet machine, load < 1). */
  private static final String HISTORY =
      "Before (2026-12-01, this machine quiet): H2 9.27 s, PostgreSQL 21.74 s (20.38 s with"
          + " batched inserts row by row). Per statement, PostgreSQL then spent most of its time"
          + " reading: without statistics it scanned all 100,000 prompts and 50,000 pairs for"
          + " each batch's lookups by member (23 of 44 s in a profile on a loaded machine); with"
          + " them, in running each row of a JDBC batch as a statement of its own (updates and"
          + " merges are never rewritten, nor are inserts that return their rows). Now each kind"
          + " of write is one statement per 250 members (more rows made PostgreSQL's planner"
          + " hash whole tables instead of looking each row up): one multi-row insert of the"
          + " prompts returning their rows; the members' next due instants as one `MERGE` from a `VALUES`"
          + " list; last week's open reflections read with `FOR UPDATE` and expired by one"
          + " `UPDATE`; the weekly tallies as one `MERGE` on H2 and one `INSERT … ON CONFLICT …"
          + " DO UPDATE` on PostgreSQL (whose plan for the `MERGE` joined the whole tally table"
          + " by hash while its statistics said it was small); PostgreSQL's batches are of 1,000"
          + " members (a commit there waits for the write-ahead log's flush; on H2 a commit"
          + " writes every page the batch changed, so larger batches gained nothing).";

  private static String row(String what, Run run) {
    return String.format(
        Locale.ROOT,
        "| %s | %.2f | %,.0f | %.2f | %.2f (%,d) | %s |",
        what,
        run.seconds(),
        MEMBERS / run.seconds(),
        run.times().statementSeconds(),
        run.times().commitSeconds(),
        run.times().commits(),
        verdict(run.seconds()));
  }

  private static void seed(Database db, int members) throws Exception {
    BenchData.seed(
        db.dataSource(),
        members,
        BenchData.ZONES,
        BenchData.DUE,
        BenchData.DUE.plus(java.time.Duration.ofDays(10)),
        true);
    BenchData.analyze(db.dataSource());
  }

  private static String verdict(double seconds) {
    return seconds <= 10 ? "met" : "missed";
  }

  private static Run timedSweep(Database db) throws Exception {
    seed(db, MEMBERS);
    Instant now = BenchData.DUE.plusSeconds(20);
    Sweep sweep = EnqueueBenchmark.sweep(db, now);
    StatementTimes times = StatementTimes.on(db.jdbi());
    long start = System.nanoTime();
    Map<String, Integer> handled = sweep.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(handled.get("reflections")).isEqualTo(MEMBERS);
    assertThat(BenchData.count(db.dataSource(), "SELECT COUNT(*) FROM outbox"))
        .isGreaterThanOrEqualTo(MEMBERS);
    System.out.printf(Locale.ROOT, "Sweep of %,d members: %.2f s%n", MEMBERS, seconds);
    return new Run(seconds, times);
  }
}
