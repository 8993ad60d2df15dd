package org.nudge;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nudge.adapter.console.ConsoleAdapter;
import org.nudge.app.DeliveryLoop;
import org.nudge.app.Nudge;
import org.nudge.app.Server;
import org.nudge.config.ConfigException;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;
import org.nudge.dashboard.DashboardRoute;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.scheduling.QuartzScheduler;
import org.nudge.storage.Database;

/**
 * Starts Nudge. With no platform token set it runs the console adapter on the embedded database, so
 * anyone can try every command in a terminal.
 */
public final class Main {

  private static final String SIMULATED_CLOCK = "--simulated-clock";

  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    boolean platform = env.get("SLACK_BOT_TOKEN") != null || env.get("DISCORD_TOKEN") != null;
    if (!platform && env.get("NUDGE_LOG_LEVEL") == null) {
      // The console's standard output is the conversation; keep routine logs out of its way.
      // Set before the first logger is created, so logback.xml picks it up.
      System.setProperty("NUDGE_LOG_LEVEL", "WARN");
    }
    NudgeConfig config;
    try {
      config = new ConfigLoader().load(env);
      Nudge.engineSettings(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (config.slack().enabled() || config.discord().enabled()) {
      try {
        Server.run(config);
      } catch (ConfigException | IllegalStateException e) {
        // A platform refusing the token, a port in use: one sentence, not a stack trace.
        System.err.println("Nudge could not start: " + e.getMessage());
        System.exit(1);
      }
      return;
    }
    runConsole(config, args);
  }

  private static void runConsole(NudgeConfig config, String[] args) throws Exception {
    String clockArg = null;
    for (String arg : args) {
      if (arg.equals(SIMULATED_CLOCK) || arg.startsWith(SIMULATED_CLOCK + "=")) {
        clockArg =
            arg.length() > SIMULATED_CLOCK.length()
                ? arg.substring(SIMULATED_CLOCK.length() + 1)
                : "";
      } else {
        System.err.println(
            "Unknown option "
                + arg
                + "; the only option is --simulated-clock[=2026-03-02T09:00Z].");
        System.exit(2);
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    // A script piped in runs on simulated time too: it finishes in seconds, and :clock and
    // :advance make it read the same on every run.
    boolean script = System.console() == null;
    if (clockArg == null && script) {
      clockArg = "";
    }
    SimulatedClock simulated =
        clockArg == null ? null : new SimulatedClock(Instant.now(), Database.PRECISION);
    Clock clock = simulated != null ? simulated : Database.systemClock();
    try (Nudge nudge = Nudge.start(config, clock)) {
      if (simulated != null) {
        try {
          simulated.set(SimulatedClock.resume(nudge.store(), clockArg, Instant.now()));
          simulated.keepIn(nudge.store());
        } catch (IllegalArgumentException e) {
          System.err.println("--simulated-clock: " + e.getMessage());
          System.exit(2);
        }
      }
      out.println(
          "Nudge console on "
              + (nudge.database().isPostgres() ? "PostgreSQL (" : "the embedded database (")
              + config.database().url()
              + ")"
              + (simulated != null ? ", simulated clock at " + simulated.instant() : "")
              + ". Type lines like `@alice /win shipped it`; `@lead /nudge help` for leads.");
      Features features = nudge.features(Directory.none());
      Engine engine = nudge.engine(features);
      Sweep sweep = nudge.sweep(features);
      Dispatcher dispatcher =
          nudge.dispatcher(
              features,
              List.of(
                  ConsoleAdapter.gateway(
                      out,
                      clock,
                      ConsoleAdapter.zonesOf(nudge.store()),
                      dataDirectory(config).resolve("charts"))),
              "console");
      // With a simulated clock, time moves only on :advance, which runs the sweep itself; with
      // the real clock, Quartz runs it every minute and a delivery loop prints what comes due.
      QuartzScheduler scheduler =
          simulated == null
              ? QuartzScheduler.start(
                  nudge.database().dataSource(), nudge.database().isPostgres(), sweep)
              : null;
      DeliveryLoop delivery = simulated == null ? new DeliveryLoop(dispatcher, 500) : null;
      HttpHost dashboard = serveDashboard(config, nudge, out);
      ConsoleAdapter console =
          new ConsoleAdapter(
              engine,
              dispatcher,
              out,
              simulated,
              () -> {
                sweep.run();
                dispatcher.drain();
              },
              dataDirectory(config).resolve("charts"));
      console.run(
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), script);
      if (delivery != null) {
        delivery.close();
      }
      if (scheduler != null) {
        scheduler.close();
      }
      if (dashboard != null) {
        dashboard.close();
      }
    }
  }

  /**
   * The console serves dashboards on {@code http.port} while it runs, so {@code /nudge dashboard}'s
   * link opens; a port in use only costs the dashboard, never the console.
   */
  private static HttpHost serveDashboard(NudgeConfig config, Nudge nudge, PrintStream out) {
    try {
      HttpHost host =
          HttpHost.start(
              config.http(), HealthCheck.sql(nudge.database().dataSource()), new Metrics());
      DashboardRoute.mount(host, nudge.store(), nudge.clock(), Nudge.engineSettings(config));
      return host;
    } catch (IllegalStateException e) {
      out.println("(Dashboards are off: " + e.getMessage() + ")");
      return null;
    }
  }

  /** The data directory: where the embedded database lives, else {@code ./data}. */
  static Path dataDirectory(NudgeConfig config) {
    String url = config.database().url();
    String prefix = "jdbc:h2:file:";
    if (url.startsWith(prefix)) {
      String file = url.substring(prefix.length()).split(";", 2)[0];
      Path parent = Path.of(file).toAbsolutePath().getParent();
      if (parent != null) {
        return parent;
      }
    }
    return Path.of("data");
  }
}
