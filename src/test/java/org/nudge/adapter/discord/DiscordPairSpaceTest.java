package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.LEAD;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;
import static org.nudge.adapter.discord.DiscordHarness.SAM;
import static org.nudge.adapter.discord.DiscordHarness.channel;
import static org.nudge.adapter.discord.DiscordHarness.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discord pair spaces: a private thread per pair, and DMs when Discord refuses")
class DiscordPairSpaceTest {

  private static final String MISSING_PERMISSIONS =
      "{\"message\":\"Missing Permissions\",\"code\":50013}";
  private static final String THREADS = "channels/" + FakeDiscord.MENTORING + "/threads";

  private DiscordHarness nudge;

  @BeforeEach
  void start() throws Exception {
    nudge = new DiscordHarness();
  }

  @AfterEach
  void stop() throws Exception {
    nudge.close();
  }

  private static Map<String, Object> opts(Object... pairs) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      options.put((String) pairs[i], pairs[i + 1]);
    }
    return options;
  }

  private void groupProgram(boolean withChannel) throws InterruptedException {
    nudge.run(
        LEAD,
        "nudge",
        "program",
        "create",
        withChannel
            ? opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING))
            : opts("name", "Spring"));
    assertThat(
            nudge.run(LEAD, "nudge", "program", "space", opts("name", "Spring", "space", "group")))
        .startsWith("Each new pair in Spring will get a shared space");
  }

  private void pair(String mentor, String mentee) throws InterruptedException {
    assertThat(
            nudge.run(
                LEAD, "nudge", null, "pair", opts("mentor", user(mentor), "mentee", user(mentee))))
        .startsWith("Paired");
    nudge.dispatcher.drain();
  }

  private static String shown(JsonNode post) {
    StringBuilder text = new StringBuilder(post.path("content").asText(""));
    for (JsonNode embed : post.path("embeds")) {
      text.append(embed.path("description").asText(""));
    }
    return text.toString();
  }

  private List<String> textsIn(String channelId) {
    return nudge.posts(channelId).stream().map(DiscordPairSpaceTest::shown).toList();
  }

  private List<String> leadNotices() {
    return nudge.dmTexts(LEAD).stream().filter(t -> t.startsWith("I couldn't open")).toList();
  }

  @Test
  @DisplayName(
      "a private thread under the program's channel, both members added, holds the welcome and"
          + " reminders")
  void privateThread() throws Exception {
    groupProgram(true);
    pair(MARIA, ALICE);

    // THEN one private thread (type 12, not invitable) was made under #mentoring
    List<FakeDiscord.Call> created = nudge.discord.calls("POST", THREADS);
    assertThat(created).hasSize(1);
    JsonNode body = created.get(0).body();
    assertThat(body.path("type").asInt()).isEqualTo(12);
    assertThat(body.path("invitable").asBoolean(true)).isFalse();
    assertThat(body.path("name").asText()).isEqualTo("Maria + Alice");
    String thread =
        nudge.store.inTransaction(tx -> tx.pairSpaces().of(1)).orElseThrow().conversationId();
    // AND both people were added to it
    assertThat(nudge.discord.calls("PUT", "channels/" + thread + "/thread-members/\\d+"))
        .extracting(FakeDiscord.Call::path)
        .containsExactlyInAnyOrder(
            "channels/" + thread + "/thread-members/" + MARIA,
            "channels/" + thread + "/thread-members/" + ALICE);
    // AND the welcome was posted in the thread, not in their DMs
    assertThat(textsIn(thread))
        .singleElement()
        .asString()
        .startsWith("👋 Welcome, Maria and Alice!");
    assertThat(nudge.dmTexts(ALICE)).isEmpty();

    // WHEN the pair goes 16 days without a check-in
    nudge.advance(Duration.ofDays(16));

    // THEN the reminders are posted in the same thread, and no second thread is made
    assertThat(textsIn(thread)).anySatisfy(t -> assertThat(t).startsWith("⏰ Alice, it's been"));
    assertThat(nudge.discord.calls("POST", THREADS)).hasSize(1);
    assertThat(nudge.dmTexts(ALICE)).noneMatch(t -> t.startsWith("⏰"));
  }

  @Test
  @DisplayName(
      "Discord's 50013 falls back to DMs for both members, and the lead is told once for two"
          + " pairs")
  void missingPermissions() throws Exception {
    groupProgram(true);
    nudge.discord.failNext("POST", THREADS, 403, MISSING_PERMISSIONS);
    pair(MARIA, ALICE);
    nudge.discord.failNext("POST", THREADS, 403, MISSING_PERMISSIONS);
    pair("400000000000000005", SAM);
    nudge.dispatcher.drain();

    assertThat(nudge.dmTexts(MARIA)).anyMatch(t -> t.startsWith("👋 Welcome, Maria and Alice!"));
    assertThat(nudge.dmTexts(ALICE)).anyMatch(t -> t.startsWith("👋 Welcome, Maria and Alice!"));
    assertThat(nudge.dmTexts(SAM)).anyMatch(t -> t.startsWith("👋 Welcome, ") && t.contains("Sam"));
    assertThat(leadNotices())
        .singleElement()
        .asString()
        .contains("Missing Permissions")
        .contains("*Create Private Threads* and *Send Messages in Threads*");
    assertThat(nudge.discord.calls("POST", THREADS)).hasSize(2);
  }

  @Test
  @DisplayName(
      "a member Discord won't add to the thread: the thread is deleted, DMs for both, the lead"
          + " told")
  void memberNotAdded() throws Exception {
    groupProgram(true);
    nudge.discord.failNext(
        "PUT",
        "channels/\\d+/thread-members/" + ALICE,
        404,
        "{\"message\":\"Unknown Member\",\"code\":10007}");
    pair(MARIA, ALICE);
    nudge.dispatcher.drain();

    // THEN the thread that only Maria could read is gone
    List<FakeDiscord.Call> created = nudge.discord.calls("POST", THREADS);
    assertThat(created).hasSize(1);
    assertThat(nudge.discord.calls("DELETE", "channels/\\d+")).hasSize(1);
    // AND both get their welcome by DM, and nothing was posted in a thread
    assertThat(nudge.dmTexts(MARIA)).anyMatch(t -> t.startsWith("👋 Welcome, Maria and Alice!"));
    assertThat(nudge.dmTexts(ALICE)).anyMatch(t -> t.startsWith("👋 Welcome, Maria and Alice!"));
    assertThat(nudge.discord.calls("POST", "channels/\\d+/messages"))
        .noneMatch(c -> c.path().startsWith("channels/" + FakeDiscord.MENTORING))
        .allMatch(c -> c.path().startsWith("channels/9"));
    // AND the lead hears once what to check
    assertThat(leadNotices())
        .singleElement()
        .asString()
        .contains("wouldn't add a member")
        .contains("still in the server");
  }

  @Test
  @DisplayName("a program with no channel has no thread to open: DMs, and the lead told to set one")
  void noChannel() throws Exception {
    groupProgram(false);
    pair(MARIA, ALICE);
    nudge.dispatcher.drain();

    assertThat(nudge.discord.calls("POST", "channels/\\d+/threads")).isEmpty();
    assertThat(nudge.dmTexts(ALICE)).anyMatch(t -> t.startsWith("👋 Welcome, Maria and Alice!"));
    assertThat(leadNotices())
        .singleElement()
        .asString()
        .contains("set a channel for the program with `/nudge program channel Spring #channel`");
  }
}
