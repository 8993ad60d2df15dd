package org.nudge.adapter.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.Engine;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;
import org.nudge.engine.imports.RosterFile;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.schedule.Durations;
import org.nudge.engine.time.SimulatedClock;

/**
 * A chat platform in a terminal, for trying Nudge without Slack or Discord. Each input line is
 * {@code @user <text>}; every output line opens with a header naming its recipient.
 *
 * <ul>
 *   <li>{@code @alice /win shipped the parser #backend}: a command; {@code @name} words become
 *       mentions.
 *   <li>{@code @alice some text}: a direct message to the bot.
 *   <li>{@code @alice :press <action> [value]}: press a button shown under a message.
 *   <li>{@code @alice :submit <form> field=value; field=value}: submit a form.
 *   <li>{@code @lead :upload <path>}: send a file, as a Slack DM or a Discord attachment does.
 *   <li>{@code :advance 7d}: with {@code --simulated-clock}, move time forward.
 *   <li>Lines starting with {@code #} are comments, shown as they are.
 * </ul>
 */
public final class ConsoleAdapter {

  /** The platform id of console users: {@code console:local:<handle>}. */
  public static final String PLATFORM = "console";

  public static final String WORKSPACE = "local";

  private static final Duration STEP = Duration.ofMinutes(15);
  private static final Pattern LINE = Pattern.compile("@([\\w.-]+)\\s*(.*)", Pattern.DOTALL);
  private static final Pattern MENTION = Pattern.compile("(?<![\\w<])@([\\w.-]+)");

  private final Engine engine;
  private final Dispatcher dispatcher;
  private final PrintStream out;
  private final SimulatedClock simulatedClock;
  private final Runnable dueWork;
  private final ChartFiles charts;

  /**
   * @param simulatedClock the clock {@code :advance} moves, or null when time is real
   * @param dueWork what runs at each step while time moves (the sweep, then delivery)
   */
  public ConsoleAdapter(
      Engine engine,
      Dispatcher dispatcher,
      PrintStream out,
      SimulatedClock simulatedClock,
      Runnable dueWork) {
    this(engine, dispatcher, out, simulatedClock, dueWork, DEFAULT_CHARTS);
  }

  /** As above, writing the charts of replies (a digest preview) under {@code chartDirectory}. */
  public ConsoleAdapter(
      Engine engine,
      Dispatcher dispatcher,
      PrintStream out,
      SimulatedClock simulatedClock,
      Runnable dueWork,
      Path chartDirectory) {
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.out = out;
    this.simulatedClock = simulatedClock;
    this.dueWork = dueWork;
    this.charts =
        new ChartFiles(chartDirectory, simulatedClock != null ? simulatedClock : Clock.systemUTC());
  }

  /**
   * The gateway that prints delivered messages; give it to the dispatcher. {@code zones} tells each
   * recipient's timezone, for the local delivery time in the header.
   */
  public static ChatGateway gateway(PrintStream out, Clock clock, Function<UserRef, ZoneId> zones) {
    return gateway(out, clock, zones, DEFAULT_CHARTS);
  }

  /** As above, writing charts as PNG files under {@code chartDirectory}. */
  public static ChatGateway gateway(
      PrintStream out, Clock clock, Function<UserRef, ZoneId> zones, Path chartDirectory) {
    return new ConsoleGateway(out, clock, zones, new ChartFiles(chartDirectory, clock));
  }

  /** Where charts go when no data directory is given (tests): the system's temporary files. */
  static final Path DEFAULT_CHARTS = Path.of(System.getProperty("java.io.tmpdir"), "nudge-charts");

  /** Each console user's timezone as stored with their preferences (UTC until they set one). */
  public static Function<UserRef, ZoneId> zonesOf(Store store) {
    return ref ->
        store
            .inTransaction(tx -> tx.members().find(ref))
            .map(Member::zone)
            .orElse(ZoneId.of("UTC"));
  }

  /** Reads lines until the end of input or {@code :quit}. */
  public void run(BufferedReader in, boolean echoInput) throws IOException {
    dispatcher.drain();
    String line;
    while ((line = in.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.startsWith("#")) {
        out.println(trimmed);
        continue;
      }
      if (echoInput) {
        out.println("> " + trimmed);
      }
      if (trimmed.equals(":quit")) {
        break;
      }
      handle(trimmed);
      dispatcher.drain();
    }
  }

