package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.LEAD;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;
import static org.nudge.adapter.discord.DiscordHarness.channel;
import static org.nudge.adapter.discord.DiscordHarness.opts;
import static org.nudge.adapter.discord.DiscordHarness.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A digest's trend chart on Discord: the embed's image, attached to its message")
class DiscordChartTest {

  private static void program(DiscordHarness nudge) throws Exception {
    nudge.run(
        LEAD,
        "nudge",
        "program",
        "create",
        opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING)));
    nudge.run(LEAD, "nudge", null, "pair", opts("mentor", user(MARIA), "mentee", user(ALICE)));
    nudge.run(ALICE, "win", null, null, opts("text", "first demo"));
    nudge.dispatcher.drain();
  }

  @Test
  @DisplayName(
      "/nudge digest now: the leads' part shows attachment://spring-trend.png, sent as a PNG file"
          + " with the trend in words as its description")
  void attached() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness()) {
      program(nudge);

      nudge.run(LEAD, "nudge", null, "digest", opts("mode", "now"));
      nudge.dispatcher.drain();

      List<JsonNode> dms = nudge.posts(FakeDiscord.dmChannel(LEAD));
      JsonNode post = dms.get(dms.size() - 1);
      JsonNode embed = post.path("embeds").get(0);
      assertThat(embed.path("title").asText()).startsWith("🔒 Spring, for leads only");
      assertThat(embed.path("image").path("url").asText())
          .isEqualTo("attachment://spring-trend.png");
      assertThat(post.path("_files")).hasSize(1);
      assertThat(post.path("_files").get(0).path("name").asText()).isEqualTo("spring-trend.png");
      // A PNG's signature: byte 0x89, then "PNG" (the fake keeps parts as text).
      assertThat(post.path("_files").get(0).path("content").asText()).startsWith("\uFFFDPNG");
      assertThat(post.path("attachments").get(0).path("description").asText())
          .startsWith("Trend chart of Spring, weekly from");
      // The channel's celebration carries no chart: it goes with what leads act on.
      List<JsonNode> channel = nudge.posts(FakeDiscord.MENTORING);
      assertThat(channel.get(channel.size() - 1).path("_files").isMissingNode()).isTrue();
    }
  }

  @Test
  @DisplayName(
      "Discord refusing the file (too large) still gets the digest's text, without the picture")
  void refusedFileKeepsTheText() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness()) {
      program(nudge);
      nudge.discord.failNext(
          "POST",
          "channels/" + FakeDiscord.dmChannel(LEAD) + "/messages",
          413,
          "{\"message\":\"Request entity too large\",\"code\":40005}");

      nudge.run(LEAD, "nudge", null, "digest", opts("mode", "now"));
      nudge.dispatcher.drain();

      List<JsonNode> dms = nudge.posts(FakeDiscord.dmChannel(LEAD));
      JsonNode post = dms.get(dms.size() - 1);
      assertThat(post.path("embeds").get(0).path("title").asText())
          .startsWith("🔒 Spring, for leads only");
      assertThat(post.path("embeds").get(0).path("image").isMissingNode()).isTrue();
      assertThat(post.path("_files").isMissingNode()).isTrue();
    }
  }
}
