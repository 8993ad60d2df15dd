package org.nudge.engine.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A program's weeks: each one ends when the program's digest is due (its local day and hour in its
 * zone), so a week is 167 to 169 hours long across daylight-saving changes. Digests report whole
 * weeks of this grid, and the storage keeps its weekly tallies on the same grid, so a scheduled
 * digest reads a few tallied weeks instead of every event behind them.
 */
public record DigestWeeks(DayOfWeek day, int hour, ZoneId zone) {

  /** A week's end is at most this long after its start (a week with an hour put back). */
  private static final Duration LONGEST_WEEK = Duration.ofDays(8);

  /** The first week's end strictly after {@code after}. */
  public Instant next(Instant after) {
    ZonedDateTime local = after.atZone(zone);
    ZonedDateTime candidate =
        local.with(TemporalAdjusters.nextOrSame(day)).truncatedTo(ChronoUnit.DAYS).withHour(hour);
    while (!candidate.toInstant().isAfter(after)) {
      candidate = candidate.plusWeeks(1).truncatedTo(ChronoUnit.DAYS).withHour(hour);
    }
    return candidate.toInstant();
  }

  /** The start of the week {@code at} falls in: the latest week boundary at or before it. */
  public Instant startOf(Instant at) {
    // Boundaries are found only through next(), so both directions agree on every DST edge case.
    Instant start = next(at.minus(LONGEST_WEEK));
    for (Instant following = next(start); !following.isAfter(at); following = next(start)) {
      start = following;
    }
    return start;
  }

  /**
   * The latest week boundary strictly before {@code to}: where a week ending at {@code to} began.
   */
  public Instant startBefore(Instant to) {
    return startOf(to.minusNanos(1));
  }

  /** The start of the week {@code weeks} weeks before the one that starts at {@code start}. */
  public Instant weeksBefore(Instant start, int weeks) {
    Instant s = start;
    for (int i = 0; i < weeks; i++) {
      s = startBefore(s);
    }
    return s;
  }

  /** Names the grid, so stored tallies can tell whether they were counted in this one. */
  public String key() {
    return day.getValue() + " " + hour + " " + zone.getId();
  }
}
