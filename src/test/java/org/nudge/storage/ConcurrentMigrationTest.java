package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.config.NudgeConfig.DatabaseConfig;
import org.nudge.testing.TestDatabases;
import org.nudge.testing.TestDatabases.PostgresSchema;

/** Several nodes starting at once on one fresh PostgreSQL database. */
@DisplayName("Nodes starting together on PostgreSQL")
class ConcurrentMigrationTest {

  @Test
  @DisplayName("three nodes that migrate an empty database at the same moment all start")
  void migrateTogether() throws Exception {
    // GIVEN an empty schema (the helper's own Database has migrated it: drop and re-create)
    try (PostgresSchema schema = TestDatabases.postgres()) {
      schema
          .database()
          .jdbi()
          .useHandle(
              h -> {
                h.execute("DROP SCHEMA " + schema.schema() + " CASCADE");
                h.execute("CREATE SCHEMA " + schema.schema());
              });
      DatabaseConfig config =
          new DatabaseConfig(
              TestDatabases.POSTGRES_URL + "?currentSchema=" + schema.schema(),
              TestDatabases.POSTGRES_USER,
              "",
              2);
      // WHEN three nodes open it at once
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService nodes = Executors.newFixedThreadPool(3);
      List<Future<Database>> started = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Callable<Database> start =
            () -> {
              go.await();
              return Database.open(config);
            };
        started.add(nodes.submit(start));
      }
      go.countDown();
      // THEN each starts on the one schema, migrated once
      for (Future<Database> node : started) {
        try (Database database = node.get()) {
          int applied =
              database
                  .jdbi()
                  .withHandle(
                      h ->
                          h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")
                              .mapTo(Integer.class)
                              .one());
          int versions =
              database
                  .jdbi()
                  .withHandle(
                      h ->
                          h.createQuery("SELECT COUNT(DISTINCT version) FROM flyway_schema_history")
                              .mapTo(Integer.class)
                              .one());
          assertThat(applied).isEqualTo(versions).isPositive();
        }
      }
      nodes.shutdown();
    }
  }
}
