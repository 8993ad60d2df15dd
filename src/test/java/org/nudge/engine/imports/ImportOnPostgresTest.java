package org.nudge.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

/** The import's batch writes (members, pairs, welcomes and whom they are about) on PostgreSQL. */
@DisplayName("Importing pairs on PostgreSQL")
class ImportOnPostgresTest {

  @Test
  @DisplayName("a dry run, Confirm, and the same file again, on PostgreSQL")
  void importOnPostgres() throws Exception {
    try (TestDatabases.PostgresSchema pg = TestDatabases.postgres()) {
      Chat chat = new Chat(pg.database());
      chat.say("lead", "/nudge program create Spring #mentoring");
      chat.say("lead", "/nudge pair @ruth @kim Spring");
      chat.say("lead", "/nudge import Spring");
      StringBuilder csv = new StringBuilder("mentor,mentee,cadence\nruth,kim,\n");
      for (int i = 0; i < 120; i++) {
        csv.append("mentor").append(i).append(",mentee").append(i).append(",monthly\n");
      }
      byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
      Reply dryRun = chat.send(new Inbound.Upload(Chat.user("lead"), "pairs.csv", file, null));
      assertThat(dryRun.message().text())
          .startsWith("Dry run of pairs.csv for Spring: 120 pairs new, 1 already there");

      Reply done = chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));
      assertThat(done.message().text())
          .isEqualTo("Imported 120 pairs into Spring (1 already there). I've welcomed them all.");
      assertThat(chat.dmsTo("mentee7")).singleElement().asString().contains("every 28 days");
      long about =
          pg.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT COUNT(*) FROM outbox_about a JOIN outbox o ON o.id ="
                                  + " a.outbox_id WHERE o.idempotency_key LIKE 'pair:%:welcome:%'")
                          .mapTo(Long.class)
                          .one());
      assertThat(about).isEqualTo(2L * 121);

      // Ids come from the batches' generated keys, in the order the rows were sent: each pair
      // joins the people its line named, and each welcome goes to the member its key says
      java.util.List<String> mismatched =
          pg.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT m.user_id || '>' || e.user_id FROM pair p"
                                  + " JOIN member m ON m.id = p.mentor_id"
                                  + " JOIN member e ON e.id = p.mentee_id"
                                  + " WHERE m.user_id LIKE 'mentor%'"
                                  + " AND SUBSTRING(m.user_id, 7) <> SUBSTRING(e.user_id, 7)"
                                  + " UNION ALL SELECT o.idempotency_key FROM outbox o"
                                  + " JOIN pair p ON o.idempotency_key ="
                                  + " 'pair:' || p.id || ':welcome:mentee'"
                                  + " JOIN member e ON e.id = p.mentee_id"
                                  + " WHERE o.target_id <> e.user_id")
                          .mapTo(String.class)
                          .list());
      assertThat(mismatched).isEmpty();
      long made =
          pg.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT COUNT(*) FROM pair p JOIN member m ON m.id = p.mentor_id"
                                  + " WHERE m.user_id LIKE 'mentor%'")
                          .mapTo(Long.class)
                          .one());
      assertThat(made).isEqualTo(120L);

      chat.say("lead", "/nudge import Spring");
      Reply again = chat.send(new Inbound.Upload(Chat.user("lead"), "pairs.csv", file, null));
      assertThat(again.message().text())
          .startsWith("Every pair in pairs.csv is already in Spring (121 pairs)");
    }
  }
}
