package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Reading rows by hand. Nudge's row mappers are written out rather than JDBI's {@code
 * ConstructorMapper}, which matches the result's columns to the record's parameters again on every
 * statement: a fifth of the engine's CPU for a {@code /win} (Slack ack benchmark, JFR).
 */
final class Rows {

  private Rows() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The later of two instants, either of which may be null. */
  static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
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

  /** Whether the handle's database is PostgreSQL (for the few statements written for each). */
  static boolean isPostgres(Handle handle) {
    try {
      return handle.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql:");
    } catch (SQLException e) {
      throw new IllegalStateException("The database's metadata can't be read", e);
    }
  }

  /**
   * {@code list} in consecutive slices of at most {@code size}, e.g. for bounded {@code IN (…)}
   * lists.
   */
  static <T> List<List<T>> chunks(List<T> list, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < list.size(); from += size) {
      chunks.add(list.subList(from, Math.min(list.size(), from + size)));
    }
    return chunks;
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
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
