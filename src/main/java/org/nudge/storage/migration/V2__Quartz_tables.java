package org.nudge.storage.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates Quartz's tables in Nudge's own database from the DDL that ships inside the Quartz jar, so
 * the scheduler and the application share one database and one backup, and the DDL always matches
 * the Quartz version on the classpath.
 */
public final class V2__Quartz_tables extends BaseJavaMigration {

  private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_%s.sql";

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
    String dialect =
        product.contains("postgres") ? "postgres" : product.contains("h2") ? "h2" : null;
    if (dialect == null) {
      throw new IllegalStateException(
          "Nudge runs on H2 or PostgreSQL; this database is " + product + ".");
    }
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(read(String.format(DDL, dialect)))) {
        statement.execute(sql);
      }
    }
  }

  /** The script's statements without comments or transaction control (Flyway owns that). */
  static java.util.List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      int comment = line.indexOf("--");
      withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    java.util.List<String> statements = new java.util.ArrayList<>();
    for (String sql : withoutComments.toString().split(";")) {
      String s = sql.strip();
      if (!s.isEmpty() && !s.equalsIgnoreCase("COMMIT") && !s.toUpperCase().startsWith("DROP ")) {
        statements.add(s);
      }
    }
    return statements;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = V2__Quartz_tables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("Quartz's DDL " + resource + " is not on the classpath.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
