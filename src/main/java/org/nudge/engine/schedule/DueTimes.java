package org.nudge.engine.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Computes when things are due for one member, in that member's own time zone.
 *
 * <p>Each answer is one instant that the scheduler stores and fires once. We deliberately do not
 * hand the scheduler a per-member cron expression: cron triggers evaluated in the server's zone
 * have skipped or doubled an hour at DST changes. Instead every method here works on the member's
 * local calendar with {@link ZonedDateTime} and converts to an {@link Instant} at the end.
 *
 * <p>The class is stateless and never reads the clock; callers pass "now" in. It is a class rather
 * than static helpers so callers receive it through their constructors like any other dependency.
 */
public final class DueTimes {

  /**
   * A safety bound for {@link #nextAllowed}: the worst real case is night, then weekend, then the
   * Monday morning quiet hours, so a handful of shifts always suffices.
   */
  private static final int MAX_SHIFTS = 8;

  /** Creates the (stateless) calculator. */
  public DueTimes() {}

  /**
   * The next weekly reflection prompt: the first instant strictly after {@code after} that is the
   * member's prompt day and hour on their own clock.
   *
   * <p>DST: on a spring-forward day an hour that does not exist moves forward by the length of the
   * gap (02:00 becomes 03:00), so the week is never skipped. On a fall-back day an hour that
   * happens twice uses its first occurrence, and only one instant per local date is ever
   * considered, so the prompt never comes twice in one week.
   *
   * <p>If the member is paused past {@code after}, the answer is the first occurrence at or after
   * the pause's end, so a pause that ends exactly at prompt time still gets that prompt.
   *
   * <p>Quiet hours are deliberately not applied here: the member chose this day and hour, and an
   * explicit choice outranks a general default (someone who asks for Saturday 21:00 wants it). Use
   * {@link #nextAllowed} for messages the member did not schedule themselves.
   */
  public Instant nextWeeklyPrompt(MemberSchedule s, Instant after) {
    Objects.requireNonNull(s, "schedule");
    Objects.requireNonNull(after, "after");
    boolean pauseMatters = s.pausedUntil() != null && s.pausedUntil().isAfter(after);
    Instant from = pauseMatters ? s.pausedUntil() : after;
    LocalDate date =
        from.atZone(s.zone()).toLocalDate().with(TemporalAdjusters.nextOrSame(s.promptDay()));
    while (true) {
      Instant candidate = promptOn(s, date);
      boolean late = pauseMatters ? !candidate.isBefore(from) : candidate.isAfter(from);
      if (late) {
        return candidate;
      }
      // The prompt hour on that day had already passed; a week later always qualifies.
      date = date.plusWeeks(1);
    }
  }

  private static Instant promptOn(MemberSchedule s, LocalDate date) {
    // ZonedDateTime.of resolves a gap forward and an overlap to the earlier offset.
    return ZonedDateTime.of(date, LocalTime.of(s.promptHour(), 0), s.zone()).toInstant();
  }

  /**
   * Moves a candidate instant out of the member's pause, weekends and quiet hours to the first
   * instant when a message is allowed, for example 08:00 on the next weekday. An allowed candidate
   * is returned unchanged; the result is never earlier than the candidate.
   *
   * <p>DST: a quiet window that ends inside a spring-forward gap ends when the clock jumps past it
   * (an end of 02:30 on that day becomes 03:30). On a fall-back day, a candidate in the repeated
   * hour that is still before the window's end on the clock waits for the end on the second pass of
   * the clock, never jumping back in time.
   */
  public Instant nextAllowed(MemberSchedule s, Instant candidate) {
    Objects.requireNonNull(s, "schedule");
    Objects.requireNonNull(candidate, "candidate");
    QuietHours quiet = s.quiet();
    Instant t = isPaused(s, candidate) ? s.pausedUntil() : candidate;
    for (int shift = 0; shift < MAX_SHIFTS; shift++) {
      ZonedDateTime local = t.atZone(s.zone());
      LocalDate date = local.toLocalDate();
      LocalTime time = local.toLocalTime();
      if (quiet.weekends() && QuietHours.isWeekend(local.getDayOfWeek())) {
        // atStartOfDay, not LocalTime.MIDNIGHT: in a few zones midnight itself falls in a gap.
        t = date.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(s.zone()).toInstant();
      } else if (quiet.covers(time)) {
        boolean endsTomorrow = quiet.wrapsMidnight() && !time.isBefore(quiet.start());
        ZonedDateTime end =
            ZonedDateTime.of(endsTomorrow ? date.plusDays(1) : date, quiet.end(), s.zone());
        if (!end.toInstant().isAfter(t)) {
          // In the repeated hour after fall-back, the end's first occurrence is already behind us.
          end = end.withLaterOffsetAtOverlap();
        }
        t = end.toInstant();
      } else {
        return t;
      }
    }
    throw new IllegalStateException(
        "Quiet hours " + quiet + " leave no allowed time for " + s.zone() + ".");
  }

  /** True if {@code t} falls in the member's quiet hours or quiet weekend, on their clock. */
  public boolean isQuiet(MemberSchedule s, Instant t) {
    Objects.requireNonNull(s, "schedule");
    Objects.requireNonNull(t, "t");
    return s.quiet().covers(t.atZone(s.zone()).toLocalDateTime());
  }

  /** True if the member is paused at {@code t}; the pause ends exactly at its end instant. */
  public boolean isPaused(MemberSchedule s, Instant t) {
    Objects.requireNonNull(s, "schedule");
    Objects.requireNonNull(t, "t");
    return s.pausedUntil() != null && t.isBefore(s.pausedUntil());
  }

  /**
   * When a pair becomes overdue for a check-in.
   *
   * <p>A pause stops the pair's clock rather than resetting it: two weeks on holiday should not
   * produce an "overdue" reminder the day they come back, nor forgive the time before they left.
   *
   * @param lastCheckIn the last recorded check-in, or the pair's start if none yet
   * @param cadence the interval the pair agreed on (already tapered by phase if wanted)
   * @param pausedTotal how long either member has been paused since {@code lastCheckIn}
   */
  public Instant checkInDue(Instant lastCheckIn, Duration cadence, Duration pausedTotal) {
    Objects.requireNonNull(lastCheckIn, "lastCheckIn");
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(pausedTotal, "pausedTotal");
    if (cadence.isNegative() || cadence.isZero()) {
      throw new IllegalArgumentException("A check-in cadence must be longer than zero.");
    }
    if (pausedTotal.isNegative()) {
      throw new IllegalArgumentException("Paused time cannot be negative.");
    }
    return lastCheckIn.plus(cadence).plus(pausedTotal);
  }

  /**
   * The ISO week of a local date-time, like {@code 2026-W09}, for idempotency keys such as {@code
   * prompt:{member}:{iso-week}}.
   *
   * <p>Uses the week-based year, not the calendar year: 2027-01-01 is in {@code 2026-W53}, and
   * 2024-12-30 in {@code 2025-W01}. Pass the date-time in the member's zone so the key follows
   * their week, not the server's.
   */
  public String isoWeek(ZonedDateTime when) {
    Objects.requireNonNull(when, "when");
    int week = when.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    // Concatenated rather than String.format: the sweep asks this for every member it prompts.
    return when.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
  }
}
