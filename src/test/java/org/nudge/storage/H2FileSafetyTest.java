package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nudge.config.NudgeConfig;
import org.nudge.testing.TestDatabases;

/** What the embedded H2 file must withstand besides a crash (SigkillTest covers that). */
@DisplayName("The embedded H2 file")
class H2FileSafetyTest {

  @TempDir Path dir;

  @Test
  @DisplayName("stays open when a thread is interrupted in the middle of its writes")
  void interruptsDoNotCloseIt() throws Exception {
    try (Database database = TestDatabases.h2File(dir.resolve("nudge"))) {
      database.jdbi().useHandle(h -> h.execute("CREATE TABLE scratch (n INT PRIMARY KEY)"));
      AtomicInteger written = new AtomicInteger();
      // GIVEN a thread writing row after row, as Quartz's or an HTTP worker would
      Thread writer =
          new Thread(
              () -> {
                for (int n = 0; n < 3_000; n++) {
                  int row = n;
                  try {
                    database
                        .jdbi()
                        .useHandle(h -> h.execute("INSERT INTO scratch VALUES (?)", row));
                    written.incrementAndGet();
                  } catch (RuntimeException e) {
                    // an interrupted statement may fail; the database must not
                  }
                  Thread.interrupted();
                }
              });
      writer.start();
      // WHEN it is interrupted again and again (a scheduler stopping, a slow request given up)
      while (writer.isAlive()) {
        writer.interrupt();
        Thread.sleep(1);
      }
      // THEN the database still answers, with every row that was written
      int rows =
          database
              .jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM scratch").mapTo(Integer.class).one());
      assertThat(rows).isEqualTo(written.get()).isPositive();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "jdbc:h2:file:./data/nudge, jdbc:h2:retry:./data/nudge",
    "jdbc:h2:./data/nudge;MODE=PostgreSQL, jdbc:h2:retry:./data/nudge;MODE=PostgreSQL",
    "jdbc:h2:/var/lib/nudge/db, jdbc:h2:retry:/var/lib/nudge/db",
    "jdbc:h2:~/nudge, jdbc:h2:retry:~/nudge",
    "jdbc:h2:mem:test, jdbc:h2:mem:test",
    "jdbc:h2:tcp://db/nudge, jdbc:h2:tcp://db/nudge",
    "jdbc:h2:retry:./x, jdbc:h2:retry:./x",
    "jdbc:postgresql://127.0.0.1/test, jdbc:postgresql://127.0.0.1/test"
  })
  @DisplayName("file URLs are opened on the file system that interrupts don't close")
  void urls(String configured, String opened) {
    assertThat(Database.uninterruptible(configured)).isEqualTo(opened);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "jdbc:h2:file:./data/nudge, true",
    "jdbc:h2:./data/nudge;MODE=PostgreSQL, true",
    "jdbc:h2:file:./data/nudge;DB_CLOSE_ON_EXIT=TRUE, false",
    "jdbc:h2:file:./data/nudge;AUTO_SERVER=TRUE, false",
    "jdbc:h2:mem:test, false",
    "jdbc:h2:tcp://db/nudge, false"
  })
  @DisplayName("Nudge closes the files it opens itself, at the end of its drain, not H2's hook")
  void closedByNudge(String url, boolean byNudge) {
    assertThat(Database.closesItself(url)).isEqualTo(byNudge);
  }

  @Test
  @DisplayName("a file opened with AUTO_SERVER=TRUE, which H2 allows only with its own hook, opens")
  void autoServerOpens() {
    String url = "jdbc:h2:file:" + dir.resolve("nudge") + ";AUTO_SERVER=TRUE";
    try (Database database = Database.open(new NudgeConfig.DatabaseConfig(url, "sa", "", 2))) {
      int one =
          database.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      assertThat(one).isEqualTo(1);
    }
  }
}
