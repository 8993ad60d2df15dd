package org.nudge.storage;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Many rows as one statement's {@code VALUES (…), (…)} list, bound by position, each value cast to
 * its column's type: one statement (one round trip, one plan) for a batch instead of one per row.
 * On PostgreSQL a JDBC batch of {@code UPDATE}s or {@code MERGE}s still runs each row as a
 * statement of its own, and a batched {@code INSERT} that returns its rows is never rewritten into
 * a multi-row one; that made them most of the 100k sweep's time there (BENCHMARKS.md). The same SQL
 * runs on H2.
 *
 * @param <T> what one row is made from
 */
final class ValuesList<T> {

  /**
   * Rows per statement. A list joined to a table ({@code MERGE … USING (VALUES …)}, {@code id IN
   * (SELECT …)}) stays a lookup by index per row on PostgreSQL up to a few hundred rows; with 1,000
   * its planner hashed all 100,000 members instead (50 ms a statement against 5 ms for 250 rows).
   */
  static final int MAX_ROWS = 250;

  /** One column: its SQL type, the Java type its values bind as, and how a row gives it. */
  record Column<T>(String sqlType, Class<?> javaType, Function<T, Object> value) {}

  private final List<Column<T>> columns;

  @SafeVarargs
  ValuesList(Column<T>... columns) {
    this.columns = List.of(columns);
  }

  static <T> Column<T> column(String sqlType, Class<?> javaType, Function<T, Object> value) {
    return new Column<>(sqlType, javaType, value);
  }

  /** {@code rows} rows of placeholders, {@code (CAST(? AS …), …), (…)}. */
  String placeholders(int rows) {
    StringJoiner row = new StringJoiner(", ", "(", ")");
    for (Column<T> c : columns) {
      row.add("CAST(? AS " + c.sqlType() + ")");
    }
    String one = row.toString();
    StringJoiner all = new StringJoiner(", ");
    for (int i = 0; i < rows; i++) {
      all.add(one);
    }
    return all.toString();
  }

  /** Binds {@code rows} to the placeholders, from the statement's first position on. */
  <S extends SqlStatement<S>> S bind(S statement, List<T> rows) {
    int position = 0;
    for (T row : rows) {
      for (Column<T> c : columns) {
        statement.bindByType(position++, c.value().apply(row), c.javaType());
      }
    }
    return statement;
  }

  /** {@code rows} in slices of at most {@link #MAX_ROWS}. */
  static <T> List<List<T>> chunks(List<T> rows) {
    return Rows.chunks(rows, MAX_ROWS);
  }
}
