package org.nudge.adapter.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text between Slack and the engine. The engine's mention tokens ({@code <@U123>}, {@code <#C123>})
 * are Slack's own, so only the labels Slack adds ({@code <@U123|maria>}) are dropped on the way in.
 * Slack escapes {@code & < >} in what users type; the engine keeps people's words as they typed
 * them, so entities are decoded on the way in and encoded again on the way out, leaving Slack's
 * control sequences (mentions, channels, links) intact.
 */
final class SlackText {

  private static final Pattern LABELLED = Pattern.compile("<([@#])([A-Z0-9]+)\\|[^>]*>");

  /** Slack's control sequences: user and channel mentions, special mentions, links. */
  private static final Pattern CONTROL =
      Pattern.compile("<(?:[@#][A-Z0-9]+|![a-z^A-Z0-9|]+|(?:https?|mailto):[^<>\\s]+)>");

  private SlackText() {}

  /** What the engine sees from text a user typed in Slack. */
  static String fromSlack(String text) {
    if (text == null) {
      return "";
    }
    String normalised = LABELLED.matcher(text).replaceAll("<$1$2>");
    return normalised.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /** What Slack shows for the engine's text: everything but control sequences escaped. */
  static String toSlack(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    Matcher m = CONTROL.matcher(text);
    int last = 0;
    while (m.find()) {
      escapeInto(out, text, last, m.start());
      out.append(m.group());
      last = m.end();
    }
    escapeInto(out, text, last, text.length());
    return out.toString();
  }

  private static void escapeInto(StringBuilder out, String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
  }

  /**
   * Plain text (button labels, modal titles) cut to Slack's limit without splitting a character.
   */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = TextSplitter.safeCut(text, max - 1);
    return text.substring(0, cut) + "…";
  }
}
