package org.nudge.engine.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nudge.engine.domain.DigestWeeks;

@DisplayName("A program's weeks, which end when its digest is due")
class DigestWeeksTest {

  @ParameterizedTest(name = "{0} {1}:00 in {2}")
  @CsvSource({
    "MONDAY, 9, UTC",
    // 02:00 falls in the spring gap and twice in the autumn overlap on Sundays in Berlin
    "SUNDAY, 2, Europe/Berlin",
    "FRIDAY, 17, Asia/Kathmandu",
    "SATURDAY, 0, America/Santiago"
  })
  @DisplayName("every instant of two years lies in exactly one week, weeks 167 to 169 hours long")
  void everyInstantInOneWeek(DayOfWeek day, int hour, String zone) {
    DigestWeeks weeks = new DigestWeeks(day, hour, ZoneId.of(zone));
    Instant end = Instant.parse("2028-01-01T00:00:00Z");
    for (Instant at = Instant.parse("2026-01-01T00:17:00Z");
        at.isBefore(end);
        at = at.plus(Duration.ofMinutes(53))) {
      Instant start = weeks.startOf(at);
      Instant next = weeks.next(start);
      assertThat(start).isBeforeOrEqualTo(at);
      assertThat(next).isAfter(at);
      assertThat(weeks.next(at)).isEqualTo(next);
      assertThat(Duration.between(start, next).toHours()).isBetween(167L, 169L);
      assertThat(weeks.startOf(start)).isEqualTo(start);
      assertThat(weeks.startBefore(next)).isEqualTo(start);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-03-09T09:00:00Z, 2026-03-09T09:00:00Z",
    "2026-03-09T08:59:59Z, 2026-03-02T09:00:00Z",
    "2026-03-15T23:00:00Z, 2026-03-09T09:00:00Z"
  })
  @DisplayName("a week starts at the digest time at or before the instant")
  void startOf(Instant at, Instant start) {
    DigestWeeks weeks = new DigestWeeks(DayOfWeek.MONDAY, 9, ZoneId.of("UTC"));
    assertThat(weeks.startOf(at)).isEqualTo(start);
    assertThat(weeks.weeksBefore(start, 2)).isEqualTo(start.minus(Duration.ofDays(14)));
  }
}
