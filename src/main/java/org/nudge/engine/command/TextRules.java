package org.nudge.engine.command;

import java.util.Optional;

/** The one rule every free text follows: something to read, and not more than a page. */
public final class TextRules {

  private TextRules() {}

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
