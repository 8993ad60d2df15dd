package org.nudge.storage.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fewer index entries per row on the tables the sweep and the commands write most.
 *
 * <p>On H2 a foreign key declared in {@code CREATE TABLE} gets an index of its own, even where the
 * table already had one on exactly that column, so {@code win.member_id} and {@code
 * feedback.pair_id} were indexed twice; declared again now, each key uses the existing index.
 *
 * <p>The prompt table drops its foreign key to the pair: on H2 it kept a one-column index next to
 * {@code (pair_id, sent_at)}, which H2 can't share with a key. Prompts are written for pairs just
 * read in the same transaction, and pairs are never deleted (they end), so the key guarded nothing
 * the code doesn't already keep. The key to the member stays: its one-column index is the one H2
 * picks for the sweep's {@code member_id IN (…) AND sent_at >= …}, where with only {@code
 * (member_id, sent_at)} it scans the whole index on {@code sent_at} and ignores the list.
 */
public final class V7__Fewer_index_entries extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
    try (Statement statement = connection.createStatement()) {
      for (String key : foreignKeys(connection, "prompt", "pair_id", h2)) {
        statement.execute("ALTER TABLE prompt DROP CONSTRAINT " + quote(key));
      }
      if (h2) {
        redeclare(connection, statement, "win", "member_id", "member");
        redeclare(connection, statement, "feedback", "pair_id", "pair");
      }
    }
  }

  private static void redeclare(
      Connection connection, Statement statement, String table, String column, String referenced)
      throws SQLException {
    for (String key : foreignKeys(connection, table, column, true)) {
      statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(key));
    }
    statement.execute(
        "ALTER TABLE "
            + table
            + " ADD CONSTRAINT "
            + table
            + "_"
            + column
            + "_fk FOREIGN KEY ("
            + column
            + ") REFERENCES "
            + referenced
            + " (id)");
  }

  /** The names of the foreign keys on {@code table.column}, from the driver's metadata. */
  private static List<String> foreignKeys(
      Connection connection, String table, String column, boolean upperCase) throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    String t = upperCase ? table.toUpperCase() : table;
    try (ResultSet rs = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), t)) {
      while (rs.next()) {
        if (rs.getString("FKCOLUMN_NAME").equalsIgnoreCase(column)) {
          names.add(rs.getString("FK_NAME"));
        }
      }
    }
    return names;
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
