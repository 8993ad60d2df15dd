package org.nudge.adapter.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.nudge.chart.TrendPng;
import org.nudge.engine.model.Chart;

/**
 * Where the console puts the pictures a terminal can't show: each chart is written as a PNG under
 * the data directory ({@code charts/}), and the console prints its path with the message.
 */
final class ChartFiles {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final Clock clock;

  ChartFiles(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * The line printed for {@code chart}: where its picture is, then its alt text, which says the
   * same in words; if the file can't be written, the words alone.
   */
  String line(Chart chart) {
    try {
      Files.createDirectories(directory);
      String name = chart.fileName().replace(".png", "-" + STAMP.format(clock.instant()) + ".png");
      Path file = directory.resolve(name).toAbsolutePath().normalize();
      Files.write(file, TrendPng.draw(chart));
      return "📈 Chart: " + file + "\n    " + chart.altText();
    } catch (IOException e) {
      return "📈 (The chart could not be written under "
          + directory
          + ": "
          + e.getMessage()
          + ")\n    "
          + chart.altText();
    }
  }
}
