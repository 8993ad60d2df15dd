package org.nudge.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the platform-neutral tokens adapters leave in command text: {@code <@userId>} for people
 * and {@code <#channelId>} for channels.
 */
public final class Mentions {

  private static final Pattern USER = Pattern.compile("<@([^>\\s|]+)(?:\\|[^>]*)?>");
  private static final Pattern CHANNEL = Pattern.compile("<#([^>\\s|]+)(?:\\|[^>]*)?>|#([\\w-]+)");

  private Mentions() {}

  public static boolean isUser(String word) {
    return USER.matcher(word).matches();
  }

  /** The user id of a single mention word, or null. */
  public static String userId(String word) {
    Matcher m = USER.matcher(word);
    return m.matches() ? m.group(1) : null;
  }

  public static List<String> userIds(String text) {
    List<String> ids = new ArrayList<>();
    Matcher m = USER.matcher(text);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** The channel id of a {@code <#C123>} or {@code #name} word, or null. */
  public static String channelId(String word) {
    Matcher m = CHANNEL.matcher(word);
    if (!m.matches()) {
      return null;
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }
}
