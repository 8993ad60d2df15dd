package org.nudge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Nudge process, killed with SIGKILL: what it told a member it saved is there after the
 * restart, and its simulated time resumes where it had got to.
 */
@DisplayName("Killing the process")
class SigkillTest {

  @TempDir Path dir;

  @Test
  @DisplayName("Every win the console confirmed survives SIGKILL on the embedded H2 file")
  void confirmedWinsSurvive() throws Exception {
    Random random = new Random(42);
    List<String> confirmed = new ArrayList<>();
    for (int trial = 0; trial < 3; trial++) {
      // GIVEN a running Nudge on an H2 file that has confirmed a stream of wins
      try (Child nudge = new Child(dir)) {
        if (trial == 0) {
          nudge.say(":clock 2026-03-02T09:00Z");
          nudge.awaitLine("It is now");
        }
        int wins = 20 + random.nextInt(40);
        for (int i = 0; i < wins; i++) {
          String marker = "crash-" + trial + "-" + i;
          nudge.say("@alice /win " + marker);
          nudge.awaitLine("Win logged");
          confirmed.add(marker);
        }
        // WHEN it is killed the moment it confirmed the last one
        nudge.kill();
      }
    }
    // THEN a new process finds every confirmed win
    try (Child nudge = new Child(dir)) {
      nudge.say("@alice /nudge export json");
      nudge.say(":quit");
      String export = nudge.readAll();
      assertThat(confirmed)
          .allSatisfy(
              marker ->
                  assertThat(export)
                      .as("all %d confirmed", confirmed.size())
                      .contains("\"" + marker + "\""));
    }
  }

  @Test
  @DisplayName("Simulated time is saved as it moves, so a killed console resumes where it was")
  void simulatedTimeSurvives() throws Exception {
    // GIVEN a console whose time was moved forward three days
    try (Child nudge = new Child(dir)) {
      nudge.say(":clock 2026-03-02T09:00Z");
      nudge.say(":advance 3d");
      nudge.awaitLine("It is now 2026-03-05T09:00:00Z");
      // WHEN it is killed
      nudge.kill();
    }
    // THEN the next run starts three days on, not where the last clean exit left it
    try (Child nudge = new Child(dir)) {
      assertThat(nudge.awaitLine("simulated clock at")).contains("2026-03-05T09:00:00Z");
    }
  }

  /** Nudge's console as a child process on an H2 file under {@code dir}, fed a script. */
  private static final class Child implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    Child(Path dir) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.nudge.Main")
              .redirectErrorStream(true);
      builder.environment().put("NUDGE_DB_URL", "jdbc:h2:file:" + dir.resolve("nudge"));
      builder.environment().keySet().removeAll(List.of("SLACK_BOT_TOKEN", "DISCORD_TOKEN"));
      process = builder.start();
      in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    void say(String line) throws IOException {
      in.write(line + "\n");
      in.flush();
    }

    /** The next line that contains {@code text}; fails if the process ends first. */
    String awaitLine(String text) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.contains(text)) {
          return line;
        }
      }
      throw new AssertionError("Nudge ended before saying: " + text);
    }

    String readAll() throws IOException {
      StringBuilder all = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        all.append(line).append('\n');
      }
      return all.toString();
    }

    /** SIGKILL: no shutdown hook, no clean close of the database. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      if (process.isAlive()) {
        kill();
      }
    }
  }
}
