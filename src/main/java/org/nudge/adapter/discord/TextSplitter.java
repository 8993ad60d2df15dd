package org.nudge.adapter.discord;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts long text into pieces that fit Discord's limits, at a line break if there is one in the last
 * part of a piece, else at a space, and only as a last resort inside a word (never inside an
 * emoji's surrogate pair). Nothing is dropped: joining the pieces gives back the text, less the
 * line breaks or spaces that were cut at.
 */
final class TextSplitter {

  private TextSplitter() {}

  /** Pieces of at most {@code max} UTF-16 units each (Discord and JDA count it that way). */
  static List<String> split(String text, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be at least 2");
    }
    List<String> pieces = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = cutPoint(rest, max);
      String piece = rest.substring(0, cut).stripTrailing();
      if (!piece.isEmpty()) {
        pieces.add(piece);
      }
      rest = rest.substring(cut);
      // The break we cut at is not carried to the next piece.
      if (!rest.isEmpty() && (rest.charAt(0) == '\n' || rest.charAt(0) == ' ')) {
        rest = rest.substring(1);
      }
    }
    if (!rest.isEmpty() || pieces.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  private static int cutPoint(String text, int max) {
    // Prefer a line break in the last half of the window, then a space in its last quarter.
    int newline = text.lastIndexOf('\n', max);
    if (newline >= max / 2) {
      return newline;
    }
    int space = text.lastIndexOf(' ', max);
    if (space >= max * 3 / 4) {
      return space;
    }
    if (newline > 0) {
      return newline;
    }
    if (space > 0) {
      return space;
    }
    return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
  }
}
