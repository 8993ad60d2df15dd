package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading the column types JDBI's row mappers don't cover the way we store them. */
final class Rows {

  private Rows() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Whether a failed statement broke a unique constraint (SQLState class 23, code 23505). */
  static boolean isUniqueViolation(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /**
   * A column list as the names an insert returns: the stored row then comes back from the insert
   * itself (on H2 and PostgreSQL alike) instead of from a second query by its new id.
   */
  static String[] columns(String list) {
    return list.split(",\\s*");
  }
}
