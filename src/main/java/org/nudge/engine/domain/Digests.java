package org.nudge.engine.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What program leads see: when each program's weekly digest is due, and the aggregates a digest, a
 * pair's health and a program export are built from. Every figure is counted by the storage (per
 * pair, member and program week, see {@link DigestWeeks}); no reflection, advice or feedback text
 * is ever read here, only counts, instants and, for feedback, ratings that never leave the engine
 * one by one.
 */
public interface Digests {

  /** When the program's digest goes out; the next instant is null until first scheduled. */
  record Schedule(DayOfWeek day, int hour, ZoneId zone, Instant nextAt) {
    /** The program's weeks, each ending when its digest is due. */
    public DigestWeeks weeks() {
      return new DigestWeeks(day, hour, zone);
    }
  }

  Schedule schedule(long programId);

  /** Sets the program's local digest day, hour and zone, and when the next digest is due. */
  void setSchedule(long programId, DayOfWeek day, int hour, ZoneId zone, Instant nextAt);

  void setNextDigest(long programId, Instant at);

  /**
   * Programs whose digest is due at or before {@code now}, or was never scheduled (programs created
   * before digests existed), earliest first.
   */
  List<Long> due(Instant now, int limit);

  /**
   * The aggregates of a program's active pairs over {@code window}, whose week starts where one of
   * the program's weeks does; with {@code pairId} set, of that pair alone.
   */
  ProgramStats stats(Program program, ProgramStats.Window window, Long pairId);
}
