package org.nudge.adapter.discord;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts long text into pieces that fit Discord's limits, at a line break if there is one in the last
 * part of a piece, else at a space, and only as a last resort inside a word (never inside an
 * emoji's surrogate pair). Nothing is dropped: joining the pieces gives back the text, less the
 * line breaks or spaces that were cut at.
 *
 * <p>A code block (an export, say) that runs over a cut is closed at the end of its piece and
 * opened again, with its language, at the start of the next, so every piece shows as code. Inside a
 * code block a piece ends at a line break, or else mid-line with no character dropped, so the code
 * reads exactly as written when the pieces are put back together.
 */
final class TextSplitter {

  private static final String FENCE = "```";

  /** What closing a code block at the end of a piece costs. */
  private static final int CLOSING = 1 + FENCE.length();

  /** Languages are short names ({@code json}, {@code csv}); anything longer is not one. */
  private static final int MAX_LANGUAGE = 20;

  private TextSplitter() {}

  /** Pieces of at most {@code max} UTF-16 units each (Discord and JDA count it that way). */
  static List<String> split(String text, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be at least 2");
    }
    boolean code = text.contains(FENCE);
    if (code && max < 64) {
      throw new IllegalArgumentException("Code blocks need pieces of at least 64 characters");
    }
    List<String> pieces = new ArrayList<>();
    String rest = text;
    String reopen = null; // the fence that opened the code block the previous piece ended in
    while (true) {
      String head = reopen == null ? "" : reopen + "\n";
      if (head.length() + rest.length() <= max) {
        if (!rest.isEmpty() || pieces.isEmpty()) {
          pieces.add(head + rest);
        }
        return pieces;
      }
      int budget = max - head.length() - (code ? CLOSING : 0);
      int cut = cutPoint(rest, budget);
      Block open = blockAt(rest, cut, reopen);
      if (open != null) {
        int newline = rest.lastIndexOf('\n', budget);
        cut = newline > open.contentStart() ? newline : hardCut(rest, budget);
        open = blockAt(rest, cut, reopen);
        if (open != null
            && open.fenceAt() > 0
            && rest.substring(open.contentStart(), cut).isBlank()) {
          // Nothing of the block would be in this piece: start it in the next one instead.
          cut = open.fenceAt();
          open = blockAt(rest, cut, reopen);
        }
      }
      String piece = rest.substring(0, cut);
      rest = rest.substring(cut);
      if (open == null) {
        piece = piece.stripTrailing();
        // The break we cut at is not carried to the next piece.
        if (!rest.isEmpty() && (rest.charAt(0) == '\n' || rest.charAt(0) == ' ')) {
          rest = rest.substring(1);
        }
        reopen = null;
      } else {
        // The closing fence stands in for the line break cut at.
        if (rest.startsWith("\n")) {
          rest = rest.substring(1);
        }
        piece = piece + "\n" + FENCE;
        reopen = open.fence();
        if (rest.startsWith(FENCE)) {
          // The block ended right here: this piece's closing fence is its own.
          rest = rest.substring(FENCE.length()).replaceFirst("^\n", "");
          reopen = null;
        }
      }
      if (!(head + piece).isBlank()) {
        pieces.add(head + piece);
      }
    }
  }

  /**
   * A code block open at some position: its fence with the language (like {@code ```json}), where
   * that fence starts (-1 when the block was open before the text starts) and where its content
   * starts.
   */
  record Block(String fence, int fenceAt, int contentStart) {}

  /**
   * The code block that position {@code at} of {@code text} is inside, or null outside code. {@code
   * openAtStart} is the fence of a block that was already open where {@code text} starts.
   */
  static Block blockAt(String text, int at, String openAtStart) {
    Block open = openAtStart == null ? null : new Block(openAtStart, -1, 0);
    int i = 0;
    while (i + FENCE.length() <= at) {
      if (text.startsWith(FENCE, i)) {
        if (open != null) {
          open = null;
        } else {
          String language = language(text, i + FENCE.length());
          open = new Block(FENCE + language, i, i + FENCE.length() + language.length());
        }
        i += FENCE.length();
      } else {
        i++;
      }
    }
    return open;
  }

  /** The language named right after an opening fence, if a line break follows it. */
  private static String language(String text, int from) {
    int end = from;
    while (end < text.length() && end - from <= MAX_LANGUAGE && isLanguageChar(text.charAt(end))) {
      end++;
    }
    boolean named = end - from <= MAX_LANGUAGE && end < text.length() && text.charAt(end) == '\n';
    return named ? text.substring(from, end) : "";
  }

  private static boolean isLanguageChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || "_+-.#".indexOf(c) >= 0);
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
    return hardCut(text, max);
  }

  /** A cut at {@code max} that splits neither a surrogate pair nor a fence. */
  private static int hardCut(String text, int max) {
    int cut = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    while (cut > 1 && text.charAt(cut - 1) == '`' && text.charAt(cut) == '`') {
      cut--;
    }
    return cut;
  }
}
