package org.nudge.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleValuesTest {

  @Test
  @DisplayName("Default quiet hours are 20:00 to 08:00 with quiet weekends, wrapping midnight")
  void quietDefaults() {
    QuietHours q = QuietHours.defaults();
    assertThat(q).isEqualTo(new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0), true));
    assertThat(q.wrapsMidnight()).isTrue();
    assertThat(q.covers(LocalTime.of(23, 0))).isTrue();
    assertThat(q.covers(LocalTime.of(12, 0))).isFalse();
  }

  @Test
  @DisplayName("Quiet hours whose start equals their end mean no nightly quiet time")
  void emptyWindow() {
    QuietHours q = new QuietHours(LocalTime.of(9, 0), LocalTime.of(9, 0), false);
    assertThat(q.covers(LocalTime.of(9, 0))).isFalse();
    assertThat(q.covers(LocalTime.of(3, 0))).isFalse();
  }

  @Test
  @DisplayName("Quiet hours without a start are refused")
  void quietNeedsStart() {
    assertThatThrownBy(() -> new QuietHours(null, LocalTime.of(8, 0), true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Quiet hours need a start time, like 20:00.");
  }

  @Test
  @DisplayName("A member's default schedule is Friday 15:00, default quiet hours, not paused")
  void memberDefaults() {
    MemberSchedule s = MemberSchedule.defaults(ZoneId.of("Asia/Kolkata"));
    assertThat(s.promptDay()).isEqualTo(DayOfWeek.FRIDAY);
    assertThat(s.promptHour()).isEqualTo(15);
    assertThat(s.quiet()).isEqualTo(QuietHours.defaults());
    assertThat(s.pausedUntil()).isNull();
  }

  @ParameterizedTest(name = "hour {0}")
  @ValueSource(ints = {-1, 24})
  @DisplayName("A prompt hour outside 0 to 23 is refused with a sentence naming it")
  void hourRange(int hour) {
    assertThatThrownBy(
            () ->
                new MemberSchedule(
                    ZoneId.of("UTC"), DayOfWeek.MONDAY, hour, QuietHours.defaults(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The prompt hour must be between 0 and 23, not " + hour + ".");
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({"weekly, WEEKLY", "Biweekly, BIWEEKLY", "' MONTHLY ', MONTHLY"})
  @DisplayName("Cadence words are read in any case")
  void cadenceParse(String text, Cadence cadence) {
    assertThat(Cadence.parse(text)).isEqualTo(cadence);
  }

  @Test
  @DisplayName("Cadences are one, two and four weeks")
  void cadenceIntervals() {
    assertThat(Cadence.WEEKLY.interval()).isEqualTo(Duration.ofDays(7));
    assertThat(Cadence.BIWEEKLY.interval()).isEqualTo(Duration.ofDays(14));
    assertThat(Cadence.MONTHLY.interval()).isEqualTo(Duration.ofDays(28));
  }

  @Test
  @DisplayName("An unknown cadence word is refused with one sentence naming the choices")
  void cadenceRejects() {
    assertThatThrownBy(() -> Cadence.parse("fortnightly"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cadence must be weekly, biweekly or monthly, not 'fortnightly'.");
    assertThatThrownBy(() -> Cadence.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cadence must be weekly, biweekly or monthly, not ''.");
  }

  @ParameterizedTest(name = "{0} at {1} gives {2} days")
  @CsvSource({
    "KICKOFF, WEEKLY, 7",
    "ACTIVE, WEEKLY, 7",
    "ACTIVE, BIWEEKLY, 14",
    "WAITING, WEEKLY, 28",
    "WAITING, MONTHLY, 28",
    "WRAP_UP, BIWEEKLY, 28",
  })
  @DisplayName("Waiting and wrap-up taper the cadence to at least four weeks")
  void taper(Phase phase, Cadence cadence, long days) {
    assertThat(phase.taper(cadence)).isEqualTo(Duration.ofDays(days));
  }

  @Test
  @DisplayName("A cadence slower than the phase minimum is kept")
  void taperKeepsSlower() {
    assertThat(Phase.WAITING.taper(Duration.ofDays(42))).isEqualTo(Duration.ofDays(42));
  }

  @Test
  @DisplayName("Phase words read from config include wrap-up with a hyphen")
  void phaseParse() {
    assertThat(Phase.parse("wrap-up")).isEqualTo(Phase.WRAP_UP);
    assertThat(Phase.parse("Kickoff")).isEqualTo(Phase.KICKOFF);
    assertThat(Phase.WRAP_UP.word()).isEqualTo("wrap-up");
    assertThatThrownBy(() -> Phase.parse("done"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Phase must be kickoff, active, waiting or wrap-up, not 'done'.");
  }
}
