package org.nudge.adapter.discord;

import java.util.Set;
import java.util.regex.Pattern;
import org.nudge.engine.model.LiveMentions;

/**
 * Text between the engine's neutral form and Discord's. Mentions are the same tokens on both sides
 * ({@code <@id>}, {@code <#id>}) apart from Discord's legacy nickname form {@code <@!id>}.
 *
 * <p>On the way out nothing is rewritten: what a member wrote reaches Discord character for
 * character (a {@code *x*} stays {@code *x*}, an export is exactly what was stored), and the
 * engine's own markdown ({@code *emphasis*}, {@code _italics_}, {@code `code`}) is the subset
 * Discord reads too. Only the engine's live mentions ({@link LiveMentions}) become {@code <@id>};
 * whether anything pings is decided by the allowed mentions each message carries, which list those
 * users and nothing else (see {@link DiscordRenderer}), so a member's {@code @everyone}, role or
 * user mention never notifies anyone.
 */
final class DiscordText {

  private static final Pattern NICK_MENTION = Pattern.compile("<@!(\\d+)>");

  private DiscordText() {}

  /** What a user typed, in the engine's tokens. */
  static String inbound(String text) {
    return text == null ? "" : NICK_MENTION.matcher(text).replaceAll("<@$1>");
  }

  /** What the engine wrote, as Discord shows it: the engine's live mentions as Discord's. */
  static String outbound(String text) {
    return LiveMentions.render(text, literal -> literal, user -> "<@" + user + ">");
  }

  /** The users the engine mentions in {@code text}: the only ones a message may ping. */
  static Set<String> liveMentions(String text) {
    return LiveMentions.users(text);
  }
}
