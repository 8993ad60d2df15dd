package org.nudge.engine;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.nudge.engine.dashboard.DashboardSettings;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.rhythm.RhythmSettings;

/**
 * What the engine needs from configuration: program leads from the start ({@code NUDGE_ADMINS}),
 * the zone for members whose platform tells none, the longest text accepted, how long after {@code
 * /advice} Nudge asks how it went, the rhythm's humane limits, how long a sent message is kept, and
 * where dashboard links point and what signs them.
 */
public record EngineSettings(
    Set<UserRef> admins,
    ZoneId defaultZone,
    int maxTextLength,
    Duration adviceFollowUp,
    RhythmSettings rhythm,
    Duration keepSent,
    DashboardSettings dashboard) {

  /** How long a sent message is kept by default (config key {@code outbox.keepSent}). */
  public static final Duration KEEP_SENT = Duration.ofDays(30);

  public EngineSettings {
    admins = Set.copyOf(admins);
    dashboard = dashboard != null ? dashboard : DashboardSettings.local(8080);
    if (maxTextLength < 100) {
      throw new IllegalArgumentException("maxTextLength must be at least 100 characters.");
    }
    if (keepSent.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("Sent messages must be kept at least a day.");
    }
  }

  /** Defaults suitable for tests and the console. */
  public static EngineSettings defaults(Set<UserRef> admins) {
    return new EngineSettings(
        admins,
        ZoneId.of("UTC"),
        3000,
        Duration.ofDays(7),
        RhythmSettings.defaults(),
        KEEP_SENT,
        DashboardSettings.local(8080));
  }
}
