package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.domain.Store;
import org.nudge.testing.TestDatabases;

/**
 * Databases written by earlier Nudges opened by this one: from schema version 5, the prompt each
 * member was last sent is found for the sweep to expire, and H2's duplicate indexes are gone; from
 * version 7, the events from before weekly tallies are counted by the first digest.
 */
@DisplayName("Upgrading a database written by an earlier Nudge")
class UpgradeTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a member's open reflection from before the upgrade expires with the next one")
  void openReflectionFromBeforeTheUpgrade() throws Exception {
    Path file = dir.resolve("nudge");
    JdbcDataSource old = migratedTo(file, "5");
    try (Connection c = old.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO member (id, platform, workspace, user_id, display_name, time_zone,"
              + " created_at) VALUES (1, 'console', 'local', 'alice', 'Alice', 'UTC',"
              + " TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00')");
      for (int week = 9; week <= 10; week++) {
        s.execute(
            "INSERT INTO prompt (member_id, kind, idem_key, iso_week, due_at, sent_at, status)"
                + " VALUES (1, 'reflection', 'reflection:1:2026-W"
                + week
                + "', '2026-W"
                + week
                + "', TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00', '"
                + (week == 9 ? "answered" : "open")
                + "')");
      }
    }

    try (Database database = TestDatabases.h2File(file)) {
      long open =
          database
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT id FROM prompt WHERE status = 'open'")
                          .mapTo(Long.class)
                          .one());
      Store store = new JdbiStore(database.jdbi(), new MessageCodec());
      Set<Long> expired =
          store.inTransaction(
              tx ->
                  tx.prompts()
                      .expireOpenReflections(List.of(1L), Instant.parse("2026-03-13T15:00:00Z")));
      assertThat(expired).containsExactly(1L);
      String status = store.inTransaction(tx -> tx.prompts().byId(open).orElseThrow().status());
      assertThat(status).isEqualTo("expired");
      Set<Long> again =
          store.inTransaction(
              tx ->
                  tx.prompts()
                      .expireOpenReflections(List.of(1L), Instant.parse("2026-03-20T15:00:00Z")));
      assertThat(again)
          .as("an expired prompt is not expired (or counted as unanswered) twice")
          .isEmpty();

      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                      + " WHERE TABLE_NAME = 'WIN' AND COLUMN_NAME = 'MEMBER_ID'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("indexes on win.member_id").isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("events from before weekly tallies are counted by the first digest after upgrading")
  void digestCountsEventsFromBeforeTallies() throws Exception {
    Path file = dir.resolve("nudge7");
    JdbcDataSource old = migratedTo(file, "7");
    String monday = "TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00'";
    String tuesday = "TIMESTAMP WITH TIME ZONE '2026-03-03 10:00:00+00'";
    try (Connection c = old.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO program (id, platform, workspace, name, name_key, channel_id, created_at)"
              + " VALUES (1, 'console', 'local', 'Spring', 'spring', 'C1', "
              + monday
              + ")");
      for (int m = 1; m <= 2; m++) {
        s.execute(
            "INSERT INTO member (id, platform, workspace, user_id, display_name, time_zone,"
                + " created_at) VALUES ("
                + m
                + ", 'console', 'local', 'u"
                + m
                + "', 'Member "
                + m
                + "', 'UTC', "
                + monday
                + ")");
      }
      s.execute(
          "INSERT INTO pair (id, program_id, mentor_id, mentee_id, started_at) VALUES (1, 1, 1, 2, "
              + monday
              + ")");
      s.execute(
          "INSERT INTO win (member_id, pair_id, text, created_at) VALUES (2, 1, 'shipped', "
              + tuesday
              + ")");
      s.execute(
          "INSERT INTO checkin (pair_id, member_id, created_at) VALUES (1, 1, " + tuesday + ")");
    }

    try (Database database = TestDatabases.h2File(file)) {
      Store store = new JdbiStore(database.jdbi(), new MessageCodec());
      org.nudge.engine.digest.Digest digest =
          store.inTransaction(
              tx ->
                  new org.nudge.engine.digest.DigestBuilder(3)
                      .build(
                          tx,
                          tx.programs().byId(1).orElseThrow(),
                          Instant.parse("2026-03-09T09:00:00Z")));

      assertThat(digest.wins()).isEqualTo(1);
      assertThat(digest.pairs().get(0).stats().checkInsWeek()).isEqualTo(1);
      assertThat(digest.pairs().get(0).stats().lastCheckInAt())
          .isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
    }
  }

  /** An H2 file database as a Nudge of schema {@code version} left it. */
  private static JdbcDataSource migratedTo(Path file, String version) {
    JdbcDataSource old = new JdbcDataSource();
    old.setURL("jdbc:h2:file:" + file);
    old.setUser("sa");
    Flyway.configure()
        .dataSource(old)
        .locations("classpath:db/migration", "classpath:org/nudge/storage/migration")
        .target(version)
        .load()
        .migrate();
    return old;
  }
}
