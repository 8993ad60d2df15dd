package org.nudge.engine.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One member's timing preferences: where they live, when they like their weekly prompt, when they
 * want silence, and whether they are away.
 *
 * @param zone the member's own time zone; every local rule below is read in it
 * @param promptDay the day of the week for the reflection prompt
 * @param promptHour the hour (0 to 23, on the hour) for the reflection prompt, local time
 * @param quiet the member's quiet hours and weekends
 * @param pausedUntil the instant the member's pause ends, or {@code null} if not paused
 */
public record MemberSchedule(
    ZoneId zone, DayOfWeek promptDay, int promptHour, QuietHours quiet, Instant pausedUntil) {

  /** End of the working week: time to look back, and rarely a meeting-heavy afternoon. */
  public static final DayOfWeek DEFAULT_PROMPT_DAY = DayOfWeek.FRIDAY;

  /** Mid-afternoon: inside working hours in the member's zone, after the morning rush. */
  public static final int DEFAULT_PROMPT_HOUR = 15;

  public MemberSchedule {
    Objects.requireNonNull(zone, "A schedule needs the member's time zone, like Europe/Berlin.");
    Objects.requireNonNull(promptDay, "A schedule needs a prompt day, like FRIDAY.");
    Objects.requireNonNull(quiet, "A schedule needs quiet hours; use QuietHours.defaults().");
    if (promptHour < 0 || promptHour > 23) {
      throw new IllegalArgumentException(
          "The prompt hour must be between 0 and 23, not " + promptHour + ".");
    }
  }

  /** Friday 15:00 in the given zone, default quiet hours, not paused. */
  public static MemberSchedule defaults(ZoneId zone) {
    return new MemberSchedule(
        zone, DEFAULT_PROMPT_DAY, DEFAULT_PROMPT_HOUR, QuietHours.defaults(), null);
  }

  /** The same schedule paused until the given instant ({@code null} to resume). */
  public MemberSchedule withPausedUntil(Instant until) {
    return new MemberSchedule(zone, promptDay, promptHour, quiet, until);
  }

  /** The same schedule with other quiet hours. */
  public MemberSchedule withQuiet(QuietHours other) {
    return new MemberSchedule(zone, promptDay, promptHour, other, pausedUntil);
  }

  /** The same schedule with another prompt day and hour. */
  public MemberSchedule withPrompt(DayOfWeek day, int hour) {
    return new MemberSchedule(zone, day, hour, quiet, pausedUntil);
  }
}
