package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.LEAD;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;
import static org.nudge.adapter.discord.DiscordHarness.channel;
import static org.nudge.adapter.discord.DiscordHarness.opts;
import static org.nudge.adapter.discord.DiscordHarness.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The outbox reaching Discord through the dispatcher, when Discord cooperates and when not. */
@DisplayName("Discord delivery")
class DiscordDeliveryTest {

  private static final String CANNOT_DM =
      "{\"message\":\"Cannot send messages to this user\",\"code\":50007}";

  private DiscordHarness nudge;

  @BeforeEach
  void start() throws Exception {
    nudge = new DiscordHarness();
    // GIVEN a program with a channel, and Maria mentoring Alice
    nudge.createSpring();
  }

  @AfterEach
  void stop() throws Exception {
    nudge.close();
  }

  private void pairMariaWithAlice() throws InterruptedException {
    assertThat(
            nudge.run(
                LEAD, "nudge", null, "pair", opts("mentor", user(MARIA), "mentee", user(ALICE))))
        .startsWith("Paired Maria (mentor) with Alice (mentee)");
  }

  @Test
  @DisplayName("welcomes go out as DMs, each DM channel opened once, with nothing able to ping")
  void dms() throws Exception {
    pairMariaWithAlice();
    // WHEN the dispatcher runs
    nudge.dispatcher.drain();
    // THEN each of them got a welcome in their DM
    assertThat(nudge.dmTexts(ALICE))
        .singleElement()
        .asString()
        .contains("You're paired with Maria");
    assertThat(nudge.dmTexts(MARIA)).singleElement().asString().contains("You're mentoring Alice");
    assertThat(nudge.discord.calls("POST", "users/@me/channels")).hasSize(2);
    JsonNode dm = nudge.posts(FakeDiscord.dmChannel(ALICE)).get(0);
    assertThat(dm.get("allowed_mentions").get("parse")).isEmpty();
    assertThat(dm.get("nonce").asText()).hasSize(25);
    assertThat(dm.get("enforce_nonce").asBoolean()).isTrue();
    // AND a second message to Alice reuses her DM channel
    nudge.run(MARIA, "win", null, null, opts("text", "Alice's first PR merged"));
    nudge.dispatcher.drain();
    assertThat(nudge.dmTexts(ALICE)).hasSize(2);
    assertThat(nudge.discord.calls("POST", "users/@me/channels")).hasSize(2);
  }

  @Test
  @DisplayName("a shared win is posted to the program channel as an embed that pings nobody")
  void channelPostAsEmbed() throws Exception {
    pairMariaWithAlice();
    nudge.dispatcher.drain();
    // WHEN Alice shares a win that (mischievously) mentions @everyone
    nudge.run(
        ALICE, "win", null, null, opts("text", "demo went great @everyone 🎉", "share", true));
    nudge.dispatcher.drain();
    // THEN #mentoring gets an embed with the win as written, and nobody is pinged
    List<JsonNode> posts = nudge.posts(FakeDiscord.MENTORING);
    assertThat(posts).hasSize(1);
    JsonNode post = posts.get(0);
    assertThat(post.path("content").asText("")).isEmpty();
    String description = post.get("embeds").get(0).get("description").asText();
    assertThat(description).isEqualTo("🌟 Alice shared a win: demo went great @everyone 🎉");
    assertPingsOnly(post);
  }

  @Test
  @DisplayName(
      "a member's @everyone, roles, mentions, markdown and masked links reach Discord exactly as written and ping nobody")
  void memberTextPingsNobody() throws Exception {
    pairMariaWithAlice();
    nudge.dispatcher.drain();
    String typed =
        "@everyone @here <@&700000000000000001> thanks <@"
            + DiscordHarness.SAM
            + "> for *x* and **y** [https://discord.com](https://evil.example)";
    // WHEN Alice shares a win with all of that in it
    nudge.run(ALICE, "win", null, null, opts("text", typed, "share", true));
    nudge.dispatcher.drain();
    // THEN the program channel shows it character for character, with no one allowed to be pinged
    JsonNode post = nudge.posts(FakeDiscord.MENTORING).get(0);
    assertThat(post.path("content").asText("")).isEmpty();
    assertThat(post.get("embeds").get(0).get("description").asText())
        .isEqualTo("🌟 Alice shared a win: " + typed);
    assertPingsOnly(post);
    // AND so does Maria's DM, where the text is the message itself
    JsonNode dm = nudge.posts(FakeDiscord.dmChannel(MARIA)).get(1);
    assertThat(dm.get("content").asText())
        .isEqualTo(
            "🎉 Alice logged a win: "
                + typed
                + "\nA quick word of congratulation goes a long way.");
    assertPingsOnly(dm);
  }

