package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.LiveMentions;
import org.nudge.engine.model.Message;

@DisplayName("Slack delivery from the outbox")
class SlackDeliveryTest {

  private SlackTestbed slack;

  @AfterEach
  void stop() {
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  @DisplayName("A shared win reaches the partner's DM and the program channel")
  void sharedWinReachesPartnerAndChannel() throws Exception {
    // GIVEN Maria mentors Alice in Spring, which posts to #mentoring (C0PROGRAM)
    slack = new SlackTestbed();
    slack.pairMariaWithAlice();

    // WHEN Alice logs a win and shares it
    String reply = slack.shownTo(SlackTestbed.MENTEE, "/win", "gave my first demo --share");
    assertThat(reply).contains("I've told Maria").contains("Shared with Spring");

    // THEN Maria's DM is opened and the win posted there, without anyone draining by hand
    FakeSlackApi.Call dm =
        slack.slack.await(
            "chat.postMessage",
            c ->
                c.params().get("channel").equals("DUMARIA")
                    && c.params().get("text").contains("logged a win"));
    assertThat(dm.shownText("blocks")).contains("Alice logged a win: gave my first demo");
    assertThat(slack.slack.calls("conversations.open"))
        .anySatisfy(c -> assertThat(c.params().get("users")).isEqualTo("UMARIA"));
    // AND the program channel gets the shared win
    FakeSlackApi.Call channel =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("C0PROGRAM"));
    assertThat(channel.shownText("blocks")).contains("Alice shared a win: gave my first demo");
    // AND every Web API call carried the bot token as a bearer token, never in the form
    assertThat(slack.slack.effects())
        .filteredOn(c -> !c.method().equals("response_url"))
        .allSatisfy(
            c -> {
              assertThat(c.authorization()).isEqualTo("Bearer " + FakeSlackApi.BOT_TOKEN);
              assertThat(c.body()).doesNotContain(FakeSlackApi.BOT_TOKEN);
            });
  }

