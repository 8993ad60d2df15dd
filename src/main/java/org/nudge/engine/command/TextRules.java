package org.nudge.engine.command;

import java.util.Optional;

/**
 * The rules every free text follows: something to read, not more than a page, and nothing that
 * could never be stored.
 */
public final class TextRules {

  private TextRules() {}

  /**
   * A sentence saying why {@code text} could never be stored, or empty when it can be: it holds a
   * control character other than a tab or a line break. PostgreSQL refuses a NUL byte in text, and
   * no chat shows the others, so the member is told at once rather than asked to try again later.
   */
  public static Optional<String> unstorable(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return Optional.of(
            String.format(
                "I can't store that: it contains an invisible control character (U+%04X). Please"
                    + " send it again without it.",
                (int) c));
      }
    }
    return Optional.empty();
  }

  /** A sentence saying what's wrong with {@code text}, or empty when it is fine. */
  public static Optional<String> problem(String text, int max, String what, String example) {
    if (text.isBlank()) {
      return Optional.of("Tell me the " + what + ", like `" + example + "`.");
    }
    int length = text.codePointCount(0, text.length());
    if (length > max) {
      return Optional.of(
          "That "
              + what
              + " is "
              + Texts.count(length)
              + " characters; please keep it under "
              + Texts.count(max)
              + " so it reads at a glance.");
    }
    return Optional.empty();
  }
}