  /** Discord is told to notify exactly {@code users}: no @everyone, no roles, nobody else. */
  private static void assertPingsOnly(JsonNode message, String... users) {
    JsonNode allowed = message.get("allowed_mentions");
    assertThat(allowed.get("parse")).isEmpty();
    assertThat(allowed.path("roles")).isEmpty();
    List<String> allowedUsers = new java.util.ArrayList<>();
    allowed.path("users").forEach(u -> allowedUsers.add(u.asText()));
    assertThat(allowedUsers).containsExactly(users);
  }

  @Test
  @DisplayName(
      "closed DMs (50007) are recorded, and the member is told once in the program channel how to open them")
  void closedDms() throws Exception {
    // GIVEN Alice doesn't accept DMs from server members
    nudge.discord.failNext(
        "POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages", 403, CANNOT_DM);
    pairMariaWithAlice();
    // WHEN the welcomes are delivered
    nudge.dispatcher.drain();
    // THEN Maria's arrives, Alice's is recorded as failed, and #mentoring tells Alice how to fix it
    assertThat(nudge.dmTexts(MARIA)).hasSize(1);
    Map<String, String> outbox = nudge.outbox();
    assertThat(outbox).containsEntry("pair:1:welcome:mentee", "failed");
    assertThat(outbox).containsEntry("pair:1:welcome:mentor", "sent");
    List<JsonNode> notices = nudge.posts(FakeDiscord.MENTORING);
    assertThat(notices).hasSize(1);
    JsonNode notice = notices.get(0);
    assertThat(notice.get("content").asText()).isEqualTo("<@" + ALICE + ">");
    assertPingsOnly(notice, ALICE);
    assertThat(notice.get("embeds").get(0).get("description").asText())
        .contains("Privacy Settings")
        .contains("Direct Messages");

    // WHEN Maria's win should reach Alice too
    nudge.run(MARIA, "win", null, null, opts("text", "Alice's first PR merged"));
    nudge.dispatcher.drain();
    // THEN it fails without knocking on Discord again, and Alice is not told a second time
    assertThat(nudge.outbox()).containsValue("failed").doesNotContainValue("pending");
    assertThat(
            nudge.discord.calls("POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages"))
        .hasSize(1);
    assertThat(nudge.posts(FakeDiscord.MENTORING)).hasSize(1);
  }

  @Test
  @DisplayName("closed DMs found when opening the DM channel are handled the same way")
  void closedDmsOnOpening() throws Exception {
    nudge.discord.failNext("POST", "users/@me/channels", 403, CANNOT_DM);
    // GIVEN the first DM channel Nudge opens (Alice's, as the mentee's welcome goes first) is
    // refused
    pairMariaWithAlice();
    nudge.dispatcher.drain();
    // THEN the welcome is recorded as failed and the notice goes to #mentoring once
    assertThat(nudge.outbox()).containsEntry("pair:1:welcome:mentee", "failed");
    assertThat(nudge.outbox()).containsKey("dm-closed:2".replace("2", aliceMemberId()));
    assertThat(nudge.posts(FakeDiscord.MENTORING)).hasSize(1);
  }

  @Test
  @DisplayName("a 429 with retry_after is waited out and the message delivered once, nothing lost")
  void rateLimited() throws Exception {
    nudge.discord.rateLimitNext(
        "POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages", 1);
    pairMariaWithAlice();
    // WHEN the dispatcher runs into the rate limit
    nudge.dispatcher.drain();
    // THEN JDA waited and retried: both welcomes sent, Alice's after the 429
    assertThat(nudge.outbox()).containsEntry("pair:1:welcome:mentee", "sent");
    assertThat(nudge.outbox()).containsEntry("pair:1:welcome:mentor", "sent");
    assertThat(
            nudge.discord.calls("POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages"))
        .hasSize(2);
  }

