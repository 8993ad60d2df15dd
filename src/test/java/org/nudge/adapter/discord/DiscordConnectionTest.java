package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connecting to Discord")
class DiscordConnectionTest {

  @Test
  @DisplayName(
      "with no configured server, commands are registered globally (so they work in DMs) and nothing reaches discord.com")
  void globalCommands() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness(List.of(), 0, DiscordHarness.quick())) {
      var put = nudge.discord.await("PUT", "applications/\\d+/commands", 1).get(0).body();
      assertThat(put).hasSize(nudge.features.commands().specs().size());
      assertThat(put.get(0).get("contexts").toString()).contains("0").contains("1");
      assertThat(nudge.discord.calls("PUT", "applications/\\d+/guilds/\\d+/commands")).isEmpty();
      // A DM from someone Nudge hasn't met maps to the one server it is in.
      String id = nudge.slashInDm(DiscordHarness.SAM, "nudge", null, "help", Map.of());
      assertThat(nudge.replyText(id)).contains("Here's what I can do");
    }
  }

  @Test
  @DisplayName(
      "with a shard count, JDA's ShardManager opens one session per shard and commands still work")
  void sharded() throws Exception {
    try (DiscordHarness nudge =
        new DiscordHarness(List.of(FakeDiscord.GUILD_ID), 2, DiscordHarness.quick())) {
      assertThat(nudge.discord.identifies()).isEqualTo(2);
      nudge.discord.await(
          "PUT", "applications/\\d+/guilds/" + FakeDiscord.GUILD_ID + "/commands", 1);
      String id = nudge.slash(DiscordHarness.ALICE, "nudge", null, "help", Map.of());
      assertThat(nudge.replyText(id)).contains("Here's what I can do");
    }
  }
}
