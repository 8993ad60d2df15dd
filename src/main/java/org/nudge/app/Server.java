package org.nudge.app;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
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
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.scheduling.QuartzScheduler;
import org.nudge.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudge as a service: the HTTP host (Slack's HTTP mode, health, metrics), the platforms whose
 * tokens are set, the scheduler's sweep and the delivery loop, until the process is stopped.
 */
public final class Server {

  private static final Logger log = LoggerFactory.getLogger(Server.class);

  private Server() {}

  public static void run(NudgeConfig config) throws Exception {
    Clock clock = Database.systemClock();
    String node = nodeName();
    try (Nudge nudge = Nudge.start(config, clock)) {
      Metrics metrics = new Metrics();
      metrics.gauge(
          "nudge_outbox_pending", "Outbox messages waiting", () -> outbox(nudge, "pending"));
      metrics.gauge(
          "nudge_outbox_failed",
          "Outbox messages that failed for good",
          () -> outbox(nudge, "failed"));
      HttpHost http =
          HttpHost.start(config.http(), HealthCheck.sql(nudge.database().dataSource()), metrics);

      Map<String, Directory> directories = new HashMap<>();
      SlackAdapter slack = null;
      if (config.slack().enabled()) {
        slack = SlackAdapter.connect(config.slack(), metrics);
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
      DiscordAdapter discord =
          discordNames == null
              ? null
              : DiscordAdapter.start(
                  config.discord(), engine, nudge.store(), discordNames, clock, wake);
      List<ChatGateway> gateways = new ArrayList<>();
      if (slack != null) {
        gateways.add(slack.gateway());
      }
      if (discord != null) {
        gateways.add(discord.gateway());
      }
      delivery.set(new DeliveryLoop(nudge.dispatcher(features, gateways, node), 500));
      if (slack != null) {
        slack.start(engine, nudge.store(), clock, http, wake);
      }

      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "nudge-shutdown"));
      try (QuartzScheduler scheduler =
              QuartzScheduler.start(
                  nudge.database().dataSource(),
                  nudge.database().isPostgres(),
                  nudge.sweep(features));
          DeliveryLoop deliveries = delivery.get()) {
        log.info(
            "Nudge {} is up: HTTP on port {}{}{}",
            node,
            http.port(),
            slack != null
                ? (slack.socketMode() ? ", Slack (Socket Mode)" : ", Slack (HTTP mode)")
                : "",
            discord != null ? ", Discord" : "");
        stopped.await();
      } finally {
        if (slack != null) {
          slack.close();
        }
        if (discord != null) {
          discord.close();
        }
        http.close();
      }
    }
  }

  private static long outbox(Nudge nudge, String status) {
    return nudge
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM outbox WHERE status = :s")
                    .bind("s", status)
                    .mapTo(Long.class)
                    .one());
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
