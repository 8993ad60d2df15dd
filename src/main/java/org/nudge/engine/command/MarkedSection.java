package org.nudge.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A part of a hand-kept file that is generated: the lines between a line starting with a begin
 * marker and a line starting with an end marker (README's command table, the Slack manifest's
 * commands). Both marker lines stay as they are, so they can say how the part is regenerated.
 */
public final class MarkedSection {

  private MarkedSection() {}

  /** {@code text} with the lines between the markers replaced by {@code content}. */
  public static String replace(String text, String begin, String end, String content) {
    List<String> lines = List.of(text.split("\n", -1));
    int from = find(lines, begin, 0);
    int to = find(lines, end, from + 1);
    List<String> out = new ArrayList<>(lines.subList(0, from + 1));
    if (!content.isEmpty()) {
      out.addAll(List.of(content.stripTrailing().split("\n", -1)));
    }
    out.addAll(lines.subList(to, lines.size()));
    return String.join("\n", out);
  }

  private static int find(List<String> lines, String marker, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(marker)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No line starts with " + marker + " where it should.");
  }
}
