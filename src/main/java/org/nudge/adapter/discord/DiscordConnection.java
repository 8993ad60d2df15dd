package org.nudge.adapter.discord;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.nudge.config.NudgeConfig.DiscordConfig;

/**
 * Nudge's connection to Discord: one JDA instance, or JDA's {@link ShardManager} when a shard count
 * is configured. Everything else sees a list of shards, so both paths share the same code.
 *
 * <p>Intents: only {@code DIRECT_MESSAGES}, for answers typed in a DM (their text arrives without
 * the privileged message-content intent). JDA always adds the basic guild intent, which gives the
 * server and channel cache that per-server command registration and channel posts use. Slash
 * commands, buttons and modals need no intent. Names come with each interaction, so the privileged
 * member intent is not needed.
 */
final class DiscordConnection implements AutoCloseable {

  static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.DIRECT_MESSAGES);

  private final List<JDA> shards;
  private final Runnable shutdown;

  private DiscordConnection(List<JDA> shards, Runnable shutdown) {
    this.shards = List.copyOf(shards);
    this.shutdown = shutdown;
  }

  /** Connects and waits until every shard is ready. */
  static DiscordConnection open(DiscordConfig config, Object listener) throws InterruptedException {
    RestConfig rest = new RestConfig();
    if (config.apiUrl() != null && !config.apiUrl().isBlank()) {
      rest.setBaseUrl(config.apiUrl().endsWith("/") ? config.apiUrl() : config.apiUrl() + "/");
    }
    SessionController sessions = new SessionController(config.gatewayUrl(), config.shards());
    if (config.shards() <= 0) {
      JDA jda =
          JDABuilder.createLight(config.token(), INTENTS)
              .setRestConfig(rest)
              .setSessionController(sessions)
              .setCompression(Compression.NONE)
              .setEnableShutdownHook(false)
              .addEventListeners(listener)
              .build();
      jda.awaitReady();
      return new DiscordConnection(List.of(jda), () -> shutdown(jda));
    }
    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.createLight(config.token(), INTENTS)
            .setShardsTotal(config.shards());
    // Several nodes split the shards: each runs those it is told to, and Discord sends each
    // server's events to the one shard that holds it. Any node still posts anywhere over REST.
    int expected = config.shardIds().isEmpty() ? config.shards() : config.shardIds().size();
    if (!config.shardIds().isEmpty()) {
      builder.setShards(config.shardIds());
    }
    ShardManager manager =
        builder
            .setRestConfig(rest)
            .setSessionController(sessions)
            .setCompression(Compression.NONE)
            .setEnableShutdownHook(false)
            .addEventListeners(listener)
            .build();
    // The manager starts shards one after another: wait until all exist, then until each is ready.
    while (manager.getShardsQueued() > 0 || manager.getShards().size() < expected) {
      Thread.sleep(50);
    }
    for (JDA shard : manager.getShards()) {
      shard.awaitReady();
    }
    return new DiscordConnection(manager.getShards(), manager::shutdown);
  }

  /** Uses the configured gateway when there is one, and then never asks Discord for it. */
  private static final class SessionController extends ConcurrentSessionController {
    private final String gatewayUrl;
    private final int shards;

    SessionController(String gatewayUrl, int shards) {
      this.gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? null : gatewayUrl;
      this.shards = shards;
    }

    @Override
    public String getGateway() {
      return gatewayUrl != null ? gatewayUrl : super.getGateway();
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
      return gatewayUrl != null
          ? new ShardedGateway(gatewayUrl, Math.max(1, shards), Math.max(1, shards))
          : super.getShardedGateway(api);
    }
  }

  private static void shutdown(JDA jda) {
    jda.shutdown();
    try {
      if (!jda.awaitShutdown(5, TimeUnit.SECONDS)) {
        jda.shutdownNow();
      }
    } catch (InterruptedException e) {
      jda.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  List<JDA> shards() {
    return shards;
  }

  /** The shard for REST calls that belong to no server (DMs, users, global commands). */
  JDA any() {
    return shards.get(0);
  }

  Optional<Guild> guild(String id) {
    return shards.stream().map(s -> s.getGuildById(id)).filter(g -> g != null).findFirst();
  }

  /** A text channel of a server this node's shards see. */
  Optional<GuildMessageChannel> channel(String id) {
    try {
      return shards.stream()
          .map(s -> s.getChannelById(GuildMessageChannel.class, id))
          .filter(c -> c != null)
          .findFirst();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  List<String> guildIds() {
    return shards.stream().flatMap(s -> s.getGuilds().stream()).map(Guild::getId).toList();
  }

  @Override
  public void close() {
    shutdown.run();
  }
}
