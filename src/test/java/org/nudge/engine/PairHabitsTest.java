package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;

@DisplayName("Check-ins, goals and advice")
class PairHabitsTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a check-in is recorded, the partner hears of it, and /checkin shows it later")
  void checkIn() {
    // GIVEN the pair started on Monday 2 March; WHEN they meet two days later
    chat.clock.advance(Duration.ofDays(2));
    String reply = chat.say("alice", "/checkin talked about the roadmap");

    // THEN the next reminder is a cadence (14 days) after the meeting
    assertThat(reply)
        .isEqualTo(
            "Check-in with maria recorded. Next reminder only if you haven't met by Wed 18 Mar.");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .isEqualTo("alice recorded your check-in: talked about the roadmap");
    assertThat(chat.say("maria", "/checkin"))
        .isEqualTo(
            "Your last check-in with alice was on Wed 4 Mar: talked about the roadmap."
                + " Next reminder if you haven't met by Wed 18 Mar.");
  }

  @Test
  @DisplayName("with no check-in yet and the cadence passed, /checkin says it's time to meet")
  void overdue() {
    chat.clock.advance(Duration.ofDays(20));

    assertThat(chat.say("alice", "/checkin"))
        .startsWith("You and maria haven't recorded a check-in yet.")
        .contains("You're due to meet now");
  }

  @Test
  @DisplayName("someone without a pair is told how to get one instead of a check-in")
  void checkInWithoutPair() {
    assertThat(chat.say("sam", "/checkin we met"))
        .startsWith("You're not in a pair yet")
        .endsWith("You typed: /checkin we met");
  }

  @Test
  @DisplayName("goals are added, listed with numbers, and marked done with the partner told")
  void goals() {
    assertThat(chat.say("alice", "/goals")).contains("no goals yet");
    assertThat(chat.say("alice", "/goals add lead a design review"))
        .isEqualTo("Goal 1 added: lead a design review");
    assertThat(chat.say("maria", "/goals add present at the guild"))
        .isEqualTo("Goal 2 added: present at the guild");

    assertThat(chat.say("alice", "/goals done 1")).startsWith("Goal 1 done.");

    assertThat(chat.say("maria", "/goals"))
        .isEqualTo("Your development plan:\n1. ✅ lead a design review\n2. present at the guild");
    assertThat(chat.dmsTo("maria")).singleElement().asString().contains("marked goal 1 done");
  }

  @Test
  @DisplayName("bad /goals input says what to type and changes nothing")
  void badGoals() {
    chat.say("alice", "/goals add one");

    assertThat(chat.say("alice", "/goals done two")).startsWith("Say which goal by its number");
    assertThat(chat.say("alice", "/goals done 7")).startsWith("There's no open goal 7");
    assertThat(chat.say("alice", "/goals remove 1")).startsWith("`/goals` takes `add <goal>`");
    assertThat(chat.say("alice", "/goals add ")).startsWith("Tell me the goal");
    assertThat(chat.say("alice", "/goals done 1")).startsWith("Goal 1 done.");
    assertThat(chat.say("alice", "/goals done 1")).startsWith("There's no open goal 1");
  }

  @Test
  @DisplayName("advice is logged with the day Nudge will ask how it went")
  void advice() {
    assertThat(chat.say("alice", "/advice ask for reviews earlier"))
        .isEqualTo("Noted. Around Mon 9 Mar I'll ask whether you tried it and what happened.");
    assertThat(chat.say("alice", "/nudge export csv"))
        .contains("advice,2026-03-02T09:00:00Z,\"ask for reviews earlier\"");
    assertThat(chat.say("alice", "/advice")).startsWith("Tell me the advice");
  }
}
