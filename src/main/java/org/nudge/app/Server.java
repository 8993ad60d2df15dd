package org.nudge.app;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.nudge.adapter.discord.DiscordAdapter;
import org.nudge.adapter.discord.DiscordDirectory;
import org.nudge.adapter.slack.SlackAdapter;
import org.nudge.config.NudgeConfig;
import org.nudge.dashboard.DashboardRoute;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.delivery.SendOutcome;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.http.Readiness;
import org.nudge.scheduling.QuartzScheduler;
import org.nudge.storage.Database;
import org.nudge.storage.OutboxBacklog;
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
 *
 * <p>Stopping ({@link #drain}, on SIGTERM) runs the other way, in order: {@code /healthz} says
 * "draining" so the load balancer moves traffic elsewhere; the delivery thread finishes the message
 * in hand and hands back the rest of what it claimed; the scheduler waits for a running sweep and
 * stops; Slack's requests are still served for the drain window ({@code http.drainSeconds}), as a
 * refused slash command is not retried by Slack and the user would see an error; then the HTTP host
 * stops listening, the platforms disconnect after finishing what they acked, and the database
 * closes last.
 */
public final class Server implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Server.class);

  /**
   * The most a node takes to stop after SIGTERM; the JVM exits then even if a part still hangs (a
   * claim left behind expires with its lease). Orchestrators should allow a little more (25 s).
   */
  static final Duration STOP_LIMIT = Duration.ofSeconds(20);

  private final Readiness readiness;
  private final HttpHost http;
  private final List<AutoCloseable> background;
  private final List<AutoCloseable> platforms;
  private final Nudge nudge;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private Server(
      Readiness readiness,
      HttpHost http,
      List<AutoCloseable> background,
      List<AutoCloseable> platforms,
      Nudge nudge) {
    this.readiness = readiness;
    this.http = http;
    this.background = background;
    this.platforms = platforms;
    this.nudge = nudge;
  }

  /**
   * Runs Nudge until the process is told to stop (SIGTERM, Ctrl-C), then drains it. The JVM halts
   * as soon as its shutdown hooks return, so the hook waits here for the drain to finish; otherwise
   * the process would end mid-send, leaving claimed rows to their lease.
   */
  public static void run(NudgeConfig config) throws Exception {
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch drained = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    if (!drained.await(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                      log.warn("Nudge did not stop within {}; exiting anyway", STOP_LIMIT);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "nudge-shutdown"));
    try (Server server = start(config, Database.systemClock())) {
      stopRequested.await();
      server.drain(config.http().drain());
    } finally {
      drained.countDown();
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
    OutboxBacklog backlog = new OutboxBacklog(nudge.database());
    metrics.gauge(
        "nudge_outbox_oldest_due_seconds",
        "How long the oldest message due to be sent has waited",
        () -> backlog.oldestDueAge(clock.instant()).toSeconds());

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
    DashboardRoute.mount(http, nudge.store(), clock, Nudge.engineSettings(config));

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
    Map<SendOutcome, Metrics.Counter> sends = new EnumMap<>(SendOutcome.class);
    for (SendOutcome outcome : SendOutcome.values()) {
      String name = outcome.name().toLowerCase(Locale.ROOT);
      sends.put(
          outcome,
          metrics.counter(
              "nudge_sends_" + name + "_total",
              "Outbox sends that ended " + name.replace('_', ' ')));
    }
    Dispatcher dispatcher =
        nudge.dispatcher(features, gateways, node, outcome -> sends.get(outcome).increment());
    if (slack != null) {
      // Behind a load balancer a member's requests may reach different nodes: on a shared
      // database they go through the shared inbox, so they still take effect in order.
      slack.start(
          engine, nudge.store(), clock, http, wake, nudge.database().isPostgres() ? node : null);
      slackReady.readyWhen(slack.readiness());
    }

    Metrics.Counter sweeps = metrics.counter("nudge_sweeps_total", "Sweeps run on this node");
    Metrics.Counter sweepMillis =
        metrics.counter("nudge_sweep_milliseconds_total", "Time this node spent sweeping");
    QuartzScheduler scheduler =
        QuartzScheduler.start(
            nudge.database().dataSource(),
            nudge.database().isPostgres(),
            nudge.sweep(features),
            took -> {
              sweeps.increment();
              sweepMillis.add(took.toMillis());
            });
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
    List<AutoCloseable> platforms = new ArrayList<>();
    if (slack != null) {
      platforms.add(slack);
    }
    if (discord != null) {
      platforms.add(discord);
    }
    return new Server(readiness, http, List.of(delivery.get(), scheduler), platforms, nudge);
  }

  /** The HTTP port actually bound (useful when configured as 0). */
  public int port() {
    return http.port();
  }

  /**
   * Stops in order, serving requests for {@code window} after {@code /healthz} starts saying
   * "draining" (see the class comment). Returns once the database is closed; a second call does
   * nothing.
   */
  public void drain(Duration window) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    long start = System.nanoTime();
    readiness.drain();
    log.info(
        "Stopping: /healthz says draining; requests are still served for {} s", window.toSeconds());
    // Delivery first: what it hands back another node can take at once.
    background.forEach(Server::stop);
    long left = start + window.toNanos() - System.nanoTime();
    if (left > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stop(http);
    platforms.forEach(Server::stop);
    stop(nudge);
    log.info("Nudge stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** {@link #drain} at once, with no window (tests, and a start that is given up). */
  @Override
  public void close() {
    drain(Duration.ZERO);
  }

  private static void stop(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.getClass().getName());
    }
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      stop(parts.pop());
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
