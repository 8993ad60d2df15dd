package org.nudge.engine.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.nudge.engine.domain.DigestWeeks;

/**
 * When a program's weekly digest is due: its local day and hour in its own zone, computed in that
 * zone so the digest keeps its local hour across daylight-saving changes.
 */
public final class DigestSchedule {

  public static final DayOfWeek DEFAULT_DAY = DayOfWeek.MONDAY;
  public static final int DEFAULT_HOUR = 9;

  private DigestSchedule() {}

  /** The first digest time strictly after {@code after}. */
  public static Instant next(DayOfWeek day, int hour, ZoneId zone, Instant after) {
    return new DigestWeeks(day, hour, zone).next(after);
  }
}
