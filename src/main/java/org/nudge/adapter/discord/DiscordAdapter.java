package org.nudge.adapter.discord;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Guild;
import org.nudge.config.NudgeConfig.DiscordConfig;
import org.nudge.engine.Engine;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudge on Discord: connects with JDA, registers the slash commands, routes interactions and DM
 * text to the engine, and offers the {@link ChatGateway} the dispatcher delivers through. Build the
 * {@link DiscordDirectory} first (the engine needs it), then start this with the engine:
 *
 * <pre>{@code
 * DiscordDirectory names = new DiscordDirectory();
 * Features features = nudge.features(Directory.byPlatform(Map.of(DiscordAdapter.PLATFORM, names)));
 * Engine engine = nudge.engine(features);
 * try (DiscordAdapter discord =
 *     DiscordAdapter.start(config.discord(), engine, nudge.store(), names, clock, wake)) {
 *   Dispatcher dispatcher = nudge.dispatcher(features, List.of(discord.gateway()), node);
 *   ...
 * }
 * }</pre>
 */
public final class DiscordAdapter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);

  /** The platform id of Discord users: {@code discord:<guild id>:<user id>}. */
  public static final String PLATFORM = "discord";

  /** Knobs with production defaults; tests shorten them. */
  record Tuning(
      Duration replyBudget,
      Duration sendTimeout,
      int dmOpenBurst,
      Duration dmOpenRefill,
      Duration dmClosedMemory) {
    static Tuning defaults() {
      // 1.5 s leaves half of Discord's 3 s for the network; 10 DM channels at once, then one
      // every 6 s; a closed-DMs answer is believed for an hour.
      return new Tuning(
          Duration.ofMillis(1500),
          Duration.ofSeconds(10),
          10,
          Duration.ofSeconds(6),
          Duration.ofHours(1));
    }
  }

  private final DiscordConnection connection;
  private final DiscordGateway gateway;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;

  private DiscordAdapter(
      DiscordConnection connection,
      DiscordGateway gateway,
      ExecutorService workers,
      ScheduledExecutorService timer) {
    this.connection = connection;
    this.gateway = gateway;
    this.workers = workers;
    this.timer = timer;
  }

  /**
   * Connects to Discord (waiting until ready), registers the slash commands, and starts answering.
   *
   * @param afterEachInput runs after the engine handled an input, e.g. to wake the dispatcher so a
   *     partner's notice goes out at once; may be {@code () -> {}}
   */
  public static DiscordAdapter start(
      DiscordConfig config,
      Engine engine,
      Store store,
      DiscordDirectory directory,
      Clock clock,
      Runnable afterEachInput)
      throws InterruptedException {
    return start(
        config,
        engine.commands().specs(),
        engine::handle,
        store,
        directory,
        clock,
        afterEachInput,
        Tuning.defaults());
  }

  static DiscordAdapter start(
      DiscordConfig config,
      List<CommandSpec> commands,
      Function<Inbound, Reply> engine,
      Store store,
      DiscordDirectory directory,
      Clock clock,
      Runnable afterEachInput,
      Tuning tuning)
      throws InterruptedException {
    if (!config.enabled()) {
      throw new IllegalArgumentException("Discord needs DISCORD_TOKEN to start.");
    }
    SlashCommands slash = new SlashCommands(commands);
    ComponentIds ids = new ComponentIds();
    DiscordRenderer renderer = new DiscordRenderer(ids);
    ExecutorService workers = Executors.newFixedThreadPool(4, threads("nudge-discord-engine"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(threads("nudge-discord-timer"));
    Responder responder =
        new Responder(engine, renderer, workers, timer, tuning.replyBudget(), afterEachInput);
    DiscordConnection[] connected = new DiscordConnection[1];
    Workspaces workspaces =
        new Workspaces(
            store,
            config.guilds(),
            () -> connected[0] == null ? List.of() : connected[0].guildIds());
    DiscordFiles files = new DiscordFiles(config.apiUrl(), config.token());
    directory.connect(files);
    Interactions listener =
        new Interactions(
            slash, responder, renderer, ids, directory, workspaces, store, clock, files);
    DiscordConnection connection;
    try {
      connection = DiscordConnection.open(config, listener);
    } catch (RuntimeException | InterruptedException e) {
      workers.shutdownNow();
      timer.shutdownNow();
      throw e;
    }
    connected[0] = connection;
    directory.connect(connection);
    registerCommands(connection, slash, config.guilds());
    DmChannels dms =
        new DmChannels(clock, tuning.dmOpenBurst(), tuning.dmOpenRefill(), tuning.dmClosedMemory());
    DiscordGateway gateway = new DiscordGateway(connection, renderer, dms, tuning.sendTimeout());
    log.info(
        "Discord connected: {} shard(s), {} server(s)",
        connection.shards().size(),
        connection.guildIds().size());
    return new DiscordAdapter(connection, gateway, workers, timer);
  }

  /**
   * Registers the slash commands, replacing whatever was there (a bulk overwrite, so restarting is
   * harmless): per configured server, which is instant but not in DMs, or else globally, which can
   * take a while to appear but works in DMs with Nudge too.
   */
  private static void registerCommands(
      DiscordConnection connection, SlashCommands slash, List<String> guilds) {
    if (guilds.isEmpty()) {
      connection.any().updateCommands().addCommands(slash.data(true)).complete();
      log.info("Discord slash commands registered globally");
      return;
    }
    for (String id : guilds) {
      Guild guild = connection.guild(id).orElse(null);
      if (guild == null) {
        log.warn(
            "Discord server {} is configured but Nudge isn't in it; invite it (docs/discord.md)",
            id);
        continue;
      }
      guild.updateCommands().addCommands(slash.data(false)).complete();
      log.info("Discord slash commands registered in server {}", id);
    }
  }

  /** The gateway to hand to the dispatcher. */
  public ChatGateway gateway() {
    return gateway;
  }

  /** True while every shard's gateway connection is up (for {@code /healthz}). */
  public boolean connected() {
    return connection.shards().stream()
        .allMatch(shard -> shard.getStatus() == net.dv8tion.jda.api.JDA.Status.CONNECTED);
  }

  @Override
  public void close() {
    connection.close();
    workers.shutdown();
    timer.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
