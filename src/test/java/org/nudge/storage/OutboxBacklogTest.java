package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.testing.TestDatabases;

@DisplayName("The outbox backlog an operator watches")
class OutboxBacklogTest {

  private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");

  private static void oldestDueAge(Database database) {
    JdbiStore store = new JdbiStore(database.jdbi(), new MessageCodec());
    OutboxBacklog backlog = new OutboxBacklog(database);
    // GIVEN nothing waiting
    assertThat(backlog.oldestDueAge(NOW)).isZero();

    // WHEN one message is due 90 s ago, one was sent long ago and one is held until later
    store.inTransaction(
        tx -> {
          queue(tx, "late", NOW.minusSeconds(90));
          queue(tx, "sent", NOW.minusSeconds(3600));
          queue(tx, "later", NOW.plusSeconds(600));
          long sent =
              tx.outbox()
                  .claim("node", 10, NOW.minusSeconds(3000), Duration.ofSeconds(20))
                  .get(0)
                  .id();
          tx.outbox().markSent(sent, NOW.minusSeconds(3000));
          return null;
        });

    // THEN the age is that of the late one only
    assertThat(backlog.oldestDueAge(NOW)).isEqualTo(Duration.ofSeconds(90));
  }

  private static void queue(org.nudge.engine.domain.Tx tx, String key, Instant due) {
    tx.outbox()
        .enqueue(
            new Outgoing(key, new ConversationRef.Channel("slack", "T1", "C1"), Message.text(key)),
            due,
            due);
  }

  @Test
  @DisplayName("tells how long the oldest due message has waited, on H2")
  void onH2() {
    try (Database database = TestDatabases.h2Memory()) {
      oldestDueAge(database);
    }
  }

  @Test
  @DisplayName("tells how long the oldest due message has waited, on PostgreSQL")
  void onPostgres() throws Exception {
    try (TestDatabases.PostgresSchema postgres = TestDatabases.postgres()) {
      oldestDueAge(postgres.database());
    }
  }
}
