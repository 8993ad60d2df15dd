package org.nudge.adapter.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts long text into pieces Slack accepts (3,000 characters per section) at line breaks, else at
 * spaces, never inside a word. Only a single "word" longer than a whole piece is cut, and then
 * never inside a character, an emoji sequence, an HTML entity or a Slack mention.
 */
final class TextSplitter {

  private static final char ZWJ = '\u200D';
  private static final String FENCE = "```";

  /** What reopening a code block at the start of a piece and closing it at the end costs. */
  private static final int REOPEN_AND_CLOSE = 2 * (FENCE.length() + 1);

  private TextSplitter() {}

  /**
   * Pieces of at most {@code max} UTF-16 units; joining them with a space or line gives back the
   * text.
   */
  static List<String> split(String text, int max) {
    if (max < 16) {
      throw new IllegalArgumentException("Pieces of fewer than 16 characters make no sense");
    }
    List<String> pieces = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = lastBreak(rest, max, '\n');
      if (cut < max / 2) {
        int space = lastWhitespace(rest, max);
        cut = Math.max(cut, space);
      }
      if (cut > 0) {
        pieces.add(stripTrailing(rest.substring(0, cut)));
        rest = rest.substring(cut + 1);
      } else {
        cut = safeCut(rest, max);
        pieces.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      }
    }
    if (!rest.isEmpty() || pieces.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  /**
   * Like {@link #split}, but a code block (an export, say) that runs over a cut is closed at the
   * end of its piece and opened again at the start of the next, so that every section shows as code
   * and nothing in it is read as formatting.
   */
  static List<String> splitKeepingCode(String text, int max) {
    if (text.length() <= max || !text.contains(FENCE)) {
      return split(text, max);
    }
    List<String> pieces = new ArrayList<>();
    boolean open = false;
    for (String piece : split(text, max - REOPEN_AND_CLOSE)) {
      String body = piece;
      if (open && body.startsWith(FENCE)) {
        // The block ended right at the cut, and the previous piece has closed it already.
        body = body.substring(FENCE.length()).replaceFirst("^\n", "");
        open = false;
      }
      String head = open ? FENCE + "\n" : "";
      open = endsInCode(body, open);
      String closed = head + body + (open ? "\n" + FENCE : "");
      if (!closed.isBlank()) {
        pieces.add(closed);
      }
    }
    return pieces;
  }

  /**
   * Whether a code block is open at the end of {@code text}, given whether one was at its start.
   */
  private static boolean endsInCode(String text, boolean openAtStart) {
    boolean open = openAtStart;
    for (int i = text.indexOf(FENCE); i >= 0; i = text.indexOf(FENCE, i + FENCE.length())) {
      open = !open;
    }
    return open;
  }

  private static String stripTrailing(String piece) {
    return piece.stripTrailing().isEmpty() ? piece : piece.stripTrailing();
  }

  /** Index of the last {@code c} that a piece of {@code max} units may end before, or -1. */
  private static int lastBreak(String text, int max, char c) {
    return text.lastIndexOf(c, max);
  }

  private static int lastWhitespace(String text, int max) {
    for (int i = Math.min(max, text.length() - 1); i > 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The largest index at most {@code max} where the text may be cut: not between the halves of a
   * surrogate pair, not before a joiner, variation selector, skin tone or combining mark (so an
   * emoji sequence stays whole), not inside {@code &amp;}-style entities or {@code <@U123>}.
   */
  static int safeCut(String text, int max) {
    int cut = Math.min(max, text.length());
    int floor = Math.max(1, cut - 64);
    int candidate = cut;
    while (candidate > floor && !cleanBoundary(text, candidate)) {
      candidate--;
    }
    if (candidate > floor || cleanBoundary(text, candidate)) {
      return candidate;
    }
    // A pathological run (64 joiners in a row): at least never split a surrogate pair.
    return Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut;
  }

  private static boolean cleanBoundary(String text, int index) {
    if (index <= 0 || index >= text.length()) {
      return true;
    }
    char before = text.charAt(index - 1);
    int after = text.codePointAt(index);
    if (Character.isLowSurrogate(text.charAt(index)) || before == ZWJ || after == ZWJ) {
      return false;
    }
    if (after >= 0xFE00 && after <= 0xFE0F // variation selectors
        || after >= 0x1F3FB && after <= 0x1F3FF // skin tones
        || after >= 0xE0020 && after <= 0xE007F // tag sequences (flags of regions)
        || after == 0x20E3 // keycap
        || Character.getType(after) == Character.NON_SPACING_MARK
        || Character.getType(after) == Character.ENCLOSING_MARK
        || Character.getType(after) == Character.COMBINING_SPACING_MARK) {
      return false;
    }
    if (isRegionalIndicator(after) && isRegionalIndicator(text.codePointBefore(index))) {
      // Flags are pairs of regional indicators; count how many precede to keep pairs together.
      int count = 0;
      int i = index;
      while (i > 0 && isRegionalIndicator(text.codePointBefore(i))) {
        count++;
        i -= Character.charCount(text.codePointBefore(i));
      }
      if (count % 2 == 1) {
        return false;
      }
    }
    return !insideToken(text, index);
  }

  private static boolean isRegionalIndicator(int codePoint) {
    return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
  }

  /** True inside {@code &amp;} or a {@code <...>} control sequence, which must stay whole. */
  private static boolean insideToken(String text, int index) {
    int amp = text.lastIndexOf('&', index - 1);
    if (amp >= 0 && index - amp <= 5 && text.indexOf(';', amp) >= index) {
      return true;
    }
    int open = text.lastIndexOf('<', index - 1);
    return open >= 0
        && index - open <= 200
        && text.lastIndexOf('>', index - 1) < open
        && text.indexOf('>', open) >= index;
  }
}
