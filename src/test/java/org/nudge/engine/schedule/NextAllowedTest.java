package org.nudge.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Expected instants are written in UTC with the member's local time beside them. */
class NextAllowedTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  private final DueTimes due = new DueTimes();

  @Test
  @DisplayName("An allowed weekday afternoon is left as it is")
  void allowedStays() {
    // GIVEN default quiet hours in Berlin and Wed 2026-06-17 12:00 CEST
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    Instant noon = Instant.parse("2026-06-17T10:00:00Z");
    // WHEN / THEN nothing moves
    assertThat(due.nextAllowed(s, noon)).isEqualTo(noon);
  }

  @Test
  @DisplayName("A late-evening reminder waits until 08:00 the next morning")
  void eveningWaitsForMorning() {
    // GIVEN Tue 2026-06-16 22:30 CEST, inside the 20:00-08:00 window that wraps midnight
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    // WHEN we shift it
    Instant shifted = due.nextAllowed(s, Instant.parse("2026-06-16T20:30:00Z"));
    // THEN it goes to Wed 08:00 CEST
    assertThat(shifted).isEqualTo(Instant.parse("2026-06-17T06:00:00Z"));
  }

  @Test
  @DisplayName("An early-morning reminder waits until 08:00 the same day")
  void earlyMorningWaitsSameDay() {
    // GIVEN Wed 2026-06-17 05:00 CEST, the part of the window after midnight
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    // WHEN / THEN it moves to 08:00 CEST the same day
    assertThat(due.nextAllowed(s, Instant.parse("2026-06-17T03:00:00Z")))
        .isEqualTo(Instant.parse("2026-06-17T06:00:00Z"));
  }

  @Test
  @DisplayName("A Friday-evening reminder waits for Monday 08:00, skipping the weekend")
  void fridayEveningWaitsForMonday() {
    // GIVEN Fri 2026-06-19 21:00 CEST with quiet weekends
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    // WHEN / THEN it moves to Mon 2026-06-22 08:00 CEST
    assertThat(due.nextAllowed(s, Instant.parse("2026-06-19T19:00:00Z")))
        .isEqualTo(Instant.parse("2026-06-22T06:00:00Z"));
    // AND so does Saturday noon
    assertThat(due.nextAllowed(s, Instant.parse("2026-06-20T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-06-22T06:00:00Z"));
  }

  @Test
  @DisplayName("Without quiet weekends, Saturday 23:00 waits only until Sunday 08:00")
  void weekendsAllowed() {
    // GIVEN a member who does not mind weekends
    MemberSchedule s =
        MemberSchedule.defaults(BERLIN)
            .withQuiet(new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0), false));
    // WHEN Sat 2026-06-20 23:00 CEST is shifted
    Instant shifted = due.nextAllowed(s, Instant.parse("2026-06-20T21:00:00Z"));
    // THEN it is Sun 08:00 CEST
    assertThat(shifted).isEqualTo(Instant.parse("2026-06-21T06:00:00Z"));
  }

  @Test
  @DisplayName("A paused member hears nothing until the pause ends, then quiet hours still apply")
  void pauseThenQuiet() {
    // GIVEN a pause until Sat 2026-06-20 12:00 CEST
    MemberSchedule s =
        MemberSchedule.defaults(BERLIN).withPausedUntil(Instant.parse("2026-06-20T10:00:00Z"));
    // WHEN a reminder is due on Wednesday
    Instant shifted = due.nextAllowed(s, Instant.parse("2026-06-17T10:00:00Z"));
    // THEN it waits past the pause and the weekend: Mon 08:00 CEST
    assertThat(shifted).isEqualTo(Instant.parse("2026-06-22T06:00:00Z"));
  }

  @Test
  @DisplayName("A weekend that contains the New York spring-forward still ends at 08:00 EDT Monday")
  void newYorkWeekendOverSpringForward() {
    // GIVEN Fri 2026-03-06 20:00 EST, the start of quiet hours before the 2026-03-08 change
    MemberSchedule s = MemberSchedule.defaults(NEW_YORK);
    // WHEN / THEN it moves to Mon 2026-03-09 08:00 EDT
    assertThat(due.nextAllowed(s, Instant.parse("2026-03-07T01:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
  }

  @Test
  @DisplayName("A weekend that contains the Berlin fall-back ends at 08:00 CET Monday")
  void berlinWeekendOverFallBack() {
    // GIVEN Fri 2026-10-23 22:00 CEST, before the 2026-10-25 change
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    // WHEN / THEN it moves to Mon 2026-10-26 08:00 CET
    assertThat(due.nextAllowed(s, Instant.parse("2026-10-23T20:00:00Z")))
        .isEqualTo(Instant.parse("2026-10-26T07:00:00Z"));
  }

  @Test
  @DisplayName("Quiet hours ending at 02:30 on the New York spring-forward day end at 03:30 EDT")
  void quietEndInNewYorkGap() {
    // GIVEN quiet hours 22:00-02:30, weekends allowed; on 2026-03-08 02:30 does not exist
    MemberSchedule s =
        MemberSchedule.defaults(NEW_YORK)
            .withQuiet(new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), false));
    // WHEN Sun 01:00 EST is shifted
    Instant shifted = due.nextAllowed(s, Instant.parse("2026-03-08T06:00:00Z"));
    // THEN it goes to 03:30 EDT, the gap's length after 02:30
    assertThat(shifted).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
  }

  @Test
  @DisplayName("Quiet hours ending at 02:30 on the Berlin spring-forward day end at 03:30 CEST")
  void quietEndInBerlinGap() {
    // GIVEN quiet hours 22:00-02:30, weekends allowed; on 2026-03-29 02:30 does not exist
    MemberSchedule s =
        MemberSchedule.defaults(BERLIN)
            .withQuiet(new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), false));
    // WHEN Sat 23:00 CET is shifted
    Instant shifted = due.nextAllowed(s, Instant.parse("2026-03-28T22:00:00Z"));
    // THEN it goes to Sun 03:30 CEST
    assertThat(shifted).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  @DisplayName(
      "In the repeated hour after fall-back, quiet time ends on the second 01:30, never earlier")
  void quietEndInNewYorkOverlap() {
    // GIVEN quiet hours 22:00-01:30, weekends allowed; on 2026-11-01 01:00-02:00 happens twice
    MemberSchedule s =
        MemberSchedule.defaults(NEW_YORK)
            .withQuiet(new QuietHours(LocalTime.of(22, 0), LocalTime.of(1, 30), false));
    // WHEN 01:15 EDT (first pass) is shifted, THEN it waits until 01:30 EDT
    assertThat(due.nextAllowed(s, Instant.parse("2026-11-01T05:15:00Z")))
        .isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    // AND 01:45 EDT is allowed as it is
    assertThat(due.nextAllowed(s, Instant.parse("2026-11-01T05:45:00Z")))
        .isEqualTo(Instant.parse("2026-11-01T05:45:00Z"));
    // AND 01:15 EST (second pass, the clock reads 01:15 again) waits until 01:30 EST, not back
    assertThat(due.nextAllowed(s, Instant.parse("2026-11-01T06:15:00Z")))
        .isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
  }

  @Test
  @DisplayName("In Kolkata a Friday-evening reminder waits until Monday 08:00 IST")
  void kolkataWeekend() {
    // GIVEN Fri 2026-03-06 20:00 IST
    MemberSchedule s = MemberSchedule.defaults(KOLKATA);
    // WHEN / THEN Mon 2026-03-09 08:00 IST
    assertThat(due.nextAllowed(s, Instant.parse("2026-03-06T14:30:00Z")))
        .isEqualTo(Instant.parse("2026-03-09T02:30:00Z"));
  }

  @Test
  @DisplayName("Where midnight itself is skipped, a weekend still ends on Monday")
  void midnightGap() {
    // GIVEN Santiago, where the clock jumps from Sat 24:00 to Sun 01:00 on 2026-09-06,
    // and a member with no nightly window but quiet weekends
    MemberSchedule s =
        MemberSchedule.defaults(ZoneId.of("America/Santiago"))
            .withQuiet(new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true));
    // WHEN Sat 2026-09-05 12:00 -04:00 is shifted
    Instant shifted = due.nextAllowed(s, Instant.parse("2026-09-05T16:00:00Z"));
    // THEN it is Mon 2026-09-07 00:00 -03:00
    assertThat(shifted).isEqualTo(Instant.parse("2026-09-07T03:00:00Z"));
  }
}
