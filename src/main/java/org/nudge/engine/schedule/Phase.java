package org.nudge.engine.schedule;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a pair is in its life. The phase relaxes the check-in cadence as the relationship matures.
 *
 * <p>Why taper at all: good mentoring aims at gradual independence (docs/architecture.md, What the
 * rhythm is for). While a pair gets going or works on an active goal, the agreed cadence holds as
 * is. When the mentee is waiting (no active goal) or the pair is wrapping up, reminding them every
 * week would keep the mentee leaning on the mentor and would read as nagging, so the interval never
 * drops below four weeks; a slower cadence the pair chose is kept.
 */
public enum Phase {
  KICKOFF(Duration.ZERO),
  ACTIVE(Duration.ZERO),
  WAITING(Duration.ofDays(28)),
  WRAP_UP(Duration.ofDays(28));

  private final Duration minimumInterval;

  Phase(Duration minimumInterval) {
    this.minimumInterval = minimumInterval;
  }

  /** The check-in interval for a pair at this cadence in this phase. */
  public Duration taper(Cadence cadence) {
    Objects.requireNonNull(cadence, "cadence");
    return taper(cadence.interval());
  }

  /** The check-in interval for a pair at this interval in this phase (never shorter than given). */
  public Duration taper(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    return interval.compareTo(minimumInterval) >= 0 ? interval : minimumInterval;
  }

  /**
   * The word used in config and commands: {@code kickoff}, {@code active}, {@code waiting}, {@code
   * wrap-up}.
   */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Reads {@code kickoff}, {@code active}, {@code waiting} or {@code wrap-up} (also {@code wrap_up}
   * and {@code wrapup}), in any case.
   *
   * @throws IllegalArgumentException with one sentence naming the accepted words
   */
  public static Phase parse(String text) {
    String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("_", "-");
    return switch (word) {
      case "kickoff", "kick-off" -> KICKOFF;
      case "active" -> ACTIVE;
      case "waiting" -> WAITING;
      case "wrap-up", "wrapup" -> WRAP_UP;
      default ->
          throw new IllegalArgumentException(
              "Phase must be kickoff, active, waiting or wrap-up, not '"
                  + (text == null ? "" : text.strip())
                  + "'.");
    };
  }
}
