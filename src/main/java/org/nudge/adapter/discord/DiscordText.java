package org.nudge.adapter.discord;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text between the engine's neutral form and Discord's. Mentions are the same tokens on both sides
 * ({@code <@id>}, {@code <#id>}) apart from Discord's legacy nickname form {@code <@!id>}; the
 * engine's {@code *bold*} is Discord's {@code **bold**}; {@code @everyone} and {@code @here} are
 * defused in anything Nudge writes, on top of the allowed-mentions setting that stops pings.
 */
final class DiscordText {

  private static final Pattern NICK_MENTION = Pattern.compile("<@!(\\d+)>");
  private static final Pattern LABELLED_MENTION = Pattern.compile("<([@#])([^>|\\s]+)\\|[^>]*>");
  private static final Pattern BOLD =
      Pattern.compile("(?<![*\\w])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![*\\w])");
  private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)");
  private static final Pattern LEADING_USER = Pattern.compile("^<@(\\d+)>");

  private DiscordText() {}

  /** What a user typed, in the engine's tokens. */
  static String inbound(String text) {
    return text == null ? "" : NICK_MENTION.matcher(text).replaceAll("<@$1>");
  }

  /** What the engine wrote, as Discord markdown that can never ping everyone. */
  static String outbound(String text) {
    String t = LABELLED_MENTION.matcher(text).replaceAll("<$1$2>");
    t = BOLD.matcher(t).replaceAll("**$1**");
    return MASS_MENTION.matcher(t).replaceAll("@\u200b$1");
  }

  /**
   * The user a message addresses by opening with their mention ({@code <@id>, …}), the only one
   * Nudge lets ping from a channel post; mentions inside user-written text never ping.
   */
  static Set<String> addressee(String text) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = LEADING_USER.matcher(text);
    if (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
