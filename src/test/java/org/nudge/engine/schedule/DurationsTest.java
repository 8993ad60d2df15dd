package org.nudge.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({
    "15min, PT15M",
    "12h, PT12H",
    "3d, PT72H",
    "2w, PT336H",
    "1m, PT720H",
    "' 2W ', PT336H",
    "90 MIN, PT90M"
  })
  @DisplayName("Minutes (min), hours, days, weeks and 30-day months (m) are understood")
  void parses(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"2", "w", "2x", "-2d", "1.5w", "0d", "2 weeks", "12345d", "10mn", "0min"})
  @DisplayName("Anything else is refused with one sentence showing examples")
  void rejects(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Say how long, like 3d, 2w or 1m.");
  }

  @Test
  @DisplayName("A pause of 2w ends exactly two weeks from now")
  void pauseForDuration() {
    // GIVEN now, WHEN the member types 2w, THEN the pause ends 14 days later
    assertThat(Durations.pauseEnd("2w", ZoneId.of("Europe/Berlin"), NOW))
        .isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
  }

  @Test
  @DisplayName("A pause until a date ends at the start of that day on the member's clock")
  void pauseUntilDate() {
    // GIVEN members in Berlin and New York, WHEN each types 2026-12-24
    // THEN the pause ends at their local midnight
    assertThat(Durations.pauseEnd("2026-12-24", ZoneId.of("Europe/Berlin"), NOW))
        .isEqualTo(Instant.parse("2026-12-23T23:00:00Z"));
    assertThat(Durations.pauseEnd("2026-12-24", ZoneId.of("America/New_York"), NOW))
        .isEqualTo(Instant.parse("2026-12-24T05:00:00Z"));
  }

  @Test
  @DisplayName("A date that has already begun for the member is refused, even if not elsewhere")
  void pauseDateInThePast() {
    // GIVEN 2026-03-01 20:00 UTC, which is already 2026-03-02 01:30 in Kolkata
    Instant evening = Instant.parse("2026-03-01T20:00:00Z");
    // WHEN / THEN a Kolkata member cannot pause until 2026-03-02 ...
    assertThatThrownBy(() -> Durations.pauseEnd("2026-03-02", ZoneId.of("Asia/Kolkata"), evening))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2026-03-02 has already begun; pick a later date, or say how long, like 2w.");
    // ... but a New York member can
    assertThat(Durations.pauseEnd("2026-03-02", ZoneId.of("America/New_York"), evening))
        .isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
    // AND a date long past is refused too
    assertThatThrownBy(() -> Durations.pauseEnd("2025-12-24", ZoneId.of("UTC"), evening))
        .hasMessage("2025-12-24 has already begun; pick a later date, or say how long, like 2w.");
  }

  @Test
  @DisplayName("A date that is not on the calendar, or plain nonsense, gets one clear sentence")
  void pauseRejectsNonsense() {
    assertThatThrownBy(() -> Durations.pauseEnd("2026-02-30", ZoneId.of("UTC"), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2026-02-30 is not a calendar date; write it like 2026-12-24.");
    assertThatThrownBy(() -> Durations.pauseEnd("soon", ZoneId.of("UTC"), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Say how long, like 3d, 2w or 1m, or until when, like 2026-12-24.");
  }
}
