package org.nudge.engine.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.goals.PlanFlow;
import org.nudge.engine.model.Message;
import org.nudge.engine.wrapup.WrapUpFlow;
import org.nudge.testing.Chat;

@DisplayName("Phases, the quarterly plan revisit and wrap-up")
class PhasesTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  private Pair pair() {
    return chat.store()
        .inTransaction(
            tx -> tx.pairs().activeFor(tx.members().find(Chat.user("alice")).orElseThrow().id()))
        .get(0);
  }

  @Test
  @DisplayName(
      "kickoff becomes active at the first check-in, waiting when no goal is open, active again with a new goal")
  void phasesFollowThePair() {
    assertThat(pair().phase()).isEqualTo("kickoff");
    chat.say("alice", "/goals add run a retro");
    chat.say("alice", "/checkin first meeting");
    assertThat(pair().phase()).isEqualTo("active");

    chat.say("alice", "/goals done 1");
    assertThat(pair().phase()).isEqualTo("waiting");
    // waiting relaxes the cadence to a light four-weekly nudge
    chat.say("alice", "/checkin quick update");
    assertThat(chat.say("alice", "/checkin"))
        .contains("Next reminder if you haven't met by Mon 30 Mar");

    chat.say("maria", "/goals add present at the guild");
    assertThat(pair().phase()).isEqualTo("active");
  }

  @Test
  @DisplayName("after a quarter the mentee is asked to revisit the plan, with the goals listed")
  void planRevisit() {
    chat.say("alice", "/goals add lead a design review");
    chat.say("maria", "/goals add write the RFC");
    chat.say("alice", "/goals done 2");

    for (int week = 0; week < 14; week++) {
      chat.advance(Duration.ofDays(7), Duration.ofHours(1));
      for (String who : List.of("alice", "maria")) {
        Message last = chat.lastDmTo(who);
        if (last.text().startsWith("🪞")) {
          chat.press(who, "reflect:skip", Chat.button(last, "Skip"));
        }
      }
    }

    Message revisit =
        chat.platform.sentTo("alice").stream()
            .map(s -> s.message())
            .filter(m -> m.text().startsWith("🧭"))
            .findFirst()
            .orElseThrow();
    assertThat(revisit.text())
        .contains("1. lead a design review")
        .contains("2. ✅ write the RFC")
        .contains("/goals done <number>");
    assertThat(
            chat.press("alice", PlanFlow.STILL_RIGHT, Chat.button(revisit, "Plan still right"))
                .message()
                .text())
        .startsWith("Good to hear.");
    assertThat(chat.platform.sentTo("maria")).noneMatch(s -> s.message().text().startsWith("🧭"));
  }

  @Test
  @DisplayName(
      "wrap-up asks what the mentee will do alone and invites them to mentor; a yes reaches the leads")
  void wrapUp() {
    chat.say("lead", "/nudge help");
    assertThat(chat.say("lead", "/nudge phase @maria @alice wrap-up"))
        .isEqualTo("maria and alice are now in the wrap-up phase.");
    // Monday 09:00 is allowed, so it goes at once
    Message wrap = chat.lastDmTo("alice");
    assertThat(wrap.text()).startsWith("🎓").contains("mentor someone yourself");

    assertThat(
            chat.press("alice", WrapUpFlow.VOLUNTEER, Chat.button(wrap, "I'd like to mentor"))
                .message()
                .text())
        .startsWith("Wonderful!");
    assertThat(chat.dmsTo("lead"))
        .anySatisfy(t -> assertThat(t).contains("alice would like to mentor"));

    assertThat(chat.say("lead", "/nudge phase @maria @alice finished")).startsWith("Phase must be");
    assertThat(chat.say("alice", "/nudge phase @maria @alice active"))
        .contains("is for program leads");
  }

  @Test
  @DisplayName(
      "the volunteer button works only on the presser's own open wrap-up: forged presses reach no"
          + " lead")
  void volunteerNeedsOwnWrapUp() {
    // GIVEN bob, in no wrap-up, who forges a press of the volunteer button with any id
    chat.say("lead", "/nudge pair @olga @bob");
    chat.platform.clear();
    for (String value : new String[] {"1", "999", "x", ""}) {
      assertThat(chat.press("bob", WrapUpFlow.VOLUNTEER, value).message().text())
          .isEqualTo("That button has expired; nothing was changed.");
    }

    // WHEN alice's pair wraps up, and maria presses alice's button
    chat.say("lead", "/nudge phase @maria @alice wrap-up");
    String alicesPrompt = Chat.button(chat.lastDmTo("alice"), "I'd like to mentor");
    assertThat(chat.press("maria", WrapUpFlow.VOLUNTEER, alicesPrompt).message().text())
        .isEqualTo("That button has expired; nothing was changed.");

    // THEN no lead heard of bob or maria, and no one is listed as a volunteer
    assertThat(chat.dmsTo("lead")).isEmpty();
    assertThat(chat.say("lead", "/nudge digest preview")).contains("No one is waiting to mentor");

    // AND alice's own press reaches the leads once, however often she presses
    assertThat(chat.press("alice", WrapUpFlow.VOLUNTEER, alicesPrompt).message().text())
        .startsWith("Wonderful!");
    assertThat(chat.press("alice", WrapUpFlow.VOLUNTEER, alicesPrompt).message().text())
        .isEqualTo("You've already said you'd like to mentor; your program leads know.");
    assertThat(chat.dmsTo("lead"))
        .singleElement()
        .asString()
        .contains("alice would like to mentor");
  }

  @Test
  @DisplayName(
      "a prompt that comes due again in the same week is not sent twice (its key is taken)")
  void idempotentSweep() {
    chat.advance(Duration.ofDays(4).plusHours(6)); // Friday 15:00: both prompts sent
    int before = chat.platform.sent().size();

    // WHEN the sweep runs again, and even when a member's due instant is rewound to that Friday
    chat.sweepNow();
    chat.store()
        .inTransaction(
            tx -> {
              var alice = tx.members().find(Chat.user("alice")).orElseThrow();
              tx.members().setNextPrompt(alice.id(), chat.clock.instant());
              return null;
            });
    chat.sweepNow();

    // THEN nothing new goes out
    assertThat(chat.platform.sent()).hasSize(before);
  }
}
