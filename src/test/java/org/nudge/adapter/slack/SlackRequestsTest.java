package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;

@DisplayName("Slack requests: signatures, direct messages, re-deliveries and long text")
class SlackRequestsTest {

  private SlackTestbed slack;

  @BeforeEach
  void start() throws Exception {
    slack = new SlackTestbed();
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  @DisplayName("A request with a wrong signature is refused with 401 and nothing is stored")
  void badSignatureIsRefused() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", "forged win", "C0GENERAL");
    long now = Instant.now().getEpochSecond();
    String forged = new SlackSigner("not-the-secret").sign(now, body);

    HttpResponse<String> response =
        slack.send(body, "application/x-www-form-urlencoded", now, forged, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(slack.received).isEmpty();
    assertThat(slack.member(SlackTestbed.MENTEE)).isEmpty();
    assertThat(slack.slack.effects()).isEmpty();
  }

  @Test
  @DisplayName("A correctly signed but stale request (over 5 minutes old) is refused with 401")
  void staleTimestampIsRefused() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", "replayed win", "C0GENERAL");
    long sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();

    HttpResponse<String> response =
        slack.send(
            body,
            "application/x-www-form-urlencoded",
            sixMinutesAgo,
            slack.signer.sign(sixMinutesAgo, body),
            Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(slack.received).isEmpty();
    assertThat(slack.member(SlackTestbed.MENTEE)).isEmpty();
  }

  @Test
  @DisplayName(
      "A direct message is answered in the DM, and Slack's retry of it has no second effect")
  void retriedEventHasOneEffect() {
    String event = slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0DM1", "hello there");

    // WHEN Slack delivers the DM, then delivers it again as a retry
    assertThat(slack.event(event, null).statusCode()).isEqualTo(200);
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertThat(slack.event(event, 1).statusCode()).isEqualTo(200);
    awaitCounter("nudge_slack_duplicate_events_total", 1);

    // THEN the engine read it once and Alice got one answer
    assertThat(slack.received)
        .containsExactly(
            new Inbound.DirectText(SlackTestbed.user(SlackTestbed.MENTEE), "hello there"));
    assertThat(slack.slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  @DisplayName("Two copies of one event arriving together still have one effect")
  void concurrentRedeliveryHasOneEffect() throws Exception {
    String event = slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0DM2", "are you there?");
    Thread retry = new Thread(() -> slack.event(event, 1));
    retry.start();
    slack.event(event, null);
    retry.join();
    awaitCounter("nudge_slack_duplicate_events_total", 1);
    awaitCounter("nudge_slack_direct_messages_total", 1);
    assertThat(slack.received).hasSize(1);
  }

  @Test
  @DisplayName(
      "A direct message another node already took (its event id saved with its effect) is acked"
          + " and has no second effect here")
  void eventTakenElsewhereHasNoEffect() {
    // GIVEN the event's id is recorded, as another node does in the transaction of its effect
    String event = slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0ELSEWHERE", "hello there");
    slack.store.inTransaction(
        tx -> tx.keyValues().firstDelivery(SlackAdapter.PLATFORM, "Ev0ELSEWHERE", Instant.now()));

    // WHEN Slack delivers it to this node, which has never seen it
    assertThat(slack.event(event, 1).statusCode()).isEqualTo(200);

    // THEN it is recognised as a copy: the engine never reads it and nobody is answered
    awaitCounter("nudge_slack_duplicate_events_total", 1);
    assertThat(slack.received).isEmpty();
    assertThat(slack.slack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  @DisplayName("Messages from bots, edits and channel messages are not taken for direct messages")
  void botMessagesAndSubtypesAreIgnored() {
    String fromBot =
        slack
            .directMessageEvent(SlackTestbed.MENTEE, "Ev0BOT", "beep")
            .replace("\"channel_type\":\"im\"", "\"channel_type\":\"im\",\"bot_id\":\"B0OTHER\"");
    String edited =
        slack
            .directMessageEvent(SlackTestbed.MENTEE, "Ev0EDIT", "edited")
            .replace(
                "\"type\":\"message\"", "\"type\":\"message\",\"subtype\":\"message_changed\"");
    String inChannel =
        slack
            .directMessageEvent(SlackTestbed.MENTEE, "Ev0CHAN", "in a channel")
            .replace("\"channel_type\":\"im\"", "\"channel_type\":\"channel\"");

    for (String event : List.of(fromBot, edited, inChannel)) {
      assertThat(slack.event(event, null).statusCode()).isEqualTo(200);
    }
    assertThat(slack.received).isEmpty();
  }

  @Test
  @DisplayName("A 4,000-character win is refused in sections Slack accepts, never cutting a word")
  void fourThousandCharacters() {
    // GIVEN a win of 4,000 characters made of numbered words
    String text =
        IntStream.range(0, 800).mapToObj(i -> "w" + (1000 + i)).collect(Collectors.joining(" "));
    text = text.substring(0, text.lastIndexOf(' ', 4000));
    text = text + " " + "x".repeat(3999 - text.length());
    assertThat(text).hasSize(4000);

    // WHEN Alice sends it
    JsonNode reply = slack.replyTo(SlackTestbed.MENTEE, "/win", text);

    // THEN she is told it's too long and gets all of it back, in sections of at most 3,000
    // characters
    assertThat(reply.path("blocks")).hasSizeGreaterThan(1);
    for (JsonNode block : reply.path("blocks")) {
      assertThat(block.path("text").path("text").asText().length()).isLessThanOrEqualTo(3000);
    }
    String shown = SlackTestbed.shown(reply);
    assertThat(shown).contains("4,000 characters");
    // AND every word she typed is there, whole
    List<String> shownWords = Arrays.asList(shown.split("\\s+"));
    assertThat(shownWords).containsAll(Arrays.asList(text.split(" ")));
  }

  @Test
  @DisplayName("An emoji-heavy win is logged intact and reaches the partner without a broken emoji")
  void emojiHeavyWin() throws Exception {
    // GIVEN a pair
    slack.pairMariaWithAlice();
    // AND a win of family emoji (7 code points, 11 UTF-16 units each), flags and skin tones,
    // longer than a section in UTF-16 units though within the engine's 3,000 characters
    String family = "👩‍👩‍👧‍👦";
    String text = family.repeat(300) + " 🇺🇦🇯🇵 👍🏽 🎉 done";

    // WHEN Alice logs it
    String reply = slack.shownTo(SlackTestbed.MENTEE, "/win", text);
    assertThat(reply).contains("Win logged");

    // THEN the engine got exactly her text, and Maria's DM shows every emoji whole
    assertThat(((Inbound.Command) slack.received.get(2)).text()).isEqualTo(text);
    FakeSlackApi.Call dm =
        slack.slack.await(
            "chat.postMessage",
            c ->
                c.params().get("channel").equals("DUMARIA")
                    && c.params().get("text").contains("win"));
    JsonNode blocks = dm.json("blocks");
    assertThat(blocks.size()).isGreaterThan(1);
    StringBuilder joined = new StringBuilder();
    for (JsonNode block : blocks) {
      String section = block.path("text").path("text").asText();
      assertThat(section.length()).isLessThanOrEqualTo(3000);
      assertThat(Character.isLowSurrogate(section.charAt(0))).isFalse();
      assertThat(section.charAt(0)).isNotEqualTo('\u200D');
      joined.append(section);
    }
    assertThat(joined.toString()).contains(family.repeat(300).substring(0, 100));
    assertThat(joined.toString().split(family, -1)).hasSize(301);
    assertThat(joined.toString()).contains("🇺🇦🇯🇵 👍🏽 🎉 done");
  }

  private void awaitCounter(String name, long value) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (slack.metrics.value(name) < value && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(slack.metrics.value(name)).as(name).isEqualTo(value);
  }
}
