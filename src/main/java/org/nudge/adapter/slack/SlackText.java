package org.nudge.adapter.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.model.LiveMentions;

/**
 * Text between Slack and the engine, the one place where Slack's markup is read and written.
 *
 * <p>On the way in, Slack's control sequences become what the person saw: a user group mention
 * {@code <!subteam^S1|@team>} is {@code @team}, {@code <!here>} is {@code @here}, a labelled link
 * {@code <https://x|see this>} is {@code see this (https://x)}, and Slack's {@code & < >} entities
 * are decoded, so the engine keeps people's words as they typed them. User and channel mentions
 * stay as the references commands read ({@code <@U123|maria>}, {@code <#C123>}).
 *
 * <p>On the way out, only the mentions the engine writes itself ({@link LiveMentions}) become Slack
 * mentions. Everything else is escaped ({@code &amp; &lt; &gt;}), so a member's {@code <!channel>}
 * or disguised link shows as the words they typed and never pings or misleads; a member's mention
 * of someone shows as {@code @name} without notifying them. Channel references ({@code <#C123>})
 * stay links, as they notify nobody.
 */
final class SlackText {

  /** A user or channel reference in the engine's text: {@code <@U123>}, {@code <#C123|name>}. */
  private static final Pattern REFERENCE =
      Pattern.compile("<([@#])([A-Za-z0-9]+)(?:\\|([^<>\\s][^<>]*)?)?>");

  /** A Slack channel id: public, private or a DM. */
  private static final Pattern SLACK_CHANNEL = Pattern.compile("[CGD][A-Z0-9]+");

  /** Anything Slack wraps in angle brackets: mentions, special mentions, dates and links. */
  private static final Pattern CONTROL = Pattern.compile("<([^<>]*)>");

  private static final Pattern SPECIAL = Pattern.compile("!([a-z]+)(?:\\^([^|]*))?(?:\\|(.*))?");
  private static final Pattern LINK =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*:[^|\\s]+)(?:\\|(.*))?", Pattern.DOTALL);

  private SlackText() {}

  /** What the engine sees from text a user typed in Slack. */
  static String fromSlack(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    Matcher m = CONTROL.matcher(text);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(inbound(m.group(1))));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /** One control sequence as the engine keeps it, still with Slack's entities in it. */
  private static String inbound(String inside) {
    if (inside.startsWith("@") || inside.startsWith("#")) {
      Matcher ref = REFERENCE.matcher("<" + inside + ">");
      if (!ref.matches()) {
        return "<" + inside + ">";
      }
      // Commands split on spaces, so a label with a space in it would split a mention in two.
      String label = ref.group(3);
      boolean keepLabel = ref.group(1).equals("@") && label != null && !label.contains(" ");
      return "<" + ref.group(1) + ref.group(2) + (keepLabel ? "|" + label : "") + ">";
    }
    Matcher special = SPECIAL.matcher(inside);
    if (special.matches()) {
      return special(special.group(1), special.group(2), special.group(3));
    }
    Matcher link = LINK.matcher(inside);
    if (link.matches()) {
      return link(link.group(1), link.group(2));
    }
    return "<" + inside + ">";
  }

  /** {@code <!here>}, {@code <!subteam^S1|@team>}, {@code <!date^…|fallback>} as plain words. */
  private static String special(String name, String argument, String label) {
    boolean labelled = label != null && !label.isBlank();
    return switch (name) {
      case "here", "channel", "everyone" -> "@" + name;
      case "subteam" ->
          labelled ? (label.startsWith("@") ? label : "@" + label) : "@" + nonBlank(argument, name);
      default -> labelled ? label : name;
    };
  }

  private static String nonBlank(String text, String otherwise) {
    return text == null || text.isBlank() ? otherwise : text;
  }

  /** A link as the words that were shown, followed by where it really goes when that differs. */
  private static String link(String url, String label) {
    String target = url.regionMatches(true, 0, "mailto:", 0, 7) ? url.substring(7) : url;
    if (label == null || label.isBlank()) {
      return target;
    }
    String shown = label.strip();
    if (shown.equals(target) || shown.equals(url) || url.endsWith("://" + shown)) {
      return shown;
    }
    return shown + " (" + target + ")";
  }

  /** What Slack shows for the engine's text: live mentions as Slack's, the rest as written. */
  static String toSlack(String text) {
    return LiveMentions.render(text, SlackText::literal, user -> "<@" + user + ">");
  }

  /**
   * Text that must show as written: references to people as {@code @name} (no ping), channel
   * references as links, and every other {@code & < >} escaped.
   */
  private static String literal(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    Matcher m = REFERENCE.matcher(text);
    int last = 0;
    while (m.find()) {
      escapeInto(out, text, last, m.start());
      if (m.group(1).equals("#") && SLACK_CHANNEL.matcher(m.group(2)).matches()) {
        out.append("<#").append(m.group(2)).append('>');
      } else if (m.group(1).equals("#")) {
        escapeInto(out, text, m.start(), m.end());
      } else {
        String name = m.group(3) != null ? m.group(3) : m.group(2);
        out.append('@');
        escapeInto(out, name, 0, name.length());
      }
      last = m.end();
    }
    escapeInto(out, text, last, text.length());
    return out.toString();
  }

  /** Plain text with Slack's three entities escaped, as Slack requires in every text field. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    escapeInto(out, text, 0, text.length());
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
