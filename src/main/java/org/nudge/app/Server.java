package org.nudge.app;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.nudge.adapter.discord.DiscordAdapter;
import org.nudge.adapter.discord.DiscordDirectory;
import org.nudge.adapter.slack.SlackAdapter;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.http.Readiness;
import org.nudge.scheduling.QuartzScheduler;
import org.nudge.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudge as a service: the HTTP host (Slack's HTTP mode, health, metrics), the platforms whose
 * tokens are set, the scheduler's sweep and the delivery loop.
 *
 * <p>The HTTP host starts first, so {@code /healthz} answers from the first moment, and says 503
 * until every part is up: the database, {@code /slack/events} mounted or Socket Mode connected,
 * Discord connected, the scheduler running. A load balancer or a rolling deploy that waits for 200
 * therefore never sends a command to a node that can't serve it yet.
 */
public final class Server implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Server.class);

  private final HttpHost http;
  // Closed last-started first.
  private final Deque<AutoCloseable> parts;

  private Server(HttpHost http, Deque<AutoCloseable> parts) {
    this.http = http;
    this.parts = parts;
  }

  /** Runs Nudge until the process is stopped. */
  public static void run(NudgeConfig config) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "nudge-shutdown"));
    try (Server server = start(config, Database.systemClock())) {
      stopped.await();
    }
  }

  /**
   * Starts every part, returning once all are up; whatever started is stopped again if one fails.
   */
  public static Server start(NudgeConfig config, Clock clock) throws Exception {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      return start(config, clock, started);
    } catch (Exception | Error e) {
      closeAll(started);
      throw e;
    }
  }

  private static Server start(NudgeConfig config, Clock clock, Deque<AutoCloseable> started)
      throws Exception {
    String node = nodeName();
    Nudge nudge = Nudge.start(config, clock);
    started.push(nudge);
    Metrics metrics = new Metrics();
    metrics.gauge(
        "nudge_outbox_pending",
        "Outbox messages waiting",
        () -> nudge.store().inTransaction(tx -> tx.outbox().backlog()).pending());
    metrics.gauge(
        "nudge_outbox_failed",
        "Outbox messages that failed for good",
        () -> nudge.store().inTransaction(tx -> tx.outbox().backlog()).failed());

    Readiness readiness =
        new Readiness().require("the database", HealthCheck.sql(nudge.database().dataSource()));
    Readiness.Pending slackReady =
        config.slack().enabled()
            ? readiness.expect(config.slack().socketMode() ? "Slack (Socket Mode)" : "Slack")
            : null;
    Readiness.Pending discordReady =
        config.discord().enabled() ? readiness.expect("Discord") : null;
    Readiness.Pending schedulerReady = readiness.expect("the scheduler");
    HttpHost http = HttpHost.start(config.http(), readiness, metrics);
    started.push(http);

    Map<String, Directory> directories = new HashMap<>();
    SlackAdapter slack = null;
    if (config.slack().enabled()) {
      slack = SlackAdapter.connect(config.slack(), metrics);
      started.push(slack);
      directories.put(SlackAdapter.PLATFORM, slack.directory());
    }
    DiscordDirectory discordNames = config.discord().enabled() ? new DiscordDirectory() : null;
    if (discordNames != null) {
      directories.put(DiscordAdapter.PLATFORM, discordNames);
    }
    Features features = nudge.features(Directory.byPlatform(directories));
    Engine engine = nudge.engine(features);

    // A person's action wakes delivery at once, so a partner hears of a win within a second;
    // waking only signals the delivery thread, so the thread that answers never waits on it.
    AtomicReference<DeliveryLoop> delivery = new AtomicReference<>();
    Runnable wake =
        () -> {
          DeliveryLoop loop = delivery.get();
          if (loop != null) {
            loop.wake();
          }
        };
    DiscordAdapter discord = null;
    if (discordNames != null) {
      discord =
          DiscordAdapter.start(config.discord(), engine, nudge.store(), discordNames, clock, wake);
      started.push(discord);
      discordReady.readyWhen(
          HealthCheck.when(discord::connected, "the gateway connection is not up"));
    }
    List<ChatGateway> gateways = new ArrayList<>();
    if (slack != null) {
      gateways.add(slack.gateway());
    }
    if (discord != null) {
      gateways.add(discord.gateway());
    }
    Dispatcher dispatcher = nudge.dispatcher(features, gateways, node);
    if (slack != null) {
      slack.start(engine, nudge.store(), clock, http, wake);
      slackReady.readyWhen(slack.readiness());
    }

    QuartzScheduler scheduler =
        QuartzScheduler.start(
            nudge.database().dataSource(), nudge.database().isPostgres(), nudge.sweep(features));
    started.push(scheduler);
    delivery.set(new DeliveryLoop(dispatcher, 500));
    started.push(delivery.get());
    schedulerReady.readyWhen(HealthCheck.when(scheduler::running, "not running"));
    log.info(
        "Nudge {} is up: HTTP on port {}{}{}",
        node,
        http.port(),
        slack != null ? (slack.socketMode() ? ", Slack (Socket Mode)" : ", Slack (HTTP mode)") : "",
        discord != null ? ", Discord" : "");
    return new Server(http, started);
  }

  /** The HTTP port actually bound (useful when configured as 0). */
  public int port() {
    return http.port();
  }

  /** Stops the delivery loop, the scheduler, the platforms, the HTTP host and the database. */
  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.getClass().getName());
      }
    }
  }

  private static final int MAX_NODE_NAME = 200;

  private static String nodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "node";
    }
    // A claim token is this name plus a UUID, in a column of 255 characters.
    String name = host + "-" + ProcessHandle.current().pid();
    return name.length() <= MAX_NODE_NAME ? name : name.substring(name.length() - MAX_NODE_NAME);
  }
}
