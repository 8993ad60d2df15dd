package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.MemberData;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Profile;
import org.nudge.storage.PersonalData.Table;

/** A member's export and erasure, table by table from the {@link PersonalData} registry. */
final class JdbiMemberData implements MemberData {

  private final Handle handle;
  private final List<Table> tables;

  /** {@code tables} is {@link PersonalData#TABLES}, in the order of erasure. */
  JdbiMemberData(Handle handle, List<Table> tables) {
    this.handle = handle;
    this.tables = List.copyOf(tables);
  }

  @Override
  public Export export(Member member) {
    List<Field> profile = List.of();
    List<Entry> entries = new ArrayList<>();
    for (Table table : tables) {
      if (table.export() instanceof Entries e) {
        entries.addAll(entries(table, e, member));
      } else if (table.export() instanceof Profile p) {
        profile = profile(table, p, member);
      }
    }
    // Stable: entries written at the same instant keep the registry's order.
    entries.sort(Comparator.comparing(Entry::createdAt));
    return new Export(profile, entries);
  }

  private List<Entry> entries(Table table, Entries e, Member member) {
    List<String> columns = new ArrayList<>(List.of(e.createdAt(), e.text()));
    e.details().forEach(d -> columns.add(d.column()));
    if (e.shared() != null) {
      columns.add(e.shared());
    }
    String sql =
        "SELECT "
            + String.join(", ", columns)
            + " FROM "
            + table.name()
            + " WHERE "
            + table.rows().condition()
            + " ORDER BY id";
    return bind(handle.createQuery(sql), member)
        .map(
            (rs, ctx) -> {
              List<Field> details = new ArrayList<>();
              for (int i = 0; i < e.details().size(); i++) {
                Detail d = e.details().get(i);
                details.add(new Field(d.column(), d.label(), value(rs, i + 3)));
              }
              String text = rs.getString(2);
              return new Entry(
                  e.kind(),
                  (Instant) value(rs, 1),
                  text == null ? "" : text,
                  details,
                  e.shared() == null ? null : rs.getBoolean(columns.size()));
            })
        .list();
  }

  private List<Field> profile(Table table, Profile p, Member member) {
    String sql =
        "SELECT "
            + String.join(", ", p.fields().stream().map(Detail::column).toList())
            + " FROM "
            + table.name()
            + " WHERE "
            + table.rows().condition();
    return bind(handle.createQuery(sql), member)
        .map(
            (rs, ctx) -> {
              List<Field> fields = new ArrayList<>();
              for (int i = 0; i < p.fields().size(); i++) {
                Detail d = p.fields().get(i);
                fields.add(new Field(d.column(), d.label(), value(rs, i + 1)));
              }
              return fields;
            })
        .findOne()
        .orElse(List.of());
  }

  @Override
  public void forget(Member member) {
    for (Table table : tables) {
      String where = " WHERE " + table.rows().condition();
      String sql =
          table.erase().deletes()
              ? "DELETE FROM " + table.name() + where
              : "UPDATE " + table.name() + " SET " + table.erase().set() + where;
      bind(handle.createUpdate(sql), member).execute();
    }
  }

  /** Binds every parameter a registry condition may use; each uses only some of them. */
  private static <S extends SqlStatement<S>> S bind(S statement, Member member) {
    return statement
        .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
        .bind("member", member.id())
        .bind("platform", member.ref().platform())
        .bind("workspace", member.ref().workspace())
        .bind("user", member.ref().userId());
  }

  /** A column's value as the export writes it: an instant, a boolean, a number or text. */
  private static Object value(ResultSet rs, int column) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Object value =
        switch (meta.getColumnType(column)) {
          case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
            OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
            yield at == null ? null : at.toInstant();
          }
          case Types.BOOLEAN, Types.BIT -> rs.getBoolean(column);
          case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.TINYINT -> rs.getLong(column);
          default -> rs.getString(column);
        };
    return rs.wasNull() ? null : value;
  }
}
