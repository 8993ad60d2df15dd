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
 * reWriteBatchedInserts}.
 */
@Tag("bench")
// Seeding and sweeping 100k rows on a loaded machine takes longer than the tests' 3 minutes.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@DisplayName("Benchmark: the 100k enqueue on H2 and on PostgreSQL, side by side")
class SideBySideEnqueueBenchmark {

  private static final int MEMBERS = EnqueueBenchmark.MEMBERS;

  @TempDir Path dir;

  @Test
  @DisplayName("the sweep enqueues 100k due prompts on each database")
  void sideBySide() throws Exception {
    try (Database warm = EnqueueBenchmark.open(dir.resolve("warm"))) {
      seed(warm, 20_000);
      EnqueueBenchmark.sweep(warm, BenchData.DUE.plusSeconds(20)).run();
    }
    double h2;
    try (Database db = EnqueueBenchmark.open(dir.resolve("h2"))) {
      h2 = timedSweep(db);
    }
    double postgres;
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      postgres = timedSweep(schema.database());
    }
    double rowByRow;
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
            "The sweep of \"Enqueue: 100k prompts due in the same minute\" above (%,d members due at once,"
                + " the JIT warmed on 20,000 members on H2 first), one run on each database in the same JVM, one after"
                + " the other, each on a freshly seeded database; PostgreSQL on 127.0.0.1, on the"
                + " same two cores.\n\n"
                + "| database | sweep s | members per second | goal (at most 10 s) |\n"
                + "| --- | ---: | ---: | --- |\n"
                + "| H2 file (`WRITE_DELAY=0`) | %.2f | %,.0f | %s |\n"
                + "| PostgreSQL (`reWriteBatchedInserts=true`, Nudge's setting) | %.2f | %,.0f | %s |\n"
                + "| PostgreSQL, batched inserts sent row by row (the driver's default, before) |"
                + " %.2f | %,.0f | %s |\n\n"
                + "",
            MEMBERS,
            h2,
            MEMBERS / h2,
            verdict(h2),
            postgres,
            MEMBERS / postgres,
            verdict(postgres),
            rowByRow,
            MEMBERS / rowByRow,
            verdict(rowByRow));
    BenchReport.write(
        "Enqueue on H2 and PostgreSQL, side by side",
        body,
        "mvn -Pbench verify -Dtest=SideBySideEnqueueBenchmark");
  }

  private static void seed(Database db, int members) throws Exception {
    BenchData.seed(
        db.dataSource(),
        members,
        BenchData.ZONES,
        BenchData.DUE,
        BenchData.DUE.plus(java.time.Duration.ofDays(10)),
        true);
  }

  private static String verdict(double seconds) {
    return seconds <= 10 ? "met" : "missed";
  }

  private static double timedSweep(Database db) throws Exception {
    seed(db, MEMBERS);
    Instant now = BenchData.DUE.plusSeconds(20);
    Sweep sweep = EnqueueBenchmark.sweep(db, now);
    long start = System.nanoTime();
    Map<String, Integer> handled = sweep.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(handled.get("reflections")).isEqualTo(MEMBERS);
    assertThat(BenchData.count(db.dataSource(), "SELECT COUNT(*) FROM outbox"))
        .isGreaterThanOrEqualTo(MEMBERS);
    System.out.printf(Locale.ROOT, "Sweep of %,d members: %.2f s%n", MEMBERS, seconds);
    return seconds;
  }
}
