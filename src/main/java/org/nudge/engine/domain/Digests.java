package org.nudge.engine.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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

  /**
   * Ratings per role ({@code mentee}, {@code mentor}) of the program's active pairs given in {@code
   * [from, to)}: answers, people and mean, for the engine to decide what it may publish.
   */
  Map<String, ProgramStats.RoleFeedback> feedbackByRole(Program program, Instant from, Instant to);

  /**
   * A role's feedback figure as last shown to leads: its mean rounded to a half (in halves, so 9 is
   * 4.5), the answers behind it, and the end of the whole weeks it covers.
   */
  record PublishedFeedback(
      String role, int meanHalves, int answers, Instant coversTo, Instant publishedAt) {}

  /** The program's published feedback figures by role; none until one was published. */
  Map<String, PublishedFeedback> publishedFeedback(long programId);

  /** Stores {@code figure} as the one its program shows for its role from now on. */
  void publishFeedback(long programId, PublishedFeedback figure);
}
