package org.nudge.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Expected instants are written in UTC with the member's local time beside them. */
class NextWeeklyPromptTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  private final DueTimes due = new DueTimes();

  private static MemberSchedule sundayAt(ZoneId zone, int hour) {
    return MemberSchedule.defaults(zone).withPrompt(DayOfWeek.SUNDAY, hour);
  }

  @Test
  @DisplayName("A Friday 15:00 prompt keeps 15:00 local across the spring-forward weekend")
  void newYorkFridayAcrossSpringForward() {
    // GIVEN a member in New York with the default Friday 15:00
    MemberSchedule s = MemberSchedule.defaults(NEW_YORK);
    // WHEN we ask right after the last winter-time prompt (Fri 2026-03-06 15:00 EST)
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-03-06T20:00:00Z"));
    // THEN the next one is Fri 2026-03-13 15:00 EDT, an hour earlier in UTC
    assertThat(next).isEqualTo(Instant.parse("2026-03-13T19:00:00Z"));
  }

  @Test
  @DisplayName("A Friday prompt asked for earlier in the week lands on that week's Friday")
  void newYorkFridayFromMonday() {
    // GIVEN the default schedule
    MemberSchedule s = MemberSchedule.defaults(NEW_YORK);
    // WHEN we ask on Monday 2026-03-02
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-03-02T14:00:00Z"));
    // THEN it is Fri 2026-03-06 15:00 EST
    assertThat(next).isEqualTo(Instant.parse("2026-03-06T20:00:00Z"));
  }

  @Test
  @DisplayName(
      "A Sunday 02:00 prompt on the spring-forward day moves to 03:00 instead of vanishing")
  void newYorkSundayInTheGap() {
    // GIVEN a member who picked Sunday 02:00; on 2026-03-08 clocks jump from 02:00 to 03:00
    MemberSchedule s = sundayAt(NEW_YORK, 2);
    // WHEN we ask on the Saturday before
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-03-07T12:00:00Z"));
    // THEN the prompt comes at 03:00 EDT that Sunday, not a week later
    assertThat(next).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    // AND the week after is back on 02:00 EDT
    assertThat(due.nextWeeklyPrompt(s, next)).isEqualTo(Instant.parse("2026-03-15T06:00:00Z"));
  }

  @Test
  @DisplayName("A Sunday 01:00 prompt on the fall-back day comes once, at the first 01:00")
  void newYorkSundayInTheOverlap() {
    // GIVEN a member who picked Sunday 01:00; on 2026-11-01 the clock shows 01:00 twice
    MemberSchedule s = sundayAt(NEW_YORK, 1);
    // WHEN we ask on the Saturday before
    Instant first = due.nextWeeklyPrompt(s, Instant.parse("2026-10-31T12:00:00Z"));
    // THEN it is 01:00 EDT (the earlier offset)
    assertThat(first).isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
    // AND asking after it, or during the repeated hour (01:00 EST), never gives the second 01:00
    Instant weekLater = Instant.parse("2026-11-08T06:00:00Z"); // 01:00 EST
    assertThat(due.nextWeeklyPrompt(s, first)).isEqualTo(weekLater);
    assertThat(due.nextWeeklyPrompt(s, Instant.parse("2026-11-01T05:59:59Z"))).isEqualTo(weekLater);
    assertThat(due.nextWeeklyPrompt(s, Instant.parse("2026-11-01T06:00:00Z"))).isEqualTo(weekLater);
  }

  @Test
  @DisplayName("A Friday prompt keeps 15:00 local across the fall-back weekend")
  void newYorkFridayAcrossFallBack() {
    // GIVEN the default schedule
    MemberSchedule s = MemberSchedule.defaults(NEW_YORK);
    // WHEN we ask right after Fri 2026-10-30 15:00 EDT
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-10-30T19:00:00Z"));
    // THEN the next one is Fri 2026-11-06 15:00 EST
    assertThat(next).isEqualTo(Instant.parse("2026-11-06T20:00:00Z"));
  }

  @Test
  @DisplayName("A Sunday 02:00 prompt on the spring-forward day moves to 03:00 CEST")
  void berlinSundayInTheGap() {
    // GIVEN a member in Berlin who picked Sunday 02:00; 2026-03-29 jumps from 02:00 to 03:00
    MemberSchedule s = sundayAt(BERLIN, 2);
    // WHEN we ask on the Saturday before
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-03-28T12:00:00Z"));
    // THEN it is 03:00 CEST that Sunday
    assertThat(next).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    // AND the next is 02:00 CEST a week later
    assertThat(due.nextWeeklyPrompt(s, next)).isEqualTo(Instant.parse("2026-04-05T00:00:00Z"));
  }

  @Test
  @DisplayName("A Sunday 02:00 prompt on the fall-back day comes once, at the CEST 02:00")
  void berlinSundayInTheOverlap() {
    // GIVEN a member in Berlin who picked Sunday 02:00; on 2026-10-25 02:00-03:00 happens twice
    MemberSchedule s = sundayAt(BERLIN, 2);
    // WHEN we ask on the Saturday before
    Instant first = due.nextWeeklyPrompt(s, Instant.parse("2026-10-24T12:00:00Z"));
    // THEN it is 02:00 CEST
    assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
    // AND from then on, including during the second 02:00 (CET), the next is a week later
    Instant weekLater = Instant.parse("2026-11-01T01:00:00Z"); // 02:00 CET
    assertThat(due.nextWeeklyPrompt(s, first)).isEqualTo(weekLater);
    assertThat(due.nextWeeklyPrompt(s, Instant.parse("2026-10-25T01:00:00Z"))).isEqualTo(weekLater);
  }

  @Test
  @DisplayName("A Friday 15:00 prompt keeps 15:00 local on both sides of each Berlin change")
  void berlinFridayAcrossBothChanges() {
    // GIVEN the default Friday 15:00 in Berlin
    MemberSchedule s = MemberSchedule.defaults(BERLIN);
    // WHEN / THEN spring: Fri 2026-03-27 15:00 CET, then Fri 2026-04-03 15:00 CEST
    assertThat(due.nextWeeklyPrompt(s, Instant.parse("2026-03-27T14:00:00Z")))
        .isEqualTo(Instant.parse("2026-04-03T13:00:00Z"));
    // AND autumn: Fri 2026-10-23 15:00 CEST, then Fri 2026-10-30 15:00 CET
    assertThat(due.nextWeeklyPrompt(s, Instant.parse("2026-10-23T13:00:00Z")))
        .isEqualTo(Instant.parse("2026-10-30T14:00:00Z"));
  }

  @Test
  @DisplayName("Chaining prompts through a fall-back week gives exactly one prompt per week")
  void berlinOneAWeekThroughAutumn() {
    // GIVEN a Sunday 02:00 member in Berlin, starting in early October
    MemberSchedule s = sundayAt(BERLIN, 2);
    Instant t = Instant.parse("2026-10-01T00:00:00Z");
    // WHEN we chain six prompts
    List<Instant> prompts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      t = due.nextWeeklyPrompt(s, t);
      prompts.add(t);
    }
    // THEN each is a Sunday 02:00 on Berlin clocks, in six different consecutive weeks
    assertThat(prompts)
        .extracting(p -> p.atZone(BERLIN).toLocalDateTime().toString())
        .containsExactly(
            "2026-10-04T02:00",
            "2026-10-11T02:00",
            "2026-10-18T02:00",
            "2026-10-25T02:00",
            "2026-11-01T02:00",
            "2026-11-08T02:00");
    // AND only the week containing the change is 25 hours longer than 7 days
    assertThat(Duration.between(prompts.get(3), prompts.get(4)))
        .isEqualTo(Duration.ofDays(7).plusHours(1));
  }

  @Test
  @DisplayName("In Kolkata, which has no DST, the prompt stays at 09:30 UTC while others shift")
  void kolkataNeverShifts() {
    // GIVEN the default Friday 15:00 in India (UTC+05:30 all year)
    MemberSchedule s = MemberSchedule.defaults(KOLKATA);
    // WHEN we ask across the US and EU spring changes
    Instant first = due.nextWeeklyPrompt(s, Instant.parse("2026-03-05T00:00:00Z"));
    Instant second = due.nextWeeklyPrompt(s, first);
    Instant afterEu = due.nextWeeklyPrompt(s, Instant.parse("2026-03-29T00:00:00Z"));
    // THEN every prompt is 15:00 IST = 09:30 UTC
    assertThat(first).isEqualTo(Instant.parse("2026-03-06T09:30:00Z"));
    assertThat(second).isEqualTo(Instant.parse("2026-03-13T09:30:00Z"));
    assertThat(afterEu).isEqualTo(Instant.parse("2026-04-03T09:30:00Z"));
  }

  @Test
  @DisplayName("A paused member gets the first prompt at or after the end of the pause")
  void pauseDefersThePrompt() {
    // GIVEN a New York member paused until exactly Fri 2026-03-20 15:00 EDT
    Instant pauseEnd = Instant.parse("2026-03-20T19:00:00Z");
    MemberSchedule s = MemberSchedule.defaults(NEW_YORK).withPausedUntil(pauseEnd);
    // WHEN we ask during the pause
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-03-02T00:00:00Z"));
    // THEN the prompt at the pause's end is kept (at or after, not strictly after)
    assertThat(next).isEqualTo(pauseEnd);
    // AND a pause ending one second later skips to the next Friday
    MemberSchedule later = s.withPausedUntil(pauseEnd.plusSeconds(1));
    assertThat(due.nextWeeklyPrompt(later, Instant.parse("2026-03-02T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-27T19:00:00Z"));
  }

  @Test
  @DisplayName("A pause that ended in the past changes nothing")
  void pastPauseIsIgnored() {
    // GIVEN a pause that ended before the moment we ask about
    MemberSchedule s =
        MemberSchedule.defaults(NEW_YORK).withPausedUntil(Instant.parse("2026-03-01T00:00:00Z"));
    // WHEN we ask exactly at a prompt instant
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-03-06T20:00:00Z"));
    // THEN the next week's prompt comes, strictly after
    assertThat(next).isEqualTo(Instant.parse("2026-03-13T19:00:00Z"));
  }

  @Test
  @DisplayName("A prompt hour the member chose inside quiet hours is still used")
  void chosenHourBeatsQuietHours() {
    // GIVEN a Berlin member who asked for Saturday 21:00 (a quiet weekend evening by default)
    MemberSchedule s = MemberSchedule.defaults(BERLIN).withPrompt(DayOfWeek.SATURDAY, 21);
    // WHEN we ask on a Wednesday
    Instant next = due.nextWeeklyPrompt(s, Instant.parse("2026-06-17T10:00:00Z"));
    // THEN it is that Saturday 21:00 CEST, even though isQuiet says so
    assertThat(next).isEqualTo(Instant.parse("2026-06-20T19:00:00Z"));
    assertThat(due.isQuiet(s, next)).isTrue();
  }

  @Test
  @DisplayName("The ISO week of a prompt is taken on the member's clock")
  void isoWeekPerZone() {
    // GIVEN one instant: Sunday 23:30 in New York, already Monday in Berlin
    Instant t = Instant.parse("2026-03-02T04:30:00Z");
    // WHEN / THEN the keys differ by zone
    assertThat(due.isoWeek(t.atZone(NEW_YORK))).isEqualTo("2026-W09");
    assertThat(due.isoWeek(t.atZone(BERLIN))).isEqualTo("2026-W10");
    assertThat(due.isoWeek(ZonedDateTime.parse("2026-02-23T15:00+01:00[Europe/Berlin]")))
        .isEqualTo("2026-W09");
  }
}
