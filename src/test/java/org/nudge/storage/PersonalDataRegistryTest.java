package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.advice.AdviceFlow;
import org.nudge.engine.feedback.FeedbackFlow;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.storage.PersonalData.Table;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

/**
 * The registry of personal data is complete: every table that refers to a member is in it, and
 * after forget-me nothing of the member is left in any table. A table added to the schema without a
 * line in {@link PersonalData} fails here, by name.
 */
@DisplayName("forget-me leaves nothing of the member in any table, and the registry lists them all")
class PersonalDataRegistryTest {

  /** In everything alice writes, so a scan of every text column finds any of it left behind. */
  private static final String MARK = "ZQX";

  /** Columns that name a member by id or by platform identity, whatever the table. */
  private static final Pattern MEMBER_COLUMN =
      Pattern.compile(
          "member_id|.+_member_id|created_by|mentor_id|mentee_id|user_id|.+_user_id|target_id"
              + "|recipient.*|author.*");

  @Test
  @DisplayName("on H2")
  void h2() throws Exception {
    try (Chat chat = new Chat(TestDatabases.h2Memory())) {
      nothingLeft(chat);
    }
  }

  @Test
  @DisplayName("on PostgreSQL")
  void postgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      nothingLeft(new Chat(schema.database()));
    }
  }

  @Test
  @DisplayName("a table that refers to a member and is missing from the registry fails, by name")
  void newTableMustBeRegistered() throws Exception {
    try (Chat chat = new Chat(TestDatabases.h2Memory())) {
      // GIVEN a new table, say kudos between members, with no line in PersonalData
      chat.database()
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "CREATE TABLE kudos (id BIGINT PRIMARY KEY, giver BIGINT REFERENCES member"
                          + " (id), text VARCHAR(1000))"));

      // THEN the registry check names it
      assertThatThrownBy(() -> assertRegistered(referringToMembers(chat)))
          .hasMessageStartingWith("Table kudos refers to a member ([giver])");
    }
  }

  @Test
  @DisplayName(
      "a registry line an entry kind declares and the registry does not list fails, by name")
  void everyDeclaredLineIsListed() throws Exception {
    // GIVEN every registry line a storage class declares, like JdbiWins.PERSONAL_DATA
    List<String> declared = new ArrayList<>();
    List<String> unlisted = new ArrayList<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.nudge.storage")) {
      for (JavaField field : type.getFields()) {
        if (field.getModifiers().contains(JavaModifier.STATIC)
            && field.getRawType().isEquivalentTo(Table.class)) {
          Field line = field.reflect();
          line.setAccessible(true);
          String name = type.getSimpleName() + "." + field.getName();
          declared.add(name);
          if (!PersonalData.TABLES.contains((Table) line.get(null))) {
            unlisted.add(name);
          }
        }
      }
    }

    // THEN each is in the registry, so export and forget-me read it
    assertThat(declared).hasSizeGreaterThanOrEqualTo(PersonalData.ENTRY_KINDS.size());
    assertThat(unlisted)
        .as("registry lines declared but missing from PersonalData.ENTRY_KINDS")
        .isEmpty();
  }

  private static void nothingLeft(Chat chat) throws Exception {
    // GIVEN every table that refers to a member, found in the database's own metadata
    Map<String, Set<String>> referring = referringToMembers(chat);

    // THEN each is in the registry, found by that column or erasing it as identity
    assertRegistered(referring);

    // AND GIVEN alice has written something into every one of them
    aliceWritesEverywhere(chat);
    long alice = idOf(chat, "alice");
    Map<String, Object> aliceRow = memberRow(chat, alice);
    for (String table : referring.keySet()) {
      assertThat(rowsOfAlice(chat, PersonalData.table(table).orElseThrow(), alice))
          .as("the scenario must put a row of alice's into %s: extend aliceWritesEverywhere", table)
          .isPositive();
    }
    assertThat(markedRows(chat)).isNotEmpty();

    // WHEN she asks to be forgotten
    assertThat(chat.say("alice", "/nudge forget-me confirm")).startsWith("Done:");

    // THEN no table has a row of hers, except the ones the registry keeps, and why
    for (Table table : PersonalData.TABLES) {
      if (table.erase().deletes()) {
        assertThat(rowsOfAlice(chat, table, alice)).as("alice's rows in %s", table.name()).isZero();
      } else {
        assertThat(table.erase().why()).as("why %s keeps rows", table.name()).isNotBlank();
      }
    }
    // AND no text column anywhere holds her words or name, not even a message to someone else
    assertThat(markedRows(chat)).isEmpty();
    // AND her tombstone says nothing about who she was: it is a never-seen member's row, renamed
    chat.say("newbie", "/nudge help");
    Map<String, Object> tombstone = memberRow(chat, alice);
    Map<String, Object> fresh = memberRow(chat, idOf(chat, "newbie"));
    for (String column : PersonalData.table("member").orElseThrow().identity()) {
      switch (column) {
        case "user_id", "display_name" -> {
          assertThat(tombstone.get(column)).isNotEqualTo(aliceRow.get(column));
          assertThat(tombstone.get(column).toString()).doesNotContain("alice").doesNotContain(MARK);
        }
        default -> assertThat(tombstone.get(column)).as(column).isEqualTo(fresh.get(column));
      }
    }
    assertThat(aliceRow.get("time_zone")).isEqualTo("Europe/Berlin");
    assertThat(aliceRow.get("paused_until")).isNotNull();
  }

  /** Fails, naming the table and column, for a reference to a member the registry misses. */
  private static void assertRegistered(Map<String, Set<String>> referring) {
    for (var t : referring.entrySet()) {
      Table table =
          PersonalData.table(t.getKey())
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "Table "
                              + t.getKey()
                              + " refers to a member ("
                              + t.getValue()
                              + ") but is not in PersonalData: add it, with how a member's rows"
                              + " are found, which columns hold their words or identity, how it"
                              + " is exported and what forget-me does to it."));
      for (String column : t.getValue()) {
        assertThat(table.rows().columns().contains(column) || table.identity().contains(column))
            .as(
                "%s.%s refers to a member: PersonalData must find the member's rows by it or"
                    + " erase it as identity",
                t.getKey(), column)
            .isTrue();
      }
    }
  }

  /**
   * Alice, mentee of maria, uses everything: preferences, a win, a reflection, advice and its
   * outcome, a check-in note, a goal, thanks, feedback with a comment, a pause (so a message to her
   * waits in the outbox next to those already sent), and a conversation left open.
   */
  private static void aliceWritesEverywhere(Chat chat) {
    chat.withPair();
    chat.say("alice", "/nudge prefs name Alice " + MARK);
    chat.say("alice", "/win " + MARK + " shipped it #" + MARK);
    chat.say("alice", "/advice " + MARK + " ask for reviews earlier");
    chat.say("alice", "/checkin " + MARK + " we met");
    chat.say("alice", "/goals add " + MARK + " lead a design review");
    chat.say("alice", "/thanks @maria " + MARK + " for the mock interview --share");
    // Thanks alice received are maria's words, and stay with her
    chat.say("maria", "/thanks @alice for asking good questions");

    // Friday 15:00: the reflection prompt, answered and kept private
    chat.advance(Duration.ofDays(4).plusHours(6).plusMinutes(15));
    chat.say("alice", MARK + " I shipped the parser on my own");
    Reply share = chat.reply("alice", MARK + " ask for a design review earlier");
    chat.press("alice", ReflectionFlow.PRIVATE, Chat.button(share.message(), "Keep"));

    // A week after the advice: tried it, and what happened
    chat.advance(Duration.ofDays(3));
    Message followUp = chat.lastDmTo("alice");
    chat.press("alice", AdviceFlow.TRIED, Chat.button(followUp, "Yes"));
    Reply tell = chat.reply("alice", MARK + " reviews came back sooner");
    chat.press("alice", AdviceFlow.KEEP, Chat.button(tell.message(), "Keep"));

    // Feedback with a comment, kept private
    Reply asked = chat.reply("alice", "/feedback");
    chat.press("alice", FeedbackFlow.RATE, Chat.button(asked.message(), "4"));
    Reply comment = chat.reply("alice", MARK + " the sessions help");
    chat.press("alice", FeedbackFlow.PRIVATE, Chat.button(comment.message(), "Keep private"));

    // Her other preferences, then a pause: maria's next win waits for her in the outbox
    chat.say("alice", "/nudge prefs timezone Europe/Berlin");
    chat.say("alice", "/nudge prefs day tue");
    chat.say("alice", "/nudge prefs time 9");
    chat.say("alice", "/nudge prefs quiet 22-7");
    chat.say("alice", "/nudge prefs weekends ok");
    chat.say("alice", "/nudge pause 2w");
    chat.say("maria", "/win fixed the build");
    // As a lead too, an import shown as a dry run and not confirmed: it names the people in it
    chat.say("lead", "/nudge lead @alice");
    chat.say("alice", "/nudge import Spring");
    chat.send(
        new org.nudge.engine.model.Inbound.Upload(
            Chat.user("alice"),
            "pairs.csv",
            "mentor,mentee\nolga,ben\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            null));
    // Enrolled in another program's matching, with a hope, and in the lead's proposal there
    chat.say("lead", "/nudge program create Autumn");
    chat.say("lead", "/nudge program enrolment Autumn open");
    chat.say("alice", "/nudge join Autumn mentee languages en; hope " + MARK + " to lead a team");
    chat.say("lead", "/nudge match Autumn");
    // And a reflection begun and not finished
    chat.say("alice", "/reflect");
    chat.say("alice", MARK + " half an answer");
    // And a message accepted by one node of several and not handled yet
    chat.store()
        .inTransaction(
            tx ->
                tx.inbox()
                    .add(
                        Chat.user("alice"),
                        "{\"text\":\"" + MARK + " sent just now\"}",
                        "node-a",
                        Instant.parse("2026-03-02T10:00:00Z")));
  }

  /** Each table with a column that refers to a member, and those columns (lower case). */
  private static Map<String, Set<String>> referringToMembers(Chat chat) throws SQLException {
    Map<String, Set<String>> found = new TreeMap<>();
    try (Connection c = chat.database().dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      String member = meta.storesUpperCaseIdentifiers() ? "MEMBER" : "member";
      try (ResultSet keys = meta.getExportedKeys(c.getCatalog(), c.getSchema(), member)) {
        while (keys.next()) {
          found
              .computeIfAbsent(lower(keys.getString("FKTABLE_NAME")), t -> new TreeSet<>())
              .add(lower(keys.getString("FKCOLUMN_NAME")));
        }
      }
      try (ResultSet columns = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
        while (columns.next()) {
          String column = lower(columns.getString("COLUMN_NAME"));
          if (MEMBER_COLUMN.matcher(column).matches()) {
            found
                .computeIfAbsent(lower(columns.getString("TABLE_NAME")), t -> new TreeSet<>())
                .add(column);
          }
        }
      }
    }
    return found;
  }

  /**
   * Rows in any table with alice's words or name, as "table.column", in every table including
   * messages to other people.
   */
  private static List<String> markedRows(Chat chat) throws SQLException {
    List<String> found = new ArrayList<>();
    Map<String, List<String>> textColumns = new LinkedHashMap<>();
    try (Connection c = chat.database().dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet columns = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
        while (columns.next()) {
          int type = columns.getInt("DATA_TYPE");
          if (type == Types.VARCHAR || type == Types.CLOB || type == Types.LONGVARCHAR) {
            // Quoted as the database spells them: Flyway's own table is lower case on H2 too.
            textColumns
                .computeIfAbsent(quoted(columns.getString("TABLE_NAME")), t -> new ArrayList<>())
                .add(quoted(columns.getString("COLUMN_NAME")));
          }
        }
      }
    }
    chat.database()
        .jdbi()
        .useHandle(
            h ->
                textColumns.forEach(
                    (table, columns) -> {
                      for (String column : columns) {
                        int n =
                            h.createQuery(
                                    "SELECT COUNT(*) FROM "
                                        + table
                                        + " WHERE "
                                        + column
                                        + " LIKE :mark")
                                .bind("mark", "%" + MARK + "%")
                                .mapTo(Integer.class)
                                .one();
                        if (n > 0) {
                          found.add(table + "." + column + " (" + n + " rows)");
                        }
                      }
                    }));
    return found;
  }

  private static int rowsOfAlice(Chat chat, Table table, long alice) {
    return chat.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(*) FROM "
                            + table.name()
                            + " WHERE "
                            + table.rows().condition())
                    .configure(
                        org.jdbi.v3.core.statement.SqlStatements.class,
                        s -> s.setUnusedBindingAllowed(true))
                    .bind("member", alice)
                    .bind("platform", Chat.PLATFORM)
                    .bind("workspace", Chat.WORKSPACE)
                    .bind("user", "alice")
                    .mapTo(Integer.class)
                    .one());
  }

  private static long idOf(Chat chat, String user) {
    return chat.store().inTransaction(tx -> tx.members().find(Chat.user(user))).orElseThrow().id();
  }

  private static Map<String, Object> memberRow(Chat chat, long id) {
    return chat.database()
        .jdbi()
        .withHandle(
            (Handle h) ->
                h.createQuery("SELECT * FROM member WHERE id = :id")
                    .bind("id", id)
                    .mapToMap()
                    .one());
  }

  private static String quoted(String name) {
    return '"' + name + '"';
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
