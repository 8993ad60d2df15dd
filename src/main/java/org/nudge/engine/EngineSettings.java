package org.nudge.engine;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.rhythm.RhythmSettings;

/**
 * What the engine needs from configuration: program leads from the start ({@code NUDGE_ADMINS}),
 * the zone for members whose platform tells none, the longest text accepted, how long after {@code
 * /advice} Nudge asks how it went, and the rhythm's humane limits.
 */
public record EngineSettings(
    Set<UserRef> admins,
    ZoneId defaultZone,
    int maxTextLength,
    Duration adviceFollowUp,
    RhythmSettings rhythm) {

  public EngineSettings {
    admins = Set.copyOf(admins);
    if (maxTextLength < 100) {
      throw new IllegalArgumentException("maxTextLength must be at least 100 characters.");
    }
  }

  /** Defaults suitable for tests and the console. */
  public static EngineSettings defaults(Set<UserRef> admins) {
    return new EngineSettings(
        admins, ZoneId.of("UTC"), 3000, Duration.ofDays(7), RhythmSettings.defaults());
  }
}
