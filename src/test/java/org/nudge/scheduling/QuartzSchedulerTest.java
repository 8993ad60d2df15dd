package org.nudge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.rhythm.Routine;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

@DisplayName("The Quartz scheduler")
class QuartzSchedulerTest {

  @TempDir Path dir;

  /** A routine that counts the sweeps that reached it. */
  static final class Counting implements Routine {
    final CountDownLatch ran = new CountDownLatch(1);

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public int runBatch(Tx tx, Instant now, int limit) {
      ran.countDown();
      return 0;
    }
  }

  private static long jobs(Database db) {
    return db.jdbi()
        .withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS").mapTo(Long.class).one());
  }

  private void sweepsOn(Database db, boolean postgres) throws Exception {
    JdbiStore store = new JdbiStore(db.jdbi(), new MessageCodec());
    Counting first = new Counting();
    QuartzScheduler stopped;
    try (QuartzScheduler scheduler =
        QuartzScheduler.start(
            db.dataSource(), postgres, new Sweep(store, Clock.systemUTC(), List.of(first)))) {
      // WHEN it starts THEN it sweeps at once, to catch up on what came due while down
      assertThat(first.ran.await(20, TimeUnit.SECONDS)).isTrue();
      // AND /healthz counts it as running until it stops
      assertThat(scheduler.running()).isTrue();
      stopped = scheduler;
    }
    assertThat(stopped.running()).isFalse();
    assertThat(jobs(db)).isEqualTo(1);

    // a restart finds the stored job rather than adding a second one, and sweeps again
    Counting second = new Counting();
    try (QuartzScheduler scheduler =
        QuartzScheduler.start(
            db.dataSource(), postgres, new Sweep(store, Clock.systemUTC(), List.of(second)))) {
      assertThat(second.ran.await(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(jobs(db)).isEqualTo(1);
  }

  @Test
  @DisplayName("keeps its job in an H2 file and sweeps at start and after a restart")
  void onH2File() throws Exception {
    try (Database db = TestDatabases.h2File(dir.resolve("nudge"))) {
      sweepsOn(db, false);
    }
  }

  @Test
  @DisplayName("runs clustered on PostgreSQL with its own delegate")
  void onPostgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      sweepsOn(schema.database(), true);
    }
  }

  @Test
  @DisplayName("stopping waits for a running sweep to finish, and each sweep's time is reported")
  void stopWaitsForTheSweep() throws Exception {
    try (Database db = TestDatabases.h2File(dir.resolve("nudge"))) {
      JdbiStore store = new JdbiStore(db.jdbi(), new MessageCodec());
      // GIVEN a sweep that takes half a second
      CountDownLatch started = new CountDownLatch(1);
      AtomicBoolean finished = new AtomicBoolean();
      Routine slow =
          new Routine() {
            @Override
            public String name() {
              return "slow";
            }

            @Override
            public int runBatch(Tx tx, Instant now, int limit) {
              started.countDown();
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              finished.set(true);
              return 0;
            }
          };
      List<Duration> took = new CopyOnWriteArrayList<>();
      QuartzScheduler scheduler =
          QuartzScheduler.start(
              db.dataSource(),
              false,
              new Sweep(store, Clock.systemUTC(), List.of(slow)),
              took::add);
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

      // WHEN the scheduler stops mid-sweep
      scheduler.close();

      // THEN the sweep had finished, and its time was reported
      assertThat(finished).isTrue();
      assertThat(took)
          .singleElement()
          .satisfies(d -> assertThat(d).isGreaterThan(Duration.ofMillis(400)));
    }
  }
}
