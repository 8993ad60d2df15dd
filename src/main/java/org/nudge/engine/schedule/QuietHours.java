package org.nudge.engine.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The part of a member's day (and week) when Nudge stays silent.
 *
 * <p>The window runs from {@code start} (inclusive) to {@code end} (exclusive) in the member's
 * local time and may wrap midnight, as the default 20:00 to 08:00 does. A window whose start equals
 * its end is empty: the member wants no nightly quiet time, only (perhaps) quiet weekends. Times
 * are local wall-clock times on purpose: "not after 8 pm" means 8 pm on the member's clock in
 * winter and in summer.
 *
 * @param start when the quiet time begins each day, local time
 * @param end when it ends, local time; earlier than {@code start} if it wraps midnight
 * @param weekends whether all of Saturday and Sunday are quiet as well
 */
public record QuietHours(LocalTime start, LocalTime end, boolean weekends) {

  /** Evenings, nights and weekends belong to the member, so that is the default. */
  public static final LocalTime DEFAULT_START = LocalTime.of(20, 0);

  /** The default quiet time ends when a typical working day begins. */
  public static final LocalTime DEFAULT_END = LocalTime.of(8, 0);

  public QuietHours {
    Objects.requireNonNull(start, "Quiet hours need a start time, like 20:00.");
    Objects.requireNonNull(end, "Quiet hours need an end time, like 08:00.");
  }

  /** 20:00 to 08:00 and weekends quiet. */
  public static QuietHours defaults() {
    return new QuietHours(DEFAULT_START, DEFAULT_END, true);
  }

  /** True if the window crosses midnight, so it covers the late evening and the early morning. */
  public boolean wrapsMidnight() {
    return start.isAfter(end);
  }

  /** True if this local time of day falls inside the nightly window (weekends not considered). */
  public boolean covers(LocalTime time) {
    Objects.requireNonNull(time, "time");
    if (start.equals(end)) {
      return false;
    }
    if (wrapsMidnight()) {
      return !time.isBefore(start) || time.isBefore(end);
    }
    return !time.isBefore(start) && time.isBefore(end);
  }

  /** True if this local date and time is quiet, counting weekends when they are quiet. */
  public boolean covers(LocalDateTime local) {
    Objects.requireNonNull(local, "local");
    return (weekends && isWeekend(local.getDayOfWeek())) || covers(local.toLocalTime());
  }

  static boolean isWeekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
