package org.nudge.engine.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.nudge.engine.model.Inbound;

/** Small wording helpers shared by commands, so the product speaks with one voice. */
public final class Texts {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private Texts() {}

  /** The member's own words, quoted back so they can copy them into a corrected command. */
  public static String echo(Inbound.Command command) {
    String typed = ("/" + command.name() + " " + command.text()).strip();
    return "You typed: " + typed;
  }

  public static String day(Instant instant, ZoneId zone) {
    return DAY.format(instant.atZone(zone));
  }

  public static String dayTime(Instant instant, ZoneId zone) {
    return DAY_TIME.format(instant.atZone(zone)) + " " + zone.getId();
  }

  /** The text as a sentence: a full stop added unless it already ends with punctuation. */
  public static String sentence(String text) {
    String t = text.strip();
    return t.isEmpty() || ".!?…".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
  }

  /** A number with thousands separators, as people read it. */
  public static String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }
}
