package org.nudge.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;

@DisplayName("Sent messages are deleted after outbox.keepSent (30 days by default)")
class OutboxPruningTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a sent win notice is kept 30 days, then deleted; a message still waiting stays")
  void sentMessagesGoAfterThirtyDays() {
    // GIVEN a win notice delivered to maria, and one held for her while she is away
    chat.say("alice", "/win first");
    chat.say("maria", "/nudge pause 6w");
    chat.say("alice", "/win second");
    assertThat(winNotices()).containsValues("sent", "pending");

    // WHEN 29 days pass, the sent one is still there: a retried event would still find its key
    chat.advance(Duration.ofDays(29), Duration.ofHours(6));
    assertThat(winNotices()).containsValues("sent", "pending");

    // THEN a day and a bit later it is gone, and the one still waiting is not
    chat.advance(Duration.ofDays(1).plusHours(6), Duration.ofHours(6));
    assertThat(winNotices()).hasSize(1).containsValue("pending");
    assertThat(sentOlderThan(Duration.ofDays(30))).isZero();
  }

  /** The win notices in the outbox, by idempotency key, with their status. */
  private Map<String, String> winNotices() {
    return chat.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT idempotency_key, status FROM outbox"
                            + " WHERE idempotency_key LIKE 'win:%'")
                    .setMapKeyColumn("idempotency_key")
                    .setMapValueColumn("status")
                    .collectInto(
                        new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() {}));
  }

  private int sentOlderThan(Duration age) {
    return chat.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND sent_at < :t")
                    .bind("t", chat.clock.instant().minus(age))
                    .mapTo(Integer.class)
                    .one());
  }
}
