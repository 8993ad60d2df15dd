package org.nudge.engine.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a member wants to pause, as typed in {@code /nudge pause 2w} or {@code /nudge
 * pause 2026-12-24}.
 *
 * <p>Units are the ones people use for time off: hours, days, weeks and months. A month is 30 days;
 * {@code m} means months, because nobody pauses mentoring for minutes; minutes are spelt {@code
 * min} (the console's {@code :advance 15min} needs them).
 */
public final class Durations {

  /** The sentence shown for anything that is not a duration. */
  public static final String HOW_LONG = "Say how long, like 3d, 2w or 1m.";

  /** The sentence shown for anything that is neither a duration nor a date. */
  public static final String HOW_LONG_OR_UNTIL =
      "Say how long, like 3d, 2w or 1m, or until when, like 2026-12-24.";

  // Four digits at most: a longer number is a typo, and it keeps the arithmetic far from overflow.
  private static final Pattern DURATION = Pattern.compile("(\\d{1,4})\\s*(min|[hdwm])");
  private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

  private Durations() {}

  /**
   * Parses {@code 15min}, {@code 12h}, {@code 3d}, {@code 2w} or {@code 1m} (30 days), in any case.
   *
   * @throws IllegalArgumentException with {@link #HOW_LONG} for anything else, including zero
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException(HOW_LONG);
    }
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(HOW_LONG);
    }
    long amount = Long.parseLong(m.group(1));
    if (amount == 0) {
      throw new IllegalArgumentException(HOW_LONG);
    }
    return switch (m.group(2)) {
      case "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      case "w" -> Duration.ofDays(7 * amount);
      case "m" -> Duration.ofDays(30 * amount);
      default -> throw new IllegalArgumentException(HOW_LONG);
    };
  }

  /**
   * When a pause typed by the member ends: {@code now} plus a duration, or the start of an ISO date
   * ({@code 2026-12-24}) in the member's zone, so "until the 24th" means they hear from us again on
   * the morning of the 24th, their time.
   *
   * @throws IllegalArgumentException with one sentence if the text is neither, or if the date has
   *     already begun in the member's zone
   */
  public static Instant pauseEnd(String text, ZoneId zone, Instant now) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(now, "now");
    String trimmed = text == null ? "" : text.strip();
    if (DATE_LIKE.matcher(trimmed).matches()) {
      LocalDate date;
      try {
        date = LocalDate.parse(trimmed);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            trimmed + " is not a calendar date; write it like 2026-12-24.", e);
      }
      Instant end = date.atStartOfDay(zone).toInstant();
      if (!end.isAfter(now)) {
        throw new IllegalArgumentException(
            trimmed + " has already begun; pick a later date, or say how long, like 2w.");
      }
      return end;
    }
    try {
      return now.plus(parse(trimmed));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(HOW_LONG_OR_UNTIL, e);
    }
  }
}