  @Test
  @DisplayName(
      "A member's @channel, user group and disguised link reach Slack as words: no ping, no false link")
  void memberMarkupIsEscaped() throws Exception {
    // GIVEN Maria mentors Alice in Spring, which posts to #mentoring (C0PROGRAM)
    slack = new SlackTestbed();
    slack.pairMariaWithAlice();
    // AND Alice's win holds Slack's real special mentions and a link labelled as another, as Slack
    // sends them, then the same markup typed out as text (which Slack sends escaped)
    String typed =
        "<!channel> <!here> <!everyone> <!subteam^S0TEAM|@mentors> see"
            + " <https://evil.example/login|https://slack.com/login> &amp; typed:"
            + " &lt;!channel&gt; &lt;https://evil.example|https://slack.com&gt;";
    String shown =
        "@channel @here @everyone @mentors see https://slack.com/login"
            + " (https://evil.example/login) &amp; typed: &lt;!channel&gt;"
            + " &lt;https://evil.example|https://slack.com&gt;";

    // WHEN she shares it
    slack.shownTo(SlackTestbed.MENTEE, "/win", typed + " --share");

    // THEN the program channel gets exactly her words, escaped, in the text and the blocks
    FakeSlackApi.Call channel =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("C0PROGRAM"));
    assertThat(channel.params().get("text")).isEqualTo("🌟 Alice shared a win: " + shown);
    assertThat(channel.json("blocks").get(0).path("text").path("text").asText())
        .isEqualTo("🌟 Alice shared a win: " + shown);
    // AND so does Maria's DM
    FakeSlackApi.Call dm =
        slack.slack.await(
            "chat.postMessage",
            c ->
                c.params().get("channel").equals("DUMARIA")
                    && c.params().get("text").contains("logged a win"));
    assertThat(dm.shownText("blocks"))
        .isEqualTo(
            "🎉 Alice logged a win: "
                + shown
                + "\nA quick word of congratulation goes a long way.\n");
    // AND an echo of what she typed, in a reply, is escaped the same way
    JsonNode echo = slack.replyTo(SlackTestbed.MENTEE, "/nudge", "frobnicate " + typed);
    assertThat(echo.path("text").asText() + SlackTestbed.shown(echo))
        .contains("frobnicate " + shown)
        .doesNotContain("<!", "<http");
  }

  @Test
  @DisplayName("The engine's own mention is live on Slack, and a member's mention beside it is not")
  void engineMentionIsLive() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    ChatGateway gateway = slack.adapter.gateway();
    gateway.deliver(
        new ConversationRef.Channel(SlackAdapter.PLATFORM, FakeSlackApi.TEAM, "C0PROGRAM"),
        Message.text(
            LiveMentions.of("UALICE") + ", please open your DMs (thanks <@UMARIA|maria>)"));
    FakeSlackApi.Call post = slack.slack.calls("chat.postMessage").get(0);
    assertThat(post.params().get("text"))
        .isEqualTo("<@UALICE>, please open your DMs (thanks @maria)");
  }

  @Test
  @DisplayName("The DM channel is opened once per person and then reused")
  void directChannelIsCached() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    ChatGateway gateway = slack.adapter.gateway();
    ConversationRef maria = new ConversationRef.Direct(SlackTestbed.user(SlackTestbed.MENTOR));
    gateway.deliver(maria, Message.text("one"));
    gateway.deliver(maria, Message.text("two"));
    assertThat(slack.slack.calls("conversations.open")).hasSize(1);
    assertThat(slack.slack.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  @DisplayName(
      "A Slack 500 then a 429 during dispatch lose nothing: the win arrives after Retry-After")
  void serverErrorAndRateLimitLoseNothing() throws Exception {
    // GIVEN a pair whose welcomes are already delivered
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    slack.pairMariaWithAlice();
    slack.dispatcher.drain();
    int before = slack.slack.calls("chat.postMessage").size();

    // AND Slack will answer the next post with a 500, and the one after with a 429 (wait 1 s)
    slack.slack.answerNext("chat.postMessage", 500, "upstream trouble", Map.of());
    slack.slack.answerNext(
        "chat.postMessage",
        429,
        "{\"ok\":false,\"error\":\"ratelimited\"}",
        Map.of("Retry-After", "1"));

    // WHEN Alice logs a win and the dispatcher runs
    slack.replyTo(SlackTestbed.MENTEE, "/win", "fixed the flaky test");
    slack.dispatcher.drain();
    // THEN the 500 is retried after the dispatcher's first backoff (2 s) …
    assertThat(pendingAttempts()).isEqualTo(1);
    slack.clock.advance(Duration.ofSeconds(2));
    slack.dispatcher.drain();
    // … where Slack rate-limits it: nothing is sent before its Retry-After has passed
    assertThat(pendingAttempts()).isEqualTo(2);
    slack.dispatcher.drain();
    assertThat(pendingAttempts()).isEqualTo(2);
    slack.clock.advance(Duration.ofSeconds(1));
    slack.dispatcher.drain();

    // AND then the win reaches Maria, exactly once
    List<FakeSlackApi.Call> posts = slack.slack.calls("chat.postMessage");
    assertThat(posts).hasSize(before + 3);
    assertThat(posts.subList(before, posts.size()))
        .allSatisfy(c -> assertThat(c.params().get("text")).contains("fixed the flaky test"));
    assertThat(outbox()).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("sent"));
  }

  /** The attempts made on the one pending outbox row. */
  private int pendingAttempts() {
    List<Map<String, Object>> pending =
        outbox().stream().filter(row -> row.get("status").equals("pending")).toList();
    assertThat(pending).hasSize(1);
    return ((Number) pending.get(0).get("attempts")).intValue();
  }

  private List<Map<String, Object>> outbox() {
    return slack
        .database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT status, attempts FROM outbox ORDER BY id").mapToMap().list());
  }

  @Test
  @DisplayName("Errors that will never heal fail at once with a sentence a lead can act on")
  void permanentErrorsFailWithAReason() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    ChatGateway gateway = slack.adapter.gateway();
    ConversationRef channel = new ConversationRef.Channel("slack", FakeSlackApi.TEAM, "C0OLD");

    slack.slack.failNext("chat.postMessage", "is_archived");
    assertThat(gateway.deliver(channel, Message.text("digest")))
        .isInstanceOfSatisfying(
            ChatGateway.Delivery.Failed.class,
            f -> assertThat(f.reason()).contains("is_archived").contains("<#C0OLD> is archived"));

    slack.slack.failNext("chat.postMessage", "channel_not_found");
    assertThat(gateway.deliver(channel, Message.text("digest")))
        .isInstanceOfSatisfying(
            ChatGateway.Delivery.Failed.class,
            f -> assertThat(f.reason()).contains("invite it with /invite @Nudge"));

    slack.slack.failNext("conversations.open", "user_disabled");
    ConversationRef gone = new ConversationRef.Direct(SlackTestbed.user("UGONE"));
    assertThat(gateway.deliver(gone, Message.text("hello")))
        .isInstanceOfSatisfying(
            ChatGateway.Delivery.Failed.class, f -> assertThat(f.reason()).contains("deactivated"));

    slack.slack.failNext("chat.postMessage", "account_inactive");
    assertThat(gateway.deliver(channel, Message.text("digest")))
        .isInstanceOfSatisfying(
            ChatGateway.Delivery.Failed.class,
            f -> assertThat(f.reason()).contains("SLACK_BOT_TOKEN"));
  }

  @Test
  @DisplayName("A private channel Nudge isn't in fails with the invitation to send")
  void notInChannelAsksForAnInvite() {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    slack.slack.failNext("chat.postMessage", "not_in_channel");
    ConversationRef channel = new ConversationRef.Channel("slack", FakeSlackApi.TEAM, "G0PRIVATE");

    assertThat(slack.adapter.gateway().deliver(channel, Message.text("weekly digest")))
        .isInstanceOfSatisfying(
            ChatGateway.Delivery.Failed.class,
            f -> assertThat(f.reason()).contains("<#G0PRIVATE>").contains("/invite @Nudge"));
  }

  @Test
  @DisplayName("Slack's 5xx are retried on the dispatcher's backoff, a 429 after its Retry-After")
  void transientFailuresAreRetried() {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    ChatGateway gateway = slack.adapter.gateway();
    ConversationRef channel = new ConversationRef.Channel("slack", FakeSlackApi.TEAM, "C0X");
    slack.slack.answerNext("chat.postMessage", 503, "", Map.of());
    slack.slack.answerNext("chat.postMessage", 429, "", Map.of("Retry-After", "30"));
    slack.slack.failNext("chat.postMessage", "internal_error");

    assertThat(gateway.deliver(channel, Message.text("a")))
        .isEqualTo(
            new ChatGateway.Delivery.RetryLater(
                Duration.ZERO, "Slack answered http_503 to chat.postMessage; trying again later"));
    assertThat(
            ((ChatGateway.Delivery.RetryLater) gateway.deliver(channel, Message.text("a"))).after())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(gateway.deliver(channel, Message.text("a")))
        .isInstanceOf(ChatGateway.Delivery.RetryLater.class);
    assertThat(gateway.deliver(channel, Message.text("a")))
        .isInstanceOf(ChatGateway.Delivery.Delivered.class);
  }
}
