package org.nudge.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.nudge.config.NudgeConfig.DatabaseConfig;
import org.nudge.storage.Database;

/**
 * Real databases for tests: H2 in memory or in a file, and the PostgreSQL server on this machine in
 * a schema of its own that is dropped afterwards.
 */
public final class TestDatabases {

  public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String POSTGRES_USER = "postgres";

  private TestDatabases() {}

  public static Database h2Memory() {
    return Database.open(
        new DatabaseConfig(
            "jdbc:h2:mem:nudge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4));
  }

  public static Database h2File(java.nio.file.Path file) {
    return Database.open(new DatabaseConfig("jdbc:h2:file:" + file, "sa", "", 4));
  }

  /**
   * A fresh schema on the local PostgreSQL server. When the server can't be reached the test is
   * skipped with a sentence saying so, unless {@code NUDGE_REQUIRE_POSTGRES} is set (as in CI),
   * where a missing server fails the build instead of hiding the tests.
   */
  public static PostgresSchema postgres() {
    String schema = "nudge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String why =
          "PostgreSQL at 127.0.0.1:5432 (database test) is not reachable: " + e.getMessage();
      if (System.getenv("NUDGE_REQUIRE_POSTGRES") != null) {
        throw new IllegalStateException(why, e);
      }
      Assumptions.abort(why + "; skipping the PostgreSQL tests.");
    }
    Database database =
        Database.open(
            new DatabaseConfig(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, "", 4));
    return new PostgresSchema(schema, database);
  }

  /** A PostgreSQL schema and the database opened on it; closing drops the schema. */
  public record PostgresSchema(String schema, Database database) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      database.close();
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
