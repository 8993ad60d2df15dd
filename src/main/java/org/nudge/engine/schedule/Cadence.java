package org.nudge.engine.schedule;

import java.time.Duration;
import java.util.Locale;

/**
 * How often a pair agrees to meet. A reminder goes out only once a pair is overdue against it.
 *
 * <p>Monthly is four weeks rather than a calendar month so that a pair keeps meeting on the same
 * weekday, which is how people actually book a recurring slot.
 */
public enum Cadence {
  WEEKLY(Duration.ofDays(7)),
  BIWEEKLY(Duration.ofDays(14)),
  MONTHLY(Duration.ofDays(28));

  private final Duration interval;

  Cadence(Duration interval) {
    this.interval = interval;
  }

  /** The time between two check-ins at this cadence. */
  public Duration interval() {
    return interval;
  }

  /**
   * Reads what a lead or member typed: {@code weekly}, {@code biweekly} or {@code monthly}, in any
   * case.
   *
   * @throws IllegalArgumentException with one sentence naming the accepted words
   */
  public static Cadence parse(String text) {
    String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (word) {
      case "weekly" -> WEEKLY;
      case "biweekly" -> BIWEEKLY;
      case "monthly" -> MONTHLY;
      default ->
          throw new IllegalArgumentException(
              "Cadence must be weekly, biweekly or monthly, not '"
                  + (text == null ? "" : text.strip())
                  + "'.");
    };
  }
}
