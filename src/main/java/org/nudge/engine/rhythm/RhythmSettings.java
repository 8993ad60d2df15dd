package org.nudge.engine.rhythm;

import java.time.Duration;

/**
 * The humane limits and intervals of Nudge's rhythm.
 *
 * @param weeklyBudget bot-initiated messages a person gets at most per week (their ISO week)
 * @param catchUpWindow how late a reflection prompt may still go out after downtime; later ones are
 *     recorded as missed
 * @param unansweredBeforeTaper unanswered prompts in a row after which Nudge backs off
 * @param taperInterval the least time between messages to someone Nudge has backed off from
 * @param mentorReminderDelay how long after the mentee the mentor is reminded of an overdue pair
 * @param revisitEvery how often the pair is asked to revisit its development plan
 * @param remindLaterDelay how long "remind me tomorrow" waits
 */
public record RhythmSettings(
    int weeklyBudget,
    Duration catchUpWindow,
    int unansweredBeforeTaper,
    Duration taperInterval,
    Duration mentorReminderDelay,
    Duration revisitEvery,
    Duration remindLaterDelay) {

  public RhythmSettings {
    if (weeklyBudget < 1) {
      throw new IllegalArgumentException("The weekly budget must allow at least one message.");
    }
  }

  /** The defaults good mentoring argues for (docs/architecture.md, What the rhythm is for). */
  public static RhythmSettings defaults() {
    return new RhythmSettings(
        3,
        Duration.ofHours(12),
        3,
        Duration.ofDays(14),
        Duration.ofDays(1),
        Duration.ofDays(91),
        Duration.ofDays(1));
  }
}
