package org.nudge.engine;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.nudge.engine.model.UserRef;

/**
 * What the engine needs from configuration: program leads from the start ({@code NUDGE_ADMINS}),
 * the zone for members whose platform tells none, the longest text accepted, and how long after
 * {@code /advice} Nudge asks how it went.
 */
public record EngineSettings(
    Set<UserRef> admins, ZoneId defaultZone, int maxTextLength, Duration adviceFollowUp) {

  public EngineSettings {
    admins = Set.copyOf(admins);
    if (maxTextLength < 100) {
      throw new IllegalArgumentException("maxTextLength must be at least 100 characters.");
    }
  }

  /** Defaults suitable for tests and the console. */
  public static EngineSettings defaults(Set<UserRef> admins) {
    return new EngineSettings(admins, ZoneId.of("UTC"), 3000, Duration.ofDays(7));
  }
}
