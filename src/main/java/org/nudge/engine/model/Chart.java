package org.nudge.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A trend chart as figures, not pixels: the weeks along the bottom and a few series over them. The
 * engine computes it; each platform draws it (a PNG where a chat shows images, inline SVG on the
 * dashboard), so every picture of a program shows the same numbers. A message carries at most one.
 *
 * @param title what the chart shows, e.g. "Spring: the last 12 weeks"
 * @param altText the trend in words, for screen readers and wherever the picture can't be shown
 * @param fileName the file name a platform gives the picture (a plain name, PNG)
 * @param weeks the label of each week, oldest first
 * @param series the lines, each with one value per week (null where a week has none)
 */
public record Chart(
    String title, String altText, String fileName, List<String> weeks, List<Series> series) {

  public Chart {
    if (title == null || title.isBlank() || altText == null || altText.isBlank()) {
      throw new IllegalArgumentException("A chart needs a title and alt text.");
    }
    if (fileName == null || !fileName.matches("[A-Za-z0-9._-]+\\.png")) {
      throw new IllegalArgumentException("A chart's file name must be a plain .png name.");
    }
    weeks = List.copyOf(weeks);
    series = List.copyOf(series);
    for (Series s : series) {
      if (s.values().size() != weeks.size()) {
        throw new IllegalArgumentException("Each series needs one value per week.");
      }
    }
  }

  /**
   * One line of the chart.
   *
   * @param name what it counts, e.g. "Response rate"
   * @param unit {@code "%"} for a share (0 to 100), empty for a count
   * @param values one per week, oldest first; null where there was nothing to count
   */
  public record Series(String name, String unit, List<Double> values) {
    public Series {
      // List.copyOf refuses nulls, and a week with nothing to count is a null.
      values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    public boolean showsShare() {
      return "%".equals(unit);
    }
  }
}
