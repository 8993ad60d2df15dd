package org.nudge;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.nudge.adapter.console.ConsoleAdapter;
import org.nudge.app.Nudge;
import org.nudge.app.SimulatedClock;
import org.nudge.config.ConfigException;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.delivery.Dispatcher;

/**
 * Starts Nudge. With no platform token set it runs the console adapter on the embedded database, so
 * anyone can try every command in a terminal.
 */
public final class Main {

  private static final String SIMULATED_CLOCK = "--simulated-clock";
  private static final String CLOCK_KEY = "console.simulated-clock";

  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
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
      System.err.println(
          "Slack and Discord adapters are not part of this build yet; unset SLACK_BOT_TOKEN"
              + " and DISCORD_TOKEN to try Nudge in the console.");
      System.exit(2);
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
    SimulatedClock simulated = clockArg == null ? null : new SimulatedClock(Instant.now());
    Clock clock = simulated != null ? simulated : Clock.systemUTC();
    try (Nudge nudge = Nudge.start(config, clock)) {
      if (simulated != null) {
        simulated.set(startOfSimulation(nudge, clockArg));
      }
      out.println(
          "Nudge console on the embedded database ("
              + config.database().url()
              + ")"
              + (simulated != null ? ", simulated clock at " + simulated.instant() : "")
              + ". Type lines like `@alice /win shipped it`; `@lead /nudge help` for leads.");
      Engine engine = nudge.engine(Directory.none());
      Dispatcher dispatcher =
          nudge.dispatcher(List.of(ConsoleAdapter.gateway(out, clock)), "console");
      ConsoleAdapter console =
          new ConsoleAdapter(engine, dispatcher, out, simulated, () -> saveClock(nudge, simulated));
      boolean script = System.console() == null;
      console.run(
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), script);
      if (simulated != null) {
        saveClock(nudge, simulated);
      }
    }
  }

  /** A later run continues the simulation where the last one stopped, unless told a time. */
  private static Instant startOfSimulation(Nudge nudge, String requested) {
    if (!requested.isEmpty()) {
      try {
        return Instant.parse(
            requested.endsWith("Z") && requested.length() == 17
                ? requested.replace("Z", ":00Z")
                : requested);
      } catch (DateTimeParseException e) {
        System.err.println(
            "--simulated-clock takes an instant like 2026-03-02T09:00Z; starting now.");
        return Instant.now();
      }
    }
    return nudge
        .store()
        .inTransaction(tx -> tx.keyValues().get(CLOCK_KEY))
        .map(Instant::parse)
        .orElse(Instant.now());
  }

  private static void saveClock(Nudge nudge, SimulatedClock clock) {
    nudge
        .store()
        .inTransaction(
            tx -> {
              tx.keyValues().put(CLOCK_KEY, clock.instant().toString());
              return null;
            });
  }
}
