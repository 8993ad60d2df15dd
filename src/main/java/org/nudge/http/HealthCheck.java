package org.nudge.http;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Whether one part of Nudge can serve: returns normally when it can, throws otherwise. {@code GET
 * /healthz} shows a {@link NotReady}'s message; any other exception only as "does not answer",
 * since its message may carry anything.
 */
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
            throw new NotReady("SELECT 1 did not answer 1");
          }
        }
      }
    };
  }

  /** Ready while {@code ready} says so; otherwise not, for the reason given. */
  static HealthCheck when(BooleanSupplier ready, String otherwise) {
    return () -> {
      if (!ready.getAsBoolean()) {
        throw new NotReady(otherwise);
      }
    };
  }

  /** Not ready, for a reason that is safe to show anyone who asks (a few words, no data). */
  final class NotReady extends Exception {
    private static final long serialVersionUID = 1L;

    public NotReady(String reason) {
      super(reason, null, false, false);
    }
  }
}
