package org.nudge.engine.model;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The only mentions that notify anyone are the ones the engine writes itself, through {@link
 * #of(String)}. Such a mention is a token built from Unicode noncharacters (U+FDD0 to U+FDEF, which
 * Unicode sets aside for a program's internal use), and every {@link Inbound} has them taken out
 * ({@link #strip(String)}), so nothing a person types can ever become one. Each adapter renders a
 * token as its platform's mention and treats everything else in a message as literal text, escaped
 * in one place ({@link #render}): a member's {@code <!channel>} or {@code @everyone} reaches the
 * platform as words, never as a ping.
 */
public final class LiveMentions {

  private static final char OPEN = '\uFDD0';
  private static final char CLOSE = '\uFDD1';
  private static final char FIRST_RESERVED = '\uFDD0';
  private static final char LAST_RESERVED = '\uFDEF';

  private LiveMentions() {}

  /** A mention of {@code userId} (the platform's own id) that notifies them where it is shown. */
  public static String of(String userId) {
    if (userId == null || userId.isBlank() || !strip(userId).equals(userId)) {
      throw new IllegalArgumentException("A live mention needs a platform user id.");
    }
    for (int i = 0; i < userId.length(); i++) {
      if (Character.isWhitespace(userId.charAt(i))) {
        throw new IllegalArgumentException("A live mention needs a platform user id.");
      }
    }
    return OPEN + "@" + userId + CLOSE;
  }

  /**
   * Text from outside the engine (anything a person typed, a platform's profile name) without the
   * characters the engine keeps for itself, so it can't carry a live mention.
   */
  public static String strip(String text) {
    if (text == null) {
      return null;
    }
    int first = firstReserved(text, 0);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!reserved(text.charAt(i))) {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }

  /** The users the engine mentions in {@code text}, in order of first mention. */
  public static Set<String> users(String text) {
    Set<String> users = new LinkedHashSet<>();
    render(
        text,
        literal -> literal,
        user -> {
          users.add(user);
          return "";
        });
    return users;
  }

  /**
   * {@code text} for a platform: each live mention as {@code mention} renders its user id, and all
   * text between them through {@code literal} (the platform's escaping). A stray reserved character
   * that is not part of a whole mention is dropped.
   */
  public static String render(
      String text, UnaryOperator<String> literal, UnaryOperator<String> mention) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    StringBuilder plain = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == OPEN && i + 1 < text.length() && text.charAt(i + 1) == '@') {
        int close = text.indexOf(CLOSE, i + 2);
        int nextReserved = firstReserved(text, i + 2);
        if (close > i + 2 && nextReserved == close) {
          out.append(literal.apply(plain.toString()));
          plain.setLength(0);
          out.append(mention.apply(text.substring(i + 2, close)));
          i = close + 1;
          continue;
        }
      }
      if (!reserved(c)) {
        plain.append(c);
      }
      i++;
    }
    out.append(literal.apply(plain.toString()));
    return out.toString();
  }

  private static boolean reserved(char c) {
    return c >= FIRST_RESERVED && c <= LAST_RESERVED;
  }

  private static int firstReserved(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (reserved(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
