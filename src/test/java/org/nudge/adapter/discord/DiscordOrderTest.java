package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.LEAD;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;

/**
 * What one member sends over Discord takes effect in the order they sent it, while other members
 * are not held up: the engine runs on several workers, and without an order per member a second
 * interaction could commit before the first.
 */
@DisplayName("Discord: each member's interactions in order")
class DiscordOrderTest {

  private DiscordHarness nudge;

  @BeforeEach
  void start() throws Exception {
    nudge = new DiscordHarness();
  }

  @AfterEach
  void stop() throws Exception {
    nudge.close();
  }

  @Test
  @DisplayName("a member's second command waits for their first; another member's does not")
  void secondWaitsForFirst() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch otherRan = new CountDownLatch(1);
    List<String> started = new CopyOnWriteArrayList<>();
    // GIVEN the engine takes its time over Alice's first win
    nudge.answerWith(
        in -> {
          if (!(in instanceof Inbound.Command c)) {
            return null;
          }
          started.add(c.user().userId() + ":" + c.text());
          if (c.text().equals("first")) {
            firstHeld.countDown();
            await(releaseFirst);
          }
          if (c.user().userId().equals(MARIA)) {
            otherRan.countDown();
          }
          return Reply.text("done " + c.text());
        });
    // WHEN Alice sends two wins back to back and Maria one
    String first = nudge.slash(ALICE, "win", null, null, Map.of("text", "first"));
    assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
    String second = nudge.slash(ALICE, "win", null, null, Map.of("text", "second"));
    nudge.slash(MARIA, "win", null, null, Map.of("text", "other"));
    // THEN Maria's runs while Alice's first is still going, and Alice's second has not started
    assertThat(otherRan.await(10, TimeUnit.SECONDS)).as("another member ran meanwhile").isTrue();
    assertThat(started).doesNotContain(ALICE + ":second");
    // WHEN the first finishes, THEN the second runs, after it
    releaseFirst.countDown();
    assertThat(nudge.replyText(first)).isEqualTo("done first");
    assertThat(nudge.replyText(second)).isEqualTo("done second");
    assertThat(started)
        .containsSubsequence(ALICE + ":first", ALICE + ":second")
        .containsSubsequence(MARIA + ":other", ALICE + ":second");
  }

  @Test
  @DisplayName("a lead's program and its first pair, sent at once, are both made, 20 times over")
  void createThenPair() throws Exception {
    for (int i = 0; i < 20; i++) {
      String program = "Spring" + i;
      String create =
          nudge.slash(
              LEAD,
              "nudge",
              "program",
              "create",
              Map.of("name", program, "channel", DiscordHarness.channel(FakeDiscord.MENTORING)));
      String pair =
          nudge.slash(
              LEAD,
              "nudge",
              null,
              "pair",
              Map.of(
                  "mentor",
                  DiscordHarness.user(MARIA),
                  "mentee",
                  DiscordHarness.user(ALICE),
                  "program",
                  program));
      assertThat(nudge.replyText(create)).contains(program);
      assertThat(nudge.replyText(pair)).doesNotContain("There's no program");
      nudge.slash(
          LEAD,
          "nudge",
          null,
          "unpair",
          Map.of("mentor", DiscordHarness.user(MARIA), "mentee", DiscordHarness.user(ALICE)));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
