package org.nudge.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nudge.engine.model.Chart;

/**
 * One series of the trend as inline SVG geometry: the page draws what the engine counted, with no
 * script and no external asset. Coordinates are in a fixed view box the SVG scales to its width.
 *
 * @param path the line's points ({@code x,y x,y …}), broken into segments at weeks with no value
 * @param dots one per week with a value, with the value as people read it
 * @param max the value at the top of the box
 */
public record Spark(
    String name, String unit, String colour, List<String> path, List<Dot> dots, String max) {

  public static final int WIDTH = 360;
  public static final int HEIGHT = 90;
  private static final int PAD = 8;
  private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#7A5195"};

  /** A point with its week and its value, for the tooltip and the page's tests. */
  public record Dot(String x, String y, String week, String value) {}

  public static List<Spark> of(Chart chart) {
    List<Spark> sparks = new ArrayList<>();
    for (int i = 0; i < chart.series().size(); i++) {
      sparks.add(of(chart, chart.series().get(i), COLOURS[i % COLOURS.length]));
    }
    return sparks;
  }

  private static Spark of(Chart chart, Chart.Series s, String colour) {
    double top = s.showsShare() ? 100 : 1;
    for (Double v : s.values()) {
      if (v != null && !s.showsShare()) {
        top = Math.max(top, v);
      }
    }
    int n = s.values().size();
    List<String> segments = new ArrayList<>();
    List<Dot> dots = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    for (int w = 0; w < n; w++) {
      Double v = s.values().get(w);
      if (v == null) {
        if (segment.length() > 0) {
          segments.add(segment.toString());
          segment.setLength(0);
        }
        continue;
      }
      double x = PAD + (n == 1 ? 0 : (WIDTH - 2.0 * PAD) * w / (n - 1));
      double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * v / top;
      String xs = fmt(x);
      String ys = fmt(y);
      segment.append(segment.length() == 0 ? "" : " ").append(xs).append(',').append(ys);
      dots.add(new Dot(xs, ys, chart.weeks().get(w), Math.round(v) + s.unit()));
    }
    if (segment.length() > 0) {
      segments.add(segment.toString());
    }
    return new Spark(s.name(), s.unit(), colour, segments, dots, Math.round(top) + s.unit());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
