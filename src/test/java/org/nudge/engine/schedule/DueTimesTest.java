package org.nudge.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueTimesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final DueTimes due = new DueTimes();

  @ParameterizedTest(name = "{0} UTC is quiet: {1}")
  @CsvSource({
    "2026-06-17T17:59:00Z, false", // Wed 19:59 CEST
    "2026-06-17T18:00:00Z, true", // Wed 20:00 CEST, start is inclusive
    "2026-06-17T23:30:00Z, true", // Thu 01:30 CEST, after midnight
    "2026-06-18T05:59:00Z, true", // Thu 07:59 CEST
    "2026-06-18T06:00:00Z, false", // Thu 08:00 CEST, end is exclusive
    "2026-06-20T10:00:00Z, true", // Sat 12:00 CEST, weekend
    "2026-06-21T21:59:00Z, true", // Sun 23:59 CEST
    "2026-06-21T22:00:00Z, true", // Mon 00:00 CEST, night again
  })
  @DisplayName("Default quiet hours cover 20:00 to 08:00 on the member's clock, and weekends")
  void defaultQuiet(String instant, boolean quiet) {
    // GIVEN a Berlin member with default quiet hours
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    // WHEN / THEN
    assertThat(due.isQuiet(s, Instant.parse(instant))).isEqualTo(quiet);
  }

  @Test
  @DisplayName("A midday window that does not wrap covers only its own hour")
  void middayWindow() {
    // GIVEN quiet hours 12:00-13:00 and no quiet weekends
    MemberSchedule s =
        MemberSchedule.defaults(BERLIN)
            .withQuiet(new QuietHours(LocalTime.NOON, LocalTime.of(13, 0), false));
    // WHEN / THEN
    assertThat(due.isQuiet(s, Instant.parse("2026-06-20T09:59:00Z"))).isFalse(); // Sat 11:59
    assertThat(due.isQuiet(s, Instant.parse("2026-06-20T10:00:00Z"))).isTrue(); // Sat 12:00
    assertThat(due.isQuiet(s, Instant.parse("2026-06-20T11:00:00Z"))).isFalse(); // Sat 13:00
    assertThat(due.isQuiet(s, Instant.parse("2026-06-20T22:00:00Z"))).isFalse(); // Sun 00:00
  }

  @Test
  @DisplayName("A pause covers everything before its end and nothing from its end on")
  void pauseBoundary() {
    // GIVEN a pause until 2026-06-20T10:00Z
    Instant end = Instant.parse("2026-06-20T10:00:00Z");
    MemberSchedule s = MemberSchedule.defaults(BERLIN).withPausedUntil(end);
    // WHEN / THEN
    assertThat(due.isPaused(s, end.minusSeconds(1))).isTrue();
    assertThat(due.isPaused(s, end)).isFalse();
    assertThat(due.isPaused(MemberSchedule.defaults(BERLIN), end)).isFalse();
  }

  @Test
  @DisplayName("A pair is overdue one cadence after the last check-in plus the time it was paused")
  void checkInDueAddsPause() {
    // GIVEN a biweekly pair that last met 2026-03-02 10:00 UTC and paused for 3 days since
    Instant last = Instant.parse("2026-03-02T10:00:00Z");
    // WHEN
    Instant dueAt = due.checkInDue(last, Cadence.BIWEEKLY.interval(), Duration.ofDays(3));
    // THEN
    assertThat(dueAt).isEqualTo(Instant.parse("2026-03-19T10:00:00Z"));
    assertThat(due.checkInDue(last, Duration.ofDays(7), Duration.ZERO))
        .isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
  }

  @Test
  @DisplayName("A zero cadence or negative paused time is refused with a sentence")
  void checkInDueRejectsNonsense() {
    Instant last = Instant.parse("2026-03-02T10:00:00Z");
    assertThatThrownBy(() -> due.checkInDue(last, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A check-in cadence must be longer than zero.");
    assertThatThrownBy(() -> due.checkInDue(last, Duration.ofDays(7), Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Paused time cannot be negative.");
  }

  @ParameterizedTest(name = "{0} is in {1}")
  @CsvSource({
    "2026-02-23T15:00+01:00[Europe/Berlin], 2026-W09",
    "2026-01-01T09:00+01:00[Europe/Berlin], 2026-W01",
    "2027-01-01T09:00+01:00[Europe/Berlin], 2026-W53",
    "2024-12-30T09:00+01:00[Europe/Berlin], 2025-W01",
    "2026-03-08T03:00-04:00[America/New_York], 2026-W10",
  })
  @DisplayName("The ISO week uses the week-based year, zero-padded")
  void isoWeek(String when, String week) {
    assertThat(due.isoWeek(ZonedDateTime.parse(when))).isEqualTo(week);
  }
}