  @Test
  @DisplayName(
      "opening DM channels gently holds back only DMs to new people: a shared win still reaches"
          + " the channel at once, and the held welcome follows when an opening is allowed")
  void dmOpeningLimitHoldsOnlyDms() throws Exception {
    // GIVEN Discord lets Nudge open one DM channel now, then one every 6 s
    nudge.close();
    nudge =
        new DiscordHarness(
            List.of(FakeDiscord.GUILD_ID),
            0,
            new DiscordAdapter.Tuning(
                Duration.ofMillis(1500),
                Duration.ofSeconds(10),
                1,
                Duration.ofSeconds(6),
                Duration.ofHours(1)));
    nudge.run(
        LEAD,
        "nudge",
        "program",
        "create",
        opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING)));
    // AND Maria and Alice are paired: two welcomes, each needing a DM channel opened
    pairMariaWithAlice();
    // AND Maria shares a win at once, for the program's channel
    nudge.run(MARIA, "win", null, null, opts("text", "first demo", "share", true));

    // WHEN the dispatcher runs
    nudge.dispatcher.drain();

    // THEN one DM channel was opened, and the other welcome waits for the next opening
    assertThat(nudge.discord.calls("POST", "users/@me/channels")).hasSize(1);
    assertThat(nudge.outbox()).containsValue("pending");
    // AND the channel post went out all the same
    assertThat(nudge.posts(FakeDiscord.MENTORING)).hasSize(1);
    assertThat(nudge.outbox()).doesNotContainValue("failed");

    // WHEN 6 s pass
    nudge.clock.advance(Duration.ofSeconds(6));
    nudge.dispatcher.drain();
    // THEN the held welcome goes out too, nothing counted as a failed attempt
    assertThat(nudge.outbox()).doesNotContainValue("pending");
    assertThat(nudge.dmTexts(ALICE)).isNotEmpty();
    assertThat(nudge.dmTexts(MARIA)).isNotEmpty();
  }

  @Test
  @DisplayName(
      "a 500 during dispatch leaves the message waiting, and it goes out on the next round")
  void serverError() throws Exception {
    nudge.discord.failNext(
        "POST",
        "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages",
        500,
        "{\"message\":\"500: Internal Server Error\",\"code\":0}");
    pairMariaWithAlice();
    // WHEN Discord fails once
    nudge.dispatcher.drain();
    // THEN Alice's welcome is still pending, Maria's sent
    assertThat(nudge.outbox()).containsEntry("pair:1:welcome:mentee", "pending");
    assertThat(nudge.outbox()).containsEntry("pair:1:welcome:mentor", "sent");
    // WHEN a minute passes and the dispatcher runs again
    nudge.clock.advance(Duration.ofMinutes(1));
    nudge.dispatcher.drain();
    // THEN it is delivered
    assertThat(nudge.outbox()).containsEntry("pair:1:welcome:mentee", "sent");
    assertThat(
            nudge.discord.calls("POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages"))
        .hasSize(2);
  }

  @Test
  @DisplayName("a channel Nudge can't see fails for good with a sentence a lead can act on")
  void unknownChannel() throws Exception {
    var gateway = nudge.adapter.gateway();
    var result =
        gateway.deliver(
            new org.nudge.engine.model.ConversationRef.Channel(
                DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, "399999999999999999"),
            org.nudge.engine.model.Message.text("digest"));
    assertThat(result).isInstanceOf(org.nudge.engine.delivery.ChatGateway.Delivery.Failed.class);
    assertThat(((org.nudge.engine.delivery.ChatGateway.Delivery.Failed) result).reason())
        .contains("can't see channel");
  }

  @Test
  @DisplayName(
      "4,000+ characters with emoji and @everyone are answered in pieces within 2,000, none lost")
  void hostileInput() throws Exception {
    // GIVEN a win far over the length limit, with emoji and a mass mention
    String word = "ship🚀it ";
    String text = "@everyone " + word.repeat(500);
    assertThat(text.length()).isGreaterThan(4000);
    // WHEN Alice sends it
    String id = nudge.slash(ALICE, "win", null, null, opts("text", text));
    // THEN the refusal and her own words come back split, each piece within Discord's limit
    List<String> pieces = nudge.replyTexts(id, 3);
    assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
    String all = String.join("", pieces);
    assertThat(all).contains("please keep it under");
    assertThat(all.replaceAll("\\s", "")).contains(text.replaceAll("\\s", ""));
    // AND none of them may ping anyone
    assertThat(nudge.discord.calls())
        .map(c -> c.body().has("data") ? c.body().get("data") : c.body())
        .filteredOn(body -> body.path("content").asText("").contains("ship🚀it"))
        .hasSize(3)
        .allSatisfy(DiscordDeliveryTest::assertPingsOnly);
    // AND no emoji was cut in half
    assertThat(pieces)
        .allSatisfy(
            p -> {
              assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
              assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
            });
    // AND nothing was saved
    assertThat(nudge.outbox()).doesNotContainKey("win:1:partner");
  }

  private String aliceMemberId() {
    return nudge.store.inTransaction(
        tx ->
            Long.toString(
                tx.members()
                    .find(
                        new org.nudge.engine.model.UserRef(
                            DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, ALICE))
                    .orElseThrow()
                    .id()));
  }
}
