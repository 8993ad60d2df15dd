package org.nudge.crash;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the crash test's figures to BENCHMARKS.md's "Reliability" section, one table row and one
 * line of details per database, replacing that database's previous ones. Only when asked ({@code
 * -Dcrash.report=true}): the test runs in every build, and a build should not change tracked files.
 */
final class ReliabilityReport {

  static final String SECTION = "## Reliability";
  private static final String HEADER =
      "| database | kills | members prompted | prompts lost | wins acked / confirmed / stored"
          + " | confirmed wins lost | partner notices lost | duplicates (all messages) | per kill"
          + " | ready after a restart, s | first message after a restart, s | last message after"
          + " the last kill, s |\n"
          + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";

  private static final String INTRO =
      """
      Issue 14's crash test (`src/test/java/org/nudge/crash/CrashTest.java`, part of `mvn verify`, \
      so `.ci/run` runs it on both databases). It starts the real Nudge as a child process, a \
      Slack HTTP node whose Web API is a fake Slack on loopback, on an H2 file and on a fresh \
      PostgreSQL schema, with 2,000 members in 1,000 pairs whose weekly reflection prompt is due. \
      While the prompts go out (paced at 250 messages a second, `slack.messagesPerSecond`), the \
      members of four pairs send `/win` as correctly signed slash commands, each waiting for the \
      reply at its `response_url` before the next. The process is killed with SIGKILL three \
      times, each at a random point of the fan-out (in its 5-25 %, 30-50 % and 55-75 %), the \
      moment a `/win` is between its request and its reply if one is within half a second, \
      restarted each time, then left to finish. Proved from what the fake Slack received and \
      what the database kept: every member got this week's prompt; every win whose reply said \
      "logged" is stored; every stored win's partner notice reached the partner, and no notice \
      of a win that isn't stored; duplicates, counted over every message by conversation and \
      text, at most one per kill (the node's one delivery thread has at most one message between \
      Slack's acceptance and the row marked sent). A restart on the H2 file sends what the \
      killed run had claimed at once (the file is the process's alone); on PostgreSQL, which \
      other nodes may share, those messages wait for the claim's 20-second lease, which is why \
      the last column is longer there.

      What it catches: with H2's default write delay (the last half second of commits kept in \
      memory; `Database` sets `WRITE_DELAY=0`), one run of this test found 13 confirmed wins \
      lost and 168 duplicate prompts. Before a restart on the H2 file took over the killed \
      run's claims, the H2 row's last column was 20.4 s, the lease, as on PostgreSQL.

      The figures are written by the test when asked: \
      `mvn -B verify -Dtest=CrashTest -Dcrash.report=true` (the kill points are random; a run \
      prints its seed, and `-Dcrash.seed=` repeats it).
      """;

  private ReliabilityReport() {}

  static boolean wanted() {
    return Boolean.getBoolean("crash.report");
  }

  /** Replaces the row and the details of {@code database}. */
  static synchronized void write(String database, String row, String details) throws IOException {
    Path file = Path.of("BENCHMARKS.md");
    String text = Files.readString(file);
    int start = text.indexOf(SECTION + "\n");
    String before;
    String after;
    List<String> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (start < 0) {
      before = text.stripTrailing() + "\n\n";
      after = "";
    } else {
      // The section's own text ends at the next heading of any level: "Several nodes" (###)
      // belongs to the multi-node test and must survive this rewrite.
      int end = text.indexOf("\n#", start + SECTION.length());
      before = text.substring(0, start);
      after = end < 0 ? "" : text.substring(end + 1);
      String section = end < 0 ? text.substring(start) : text.substring(start, end + 1);
      for (String line : section.split("\n")) {
        if (line.startsWith("| ") && !line.startsWith("| database") && !line.startsWith("| ---")) {
          rows.add(line);
        } else if (line.startsWith("- ")) {
          notes.add(line);
        }
      }
    }
    rows.removeIf(r -> r.startsWith("| " + database + " |"));
    rows.add("| " + database + " | " + row + " |");
    notes.removeIf(n -> n.startsWith("- " + database + ":"));
    notes.add("- " + database + ": " + details);
    String section =
        SECTION
            + "\n\n"
            + INTRO.strip()
            + "\n\n"
            + HEADER
            + String.join("\n", rows)
            + "\n\n"
            + String.join("\n", notes)
            + "\n";
    Files.writeString(file, before + section + (after.isEmpty() ? "" : "\n" + after));
  }

  /** The date, the cores and the load, as a reader needs them to compare figures. */
  static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return "run on "
        + LocalDate.now()
        + ", "
        + os.getAvailableProcessors()
        + " cores, 1-minute load average "
        + String.format("%.1f", os.getSystemLoadAverage())
        + " at the end";
  }
}
