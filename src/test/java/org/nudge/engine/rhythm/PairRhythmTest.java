package org.nudge.engine.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.advice.AdviceFlow;
import org.nudge.engine.checkins.CheckInFlow;
import org.nudge.engine.feedback.FeedbackFlow;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

@DisplayName("Check-in reminders, feedback rounds and advice follow-ups")
class PairRhythmTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  /** Weeks go by; both members answer each reflection (with Skip), so Nudge doesn't back off. */
  private void weeksGoBy(int weeks) {
    for (int week = 0; week < weeks; week++) {
      chat.advance(Duration.ofDays(7));
      for (String who : List.of("alice", "maria")) {
        Message last = chat.lastDmTo(who);
        if (last.text().startsWith("🪞")) {
          chat.press(who, "reflect:skip", Chat.button(last, "Skip"));
        }
      }
    }
  }

  private List<Sent> sentStartingWith(String prefix) {
    return chat.platform.sent().stream()
        .filter(s -> s.message().text().startsWith(prefix))
        .toList();
  }

  @Test
  @DisplayName(
      "an overdue pair: the mentee is reminded first with an agenda, the mentor a day later")
  void checkInReminders() {
    chat.say("alice", "/win demoed the parser");
    chat.say("alice", "/goals add run a retro");

    chat.advance(Duration.ofDays(14).plusHours(1));

    // paired Monday 2 March 09:00; 14 days later is Monday 16 March 09:00
    List<Sent> reminders = sentStartingWith("⏰");
    assertThat(reminders)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.at()).isEqualTo(Instant.parse("2026-03-16T09:00:00Z"));
              assertThat(s.message().text())
                  .contains("It's been 14 days since you and maria were paired")
                  .contains("celebrate: demoed the parser")
                  .contains("goal 1: run a retro");
            });
    assertThat(chat.dmsTo("alice")).anyMatch(t -> t.startsWith("⏰"));

    chat.advance(Duration.ofDays(1));
    assertThat(chat.dmsTo("maria")).anyMatch(t -> t.startsWith("⏰ You and alice haven't recorded"));
  }

  @Test
  @DisplayName("a check-in restarts the clock, and 'We met' on a reminder records one")
  void checkInResets() {
    chat.advance(Duration.ofDays(10));
    chat.say("maria", "/checkin roadmap chat");
    chat.advance(Duration.ofDays(10));
    assertThat(sentStartingWith("⏰")).isEmpty();

    chat.advance(Duration.ofDays(5));
    Message reminder = chat.lastDmTo("alice");
    assertThat(reminder.text()).startsWith("⏰");
    Reply met = chat.press("alice", CheckInFlow.MET, Chat.button(reminder, "We met"));
    assertThat(met.message().text()).startsWith("Check-in recorded.");
    assertThat(chat.say("alice", "/checkin")).contains("Your last check-in with maria was on");
  }

  @Test
  @DisplayName("a pair can agree its own cadence with /checkin every")
  void cadence() {
    assertThat(chat.say("alice", "/checkin every weekly"))
        .isEqualTo("You and maria now aim to meet every 7 days. I've told maria.");
    assertThat(chat.say("alice", "/checkin every fortnightly")).startsWith("Cadence must be");

    chat.advance(Duration.ofDays(7).plusHours(1));
    assertThat(sentStartingWith("⏰")).hasSize(1);
  }

  @Test
  @DisplayName(
      "after four weeks both get a feedback round with their own question; sharing is optional")
  void feedbackRound() {
    weeksGoBy(4);
    chat.advance(Duration.ofHours(1));

    List<Sent> rounds = sentStartingWith("💬");
    assertThat(rounds).hasSize(2);
    Message aliceRound =
        chat.platform.sent().stream()
            .filter(s -> s.message().text().startsWith("💬") && s.to().toString().contains("alice"))
            .findFirst()
            .orElseThrow()
            .message();
    Message mariaRound =
        chat.platform.sent().stream()
            .filter(s -> s.message().text().startsWith("💬") && s.to().toString().contains("maria"))
            .findFirst()
            .orElseThrow()
            .message();
    assertThat(aliceRound.text()).isNotEqualTo(mariaRound.text());
    assertThat(aliceRound.actions()).hasSize(5);
    chat.platform.clear();

    Reply rated = chat.press("alice", FeedbackFlow.RATE, Chat.button(aliceRound, "4"));
    assertThat(rated.message().text()).startsWith("Thanks, 4 it is.");
    Reply share = chat.reply("alice", "more time on code reviews please");
    Reply shared = chat.press("alice", FeedbackFlow.SHARE, Chat.button(share.message(), "Share"));

    assertThat(shared.message().text()).startsWith("Shared with maria.");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("4 out of 5")
        .contains("more time on code reviews please");

    Reply again = chat.press("alice", FeedbackFlow.RATE, Chat.button(aliceRound, "5"));
    assertThat(again.message().text()).contains("already given");
  }

  @Test
  @DisplayName("/feedback gives feedback any time; a private rating never reaches the partner")
  void feedbackOnDemand() {
    Reply asked = chat.reply("maria", "/feedback");
    Reply rated = chat.press("maria", FeedbackFlow.RATE, Chat.button(asked.message(), "2"));
    Reply share =
        chat.press("maria", FeedbackFlow.NO_COMMENT, Chat.button(rated.message(), "No comment"));
    chat.press("maria", FeedbackFlow.PRIVATE, Chat.button(share.message(), "Keep"));

    assertThat(chat.dmsTo("alice")).isEmpty();
    assertThat(chat.say("maria", "/nudge export csv")).contains("feedback").contains("rating 2");
    assertThat(chat.say("sam", "/feedback")).startsWith("Feedback is about your mentoring pair");
  }

  @Test
  @DisplayName(
      "a week after /advice: did you try it, what happened, and tell the mentor if you like")
  void adviceFollowUp() {
    chat.say("alice", "/advice ask for reviews earlier");
    chat.advance(Duration.ofDays(7).plusHours(1));

    Message followUp = chat.lastDmTo("alice");
    assertThat(followUp.text())
        .startsWith("🌱 On Mon 2 Mar you noted this advice:")
        .contains("ask for reviews earlier");
    chat.platform.clear();

    assertThat(chat.press("alice", AdviceFlow.TRIED, Chat.button(followUp, "Yes")).message().text())
        .startsWith("Great! What happened?");
    Reply tell = chat.reply("alice", "reviews came back two days sooner");
    chat.press("alice", AdviceFlow.TELL, Chat.button(tell.message(), "Send"));

    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("alice tried your advice")
        .contains("two days sooner");
  }

  @Test
  @DisplayName("'not yet' asks once more a week later, then lets it go")
  void adviceNotYet() {
    chat.say("alice", "/advice read the design book");
    chat.advance(Duration.ofDays(7).plusHours(1));
    Message first = chat.lastDmTo("alice");

    assertThat(
            chat.press("alice", AdviceFlow.NOT_YET, Chat.button(first, "Not yet")).message().text())
        .contains("once more in a week");
    chat.advance(Duration.ofDays(7).plusHours(1));
    Message second = chat.lastDmTo("alice");
    assertThat(second.text()).startsWith("🌱");
    assertThat(
            chat.press("alice", AdviceFlow.NOT_YET, Chat.button(second, "Not yet"))
                .message()
                .text())
        .contains("won't ask about this one again");
  }
}
