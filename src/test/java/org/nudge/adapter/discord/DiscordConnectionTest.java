package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;

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
      "a node that runs only shard 1 of 2 connects only that shard, and still posts to a channel of"
          + " a server on shard 0, another node's, over REST")
  void splitShards() throws Exception {
    try (DiscordHarness nudge =
        new DiscordHarness(List.of(FakeDiscord.GUILD_ID), 2, List.of(1), DiscordHarness.quick())) {
      assertThat(nudge.discord.identifiedShards()).containsExactly(1);
      // The server (on shard 0) is not in this node's cache, yet its channel gets the digest
      var result =
          nudge
              .adapter
              .gateway()
              .deliver(
                  new ConversationRef.Channel(
                      DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, FakeDiscord.MENTORING),
                  Message.text("This week in Spring: 3 wins"));
      assertThat(result).isInstanceOf(ChatGateway.Delivery.Delivered.class);
      var posts = nudge.posts(FakeDiscord.MENTORING);
      assertThat(posts).hasSize(1);
      assertThat(posts.get(0).toString()).contains("3 wins");
      assertThat(posts.get(0).path("enforce_nonce").asBoolean()).isTrue();
      // AND a channel that exists nowhere fails for good with a sentence a lead can act on
      var unknown =
          nudge
              .adapter
              .gateway()
              .deliver(
                  new ConversationRef.Channel(
                      DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, "399999999999999999"),
                  Message.text("digest"));
      assertThat(unknown).isInstanceOf(ChatGateway.Delivery.Failed.class);
      assertThat(((ChatGateway.Delivery.Failed) unknown).reason()).contains("can't see channel");
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
