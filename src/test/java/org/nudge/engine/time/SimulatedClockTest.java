package org.nudge.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  private static final Instant FINE = Instant.parse("2026-03-02T09:00:00.123456789Z");

  @Test
  @DisplayName("the clock moves in the steps it is given, so storage gets back what it stored")
  void movesInTheGivenPrecision() {
    // GIVEN a clock started at an instant finer than the database keeps
    SimulatedClock clock = new SimulatedClock(FINE, ChronoUnit.MICROS);

    // THEN it reads in microseconds, and a move or a set stays in them
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123456Z"));
    clock.advance(Duration.ofNanos(999));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123456Z"));
    clock.advance(Duration.ofDays(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-03T09:00:00.123456Z"));
    clock.set(FINE);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123456Z"));
  }

  @Test
  @DisplayName("a time typed without seconds is understood, and a wrong one refused in a sentence")
  void parsesTypedTimes() {
    assertThat(SimulatedClock.parse("2026-03-02T09:00Z"))
        .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThatThrownBy(() -> SimulatedClock.parse("tomorrow"))
        .hasMessage("Say the time as an instant, like 2026-03-02T09:00Z, not 'tomorrow'.");
  }
}
