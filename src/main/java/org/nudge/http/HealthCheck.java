package org.nudge.http;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/** What {@code GET /healthz} asks: returns normally when Nudge can serve, throws otherwise. */
@FunctionalInterface
public interface HealthCheck {

  void check() throws Exception;

  /** The database answers {@code SELECT 1} within two seconds. */
  static HealthCheck sql(DataSource dataSource) {
    return () -> {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(2);
        try (ResultSet rs = statement.executeQuery("SELECT 1")) {
          if (!rs.next() || rs.getInt(1) != 1) {
            throw new IllegalStateException("SELECT 1 did not answer 1");
          }
        }
      }
    };
  }
}
