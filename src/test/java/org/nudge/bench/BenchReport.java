package org.nudge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one part of the "Scheduling and delivery" section of BENCHMARKS.md, replacing that part
 * when it is there already and leaving every other section alone, so each benchmark can be re-run
 * on its own.
 */
final class BenchReport {

  static final String SECTION = "## Scheduling and delivery";
  private static final String INTRO =
      "Issue 3's goals, measured by the benchmarks in `src/test/java/org/nudge/bench` on an H2 file"
          + " database (the production default) in a temporary directory. Each part says the"
          + " command that re-runs it; all of them: `mvn -Pbench verify"
          + " -Dtest='org.nudge.bench.*Benchmark'`.\n";

  private BenchReport() {}

  /** Replaces (or adds) the part titled {@code title} with {@code body}. */
  static void write(String title, String body, String command) throws IOException {
    write(SECTION, INTRO, title, body, command);
  }

  /** The same in another section of BENCHMARKS.md, added with {@code intro} if it isn't there. */
  static void write(String sectionTitle, String intro, String title, String body, String command)
      throws IOException {
    String SECTION = sectionTitle;
    String INTRO = intro;
    Path file = Path.of("BENCHMARKS.md");
    String text =
        Files.exists(file)
            ? Files.readString(file)
            : "# Benchmarks\n\nFigures appended by the benchmarks (`mvn -Pbench verify`).\n";
    String part =
        "### "
            + title
            + "\n\n"
            + body.strip()
            + "\n\nRun on "
            + LocalDate.now()
            + ". Machine: "
            + machine()
            + "\n\nCommand: `"
            + command
            + "`\n";

    int start = text.indexOf(SECTION + "\n");
    String section;
    String before;
    String after;
    if (start < 0) {
      before = text.endsWith("\n") ? text : text + "\n";
      section = SECTION + "\n\n" + INTRO;
      after = "";
    } else {
      int end = text.indexOf("\n## ", start + SECTION.length());
      before = text.substring(0, start);
      section = end < 0 ? text.substring(start) : text.substring(start, end + 1);
      after = end < 0 ? "" : text.substring(end + 1);
    }
    String heading = "### " + title + "\n";
    int at = section.indexOf(heading);
    if (at >= 0) {
      int next = section.indexOf("\n### ", at + heading.length());
      section =
          section.substring(0, at)
              + part
              + (next < 0 ? "" : "\n" + section.substring(next + 1).stripLeading());
    } else {
      section = section.stripTrailing() + "\n\n" + part;
    }
    if (!before.endsWith("\n\n")) {
      before = before + "\n";
    }
    String result = before + section.stripTrailing() + "\n" + (after.isEmpty() ? "" : "\n" + after);
    Files.writeString(file, result);
    System.out.println(part);
  }

  /** Cores, memory and the JVM, as a reader needs them to compare figures. */
  static String machine() {
    long memoryMb = -1;
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      memoryMb = sun.getTotalMemorySize() / (1024 * 1024);
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores (nproc), "
        + String.format("%.1f", memoryMb / 1024.0)
        + " GiB memory, max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB, 1-minute load average "
        + String.format("%.1f", os.getSystemLoadAverage())
        + " at the end of the run ("
        + (os.getSystemLoadAverage() > os.getAvailableProcessors()
            ? "above the core count: other work shared the machine"
            : "the benchmark's own work included")
        + "), "
        + javaVersion();
  }

  private static String javaVersion() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Process process =
          new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return "`java -version`: " + String.join(" / ", output.strip().split("\\R"));
    } catch (IOException e) {
      return "java " + System.getProperty("java.version");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "java " + System.getProperty("java.version");
    }
  }
}