  /** Handles one line: a control line or {@code @user text}. */
  void handle(String line) {
    if (line.startsWith(":advance")) {
      advance(line.substring(":advance".length()).strip());
      return;
    }
    if (line.startsWith(":clock")) {
      setClock(line.substring(":clock".length()).strip());
      return;
    }
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      out.println(
          "[console] Start each line with who is speaking, like `@alice /win shipped it`,"
              + " or `:advance 1d` to move time. You typed: "
              + line);
      return;
    }
    UserRef user = new UserRef(PLATFORM, WORKSPACE, m.group(1));
    Inbound inbound;
    if (m.group(2).strip().equals(":upload") || m.group(2).startsWith(":upload ")) {
      inbound = upload(user, m.group(2).substring(":upload".length()).strip());
      if (inbound == null) {
        return;
      }
    } else {
      inbound = parse(user, m.group(2).strip());
    }
    if (inbound == null) {
      out.println(
          "[reply to " + user.userId() + "] Say something after your name. You typed: " + line);
      return;
    }
    Reply reply = engine.handle(inbound);
    String header = "[reply to " + user.userId() + "]";
    if (!reply.message().text().isEmpty() || !reply.message().actions().isEmpty()) {
      out.println(ConsoleRenderer.render(header, reply.message(), charts));
    }
    if (reply.form() != null) {
      out.println(ConsoleRenderer.form(header, reply.form()));
    }
  }

  /**
   * {@code :upload <path>}: the file at {@code path} as this person's upload, as a file shared in a
   * Slack DM or attached to a Discord command is; null (with a sentence printed) when it can't be
   * read.
   */
  private Inbound upload(UserRef user, String path) {
    String header = "[reply to " + user.userId() + "]";
    if (path.isEmpty()) {
      out.println(header + " Name the file to send, like `:upload config/sample-pairs.csv`.");
      return null;
    }
    Path file = Path.of(path);
    try {
      if (!Files.isRegularFile(file)) {
        out.println(
            header + " There's no file at " + path + "; type `:upload <path to a CSV file>`.");
        return null;
      }
      if (Files.size(file) > RosterFile.MAX_BYTES) {
        out.println(
            header
                + " That file is larger than 5 MB, so I didn't read it; a CSV file of pairs is"
                + " much smaller, so split it and send the parts one at a time.");
        return null;
      }
      return new Inbound.Upload(
          user, file.getFileName().toString(), Files.readAllBytes(file), null);
    } catch (IOException | InvalidPathException e) {
      out.println(header + " I couldn't read " + path + "; check the path and try again.");
      return null;
    }
  }

  static Inbound parse(UserRef user, String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("/")) {
      String[] parts = text.substring(1).split("\\s+", 2);
      String rest = parts.length > 1 ? parts[1] : "";
      return new Inbound.Command(user, parts[0], MENTION.matcher(rest).replaceAll("<@$1>"), null);
    }
    if (text.startsWith(":press ")) {
      String[] parts = text.substring(":press ".length()).strip().split("\\s+", 2);
      return new Inbound.ActionInvoked(user, parts[0], parts.length > 1 ? parts[1] : "");
    }
    if (text.startsWith(":submit ")) {
      String[] parts = text.substring(":submit ".length()).strip().split("\\s+", 2);
      Map<String, String> values = new LinkedHashMap<>();
      if (parts.length > 1) {
        for (String pair : parts[1].split(";")) {
          String[] kv = pair.split("=", 2);
          if (kv.length == 2) {
            values.put(kv[0].strip(), kv[1].strip());
          }
        }
      }
      return new Inbound.FormSubmitted(user, parts[0], values);
    }
    return new Inbound.DirectText(user, text);
  }

  /**
   * {@code :clock 2026-03-02T09:00Z} sets the simulated time, so a script reads the same every run.
   */
  private void setClock(String when) {
    if (simulatedClock == null) {
      out.println(
          "[console] Time only moves with --simulated-clock; start Nudge with it to use :clock.");
      return;
    }
    Instant at;
    try {
      at = SimulatedClock.parse(when);
    } catch (IllegalArgumentException e) {
      out.println("[console] " + e.getMessage() + " You typed: :clock " + when);
      return;
    }
    simulatedClock.set(at);
    out.println("[console] It is now " + at + ".");
    dueWork.run();
  }

  private void advance(String amount) {
    if (simulatedClock == null) {
      out.println(
          "[console] Time only moves with --simulated-clock; start Nudge with it to use :advance.");
      return;
    }
    Duration step;
    try {
      step = Durations.parse(amount);
    } catch (IllegalArgumentException e) {
      out.println("[console] " + e.getMessage() + " You typed: :advance " + amount);
      return;
    }
    // Time moves in small steps so that what comes due goes out at its own time, in order.
    Instant end = simulatedClock.instant().plus(step);
    while (simulatedClock.instant().isBefore(end)) {
      Instant next = simulatedClock.instant().plus(STEP);
      simulatedClock.set(next.isAfter(end) ? end : next);
      dueWork.run();
    }
    out.println("[console] It is now " + simulatedClock.instant() + ".");
  }
}
