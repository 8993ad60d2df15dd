package org.nudge.adapter.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.app.Nudge;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.scenario.ChatDriver;
import org.nudge.scenario.EnrolmentScenario;
import org.nudge.scenario.MentoringScenario;
import org.nudge.storage.Database;

@DisplayName("The shared mentoring scenario in the console")
class ConsoleScenarioTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a lead creates a program and a pair, the mentee logs a win, the mentor is told, the digest is posted")
  void firstWeek() throws Exception {
    play(MentoringScenario::run);
  }

  @Test
  @DisplayName("people enrol by the form and by typed words, and the lead matches and confirms")
  void enrolment() throws Exception {
    play(EnrolmentScenario::run);
  }

  private void play(java.util.function.Consumer<ChatDriver> scenario) throws Exception {
    NudgeConfig config =
        new ConfigLoader()
            .load(
                Map.of(
                    "NUDGE_CONFIG",
                    "config/nudge.yaml",
                    "NUDGE_DB_URL",
                    "jdbc:h2:file:" + dir.resolve("nudge")));
    SimulatedClock clock =
        new SimulatedClock(java.time.Instant.parse("2026-03-02T09:00:00Z"), Database.PRECISION);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Nudge nudge = Nudge.start(config, clock)) {
      Features features = nudge.features(Directory.none());
      Dispatcher dispatcher =
          nudge.dispatcher(
              features,
              List.of(ConsoleAdapter.gateway(out, clock, ConsoleAdapter.zonesOf(nudge.store()))),
              "console");
      Sweep sweep = nudge.sweep(features);
      ConsoleAdapter console =
          new ConsoleAdapter(
              nudge.engine(features),
              dispatcher,
              out,
              clock,
              () -> {
                sweep.run();
                dispatcher.drain();
              });
      scenario.accept(new ConsoleDriver(console, dispatcher, bytes));
    }
  }

  /** Types lines into the console adapter and reads its printed output back, message by message. */
  private static final class ConsoleDriver implements ChatDriver {

    private static final Pattern REPLY = Pattern.compile("^\\[reply to ([\\w.-]+)\\] ?(.*)");
    private static final Pattern DELIVERED =
        Pattern.compile(
            "^\\[\\w{3} \\d\\d:\\d\\d [^\\]]+\\] \\[(?:dm to ([\\w.-]+)|#([\\w.-]+))\\] ?(.*)");

    private final ConsoleAdapter console;
    private final Dispatcher dispatcher;
    private final ByteArrayOutputStream bytes;

    ConsoleDriver(ConsoleAdapter console, Dispatcher dispatcher, ByteArrayOutputStream bytes) {
      this.console = console;
      this.dispatcher = dispatcher;
      this.bytes = bytes;
    }

    /** One printed message: who or where it went ("reply:alice", "dm:alice", "#mentoring"). */
    private record Printed(String to, String text) {}

    private List<Printed> printed() {
      List<Printed> all = new ArrayList<>();
      String to = null;
      StringBuilder text = null;
      for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n", -1)) {
        Matcher reply = REPLY.matcher(line);
        Matcher delivered = DELIVERED.matcher(line);
        String next = null;
        String first = null;
        if (reply.matches()) {
          next = "reply:" + reply.group(1);
          first = reply.group(2);
        } else if (delivered.matches()) {
          next = delivered.group(1) != null ? "dm:" + delivered.group(1) : "#" + delivered.group(2);
          first = delivered.group(3);
        }
        if (next != null) {
          if (to != null) {
            all.add(new Printed(to, text.toString()));
          }
          to = next;
          text = new StringBuilder(first);
        } else if (text != null) {
          text.append('\n').append(line);
        }
      }
      if (to != null) {
        all.add(new Printed(to, text.toString()));
      }
      return all;
    }

    @Override
    public String command(String user, String text) {
      int before = printed().size();
      console.handle("@" + user + " " + text);
      dispatcher.drain();
      List<Printed> after = printed();
      StringBuilder reply = new StringBuilder();
      for (Printed p : after.subList(before, after.size())) {
        if (p.to().equals("reply:" + user)) {
          reply.append(p.text());
        }
      }
      return reply.toString();
    }

    @Override
    public String submitForm(String user, String text, Map<String, String> values) {
      // The console prints the form with the line to type: ":submit <form id> field=…"
      String shown = command(user, text);
      Matcher form = Pattern.compile(":submit (\\S+)").matcher(shown);
      if (!form.find()) {
        throw new AssertionError("No form in: " + shown);
      }
      StringBuilder line = new StringBuilder(":submit ").append(form.group(1)).append(' ');
      values.forEach((field, value) -> line.append(field).append('=').append(value).append("; "));
      return command(user, line.toString().strip());
    }

    @Override
    public List<String> dmsTo(String user) {
      return printed().stream()
          .filter(p -> p.to().equals("dm:" + user))
          .map(Printed::text)
          .toList();
    }

    @Override
    public List<String> channelPosts(String channel) {
      return printed().stream()
          .filter(p -> p.to().equals("#" + channel))
          .map(Printed::text)
          .toList();
    }
  }
}
