package org.nudge.engine.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.advice.AdviceFlow;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.feedback.FeedbackFlow;
import org.nudge.engine.feedback.FeedbackPrompts;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.testing.Chat;

@DisplayName("Private words in check-in agendas and shares")
class SharesAndAgendasTest {

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  private List<String> remindersTo(String who) {
    return chat.dmsTo(who).stream().filter(t -> t.startsWith("⏰")).toList();
  }

  /** maria mentors alice in Spring (her older pair) and carl in Autumn. */
  private void mariaMentorsAliceAndCarl() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge program create Autumn #autumn");
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.say("lead", "/nudge pair @maria @carl Autumn");
  }

  /** maria mentored alice; a lead ends that pair and pairs alice with dave. */
  private void repairAliceWithDave() {
    chat.say("lead", "/nudge unpair @maria @alice");
    chat.say("lead", "/nudge pair @dave @alice Spring");
    chat.platform.clear();
  }

  @Test
  @DisplayName(
      "a mentor's check-in agenda never lists the mentee's advice, nor advice from before the pair")
  void agendaKeepsAdvicePrivate() {
    // GIVEN (issue 12, item 1) alice logs advice before she is paired, then more within the pair
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("alice", "/advice PRIV from my therapist");
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.say("alice", "/advice PAIR-ADVICE ask for reviews earlier");
    chat.say("maria", "/advice MARIA-ADVICE delegate more");

    // WHEN the pair goes 16 days without a check-in
    chat.advance(Duration.ofDays(16));

    // THEN each reminder lists only its reader's own advice of this pair
    assertThat(remindersTo("maria"))
        .singleElement()
        .asString()
        .contains("how the advice went: MARIA-ADVICE delegate more")
        .doesNotContain("PRIV")
        .doesNotContain("PAIR-ADVICE");
    assertThat(remindersTo("alice"))
        .singleElement()
        .asString()
        .contains("how the advice went: PAIR-ADVICE ask for reviews earlier")
        .doesNotContain("PRIV from my therapist")
        .doesNotContain("MARIA-ADVICE");
  }

  @Test
  @DisplayName("an agenda lists only what belongs to its pair, not what was logged in another")
  void agendaStaysInItsPair() {
    // GIVEN maria mentors alice in Spring and carl in Autumn
    mariaMentorsAliceAndCarl();
    // maria's advice and goal go to her first pair (the oldest); carl adds a goal to theirs
    chat.say("maria", "/advice SPRING-ADVICE pace yourself");
    chat.say("carl", "/goals add AUTUMN-GOAL ship the app");

    chat.advance(Duration.ofDays(16));

    // THEN carl's agenda has his pair's goal; nothing of maria's Spring pair reaches him
    assertThat(remindersTo("carl"))
        .singleElement()
        .asString()
        .contains("AUTUMN-GOAL")
        .doesNotContain("SPRING-ADVICE");
    // maria's two reminders: her advice only in the Spring pair's, the goal only in Autumn's
    assertThat(remindersTo("maria")).hasSize(2);
    assertThat(remindersTo("maria"))
        .filteredOn(t -> t.contains("alice"))
        .singleElement()
        .asString()
        .contains("SPRING-ADVICE")
        .doesNotContain("AUTUMN-GOAL");
    assertThat(remindersTo("maria"))
        .filteredOn(t -> t.contains("carl"))
        .singleElement()
        .asString()
        .contains("AUTUMN-GOAL")
        .doesNotContain("SPRING-ADVICE");
  }

  @Test
  @DisplayName(
      "a reflection written with maria, shared after alice was re-paired with dave, reaches nobody")
  void reflectionShareFollowsItsPair() {
    chat.withPair();
    // GIVEN alice answers a reflection while paired with maria
    chat.reply("alice", "/reflect");
    chat.reply("alice", "REFL-OLD what I learned");
    Reply ask = chat.reply("alice", "NEXT-OLD ask for feedback");
    String share = Chat.button(ask.message(), "Share with maria");

    // WHEN she is re-paired with dave and then presses "Share with maria"
    repairAliceWithDave();
    Reply shared = chat.press("alice", ReflectionFlow.SHARE, share);

    // THEN she is told why nothing was sent, and nobody got the reflection
    assertThat(shared.message().text())
        .isEqualTo("Your pair with maria has ended, so I haven't shared it with anyone.");
    assertThat(chat.platform.sent()).isEmpty();
  }

  @Test
  @DisplayName("a reflection's share button names the partner of the pair it was written in")
  void reflectionShareGoesToItsPair() {
    // GIVEN maria mentors alice (Spring) and carl (Autumn); a reflection of maria's carl pair
    mariaMentorsAliceAndCarl();
    chat.platform.clear();
    long carlPair = pairOf("carl").id();
    chat.store()
        .inTransaction(
            tx ->
                tx.reflections()
                    .add(
                        new Reflection(
                            0,
                            chat.memberId("maria"),
                            carlPair,
                            "2026-W10",
                            "q",
                            "Q?",
                            "REFL-CARL",
                            null,
                            false,
                            chat.clock.instant(),
                            chat.clock.instant())));
    long reflection =
        chat.store()
            .inTransaction(tx -> tx.reflections().latest(chat.memberId("maria")))
            .orElseThrow()
            .id();

    // WHEN maria presses Share on it
    Reply shared = chat.press("maria", ReflectionFlow.SHARE, Long.toString(reflection));

    // THEN it goes to carl, never to alice
    assertThat(shared.message().text()).isEqualTo("Shared with carl.");
    assertThat(chat.dmsTo("carl")).singleElement().asString().contains("REFL-CARL");
    assertThat(chat.dmsTo("alice")).isEmpty();
  }

  @Test
  @DisplayName("an advice outcome is sent only to the partner of the pair the advice was logged in")
  void adviceOutcomeFollowsItsPair() {
    chat.withPair();
    // GIVEN alice logs advice while paired with maria, and is re-paired with dave
    chat.say("alice", "/advice ADV-OLD pair on hard bugs");
    repairAliceWithDave();

    // WHEN the follow-up comes and she reports what happened
    chat.advance(Duration.ofDays(8));
    Message followUp = chat.lastDmTo("alice");
    assertThat(followUp.text()).contains("ADV-OLD");
    chat.press("alice", AdviceFlow.TRIED, Chat.button(followUp, "Yes"));
    Reply noted = chat.reply("alice", "OUT-OLD it worked");

    // THEN nothing is offered or sent to dave, and she is told why
    assertThat(noted.message().text())
        .isEqualTo(
            "Noted. Your pair with maria has ended, so I haven't sent it to anyone; it stays"
                + " with you. Well done for trying it.");
    assertThat(noted.message().actions()).isEmpty();
    assertThat(chat.dmsTo("dave")).noneMatch(t -> t.contains("ADV-OLD") || t.contains("OUT-OLD"));
    assertThat(chat.dmsTo("maria")).isEmpty();
  }

  @Test
  @DisplayName("'Send to maria' pressed after the pair ended sends nothing, to anyone")
  void adviceSendAfterThePairEnded() {
    chat.withPair();
    chat.say("alice", "/advice ADV-1 pair on hard bugs");
    chat.advance(Duration.ofDays(8));
    chat.press("alice", AdviceFlow.TRIED, Chat.button(chat.lastDmTo("alice"), "Yes"));
    Reply ask = chat.reply("alice", "OUT-1 it worked");
    String send = Chat.button(ask.message(), "Send to maria");

    repairAliceWithDave();
    Reply sent = chat.press("alice", AdviceFlow.TELL, send);

    assertThat(sent.message().text())
        .isEqualTo(
            "Your pair with maria has ended, so I haven't sent it to anyone; it stays with you.");
    assertThat(chat.platform.sent()).isEmpty();
  }

  @Test
  @DisplayName("advice logged before any pair is never offered to a mentor")
  void adviceFromBeforeThePair() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("alice", "/advice ADV-EARLY from my therapist");
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.advance(Duration.ofDays(8));
    Message followUp =
        chat.platform.sentTo("alice").stream()
            .map(s -> s.message())
            .filter(m -> m.text().contains("ADV-EARLY"))
            .findFirst()
            .orElseThrow();
    chat.press("alice", AdviceFlow.TRIED, Chat.button(followUp, "Yes"));

    Reply noted = chat.reply("alice", "OUT-EARLY it helped");

    assertThat(noted.message().text())
        .isEqualTo(
            "Noted. You logged this advice outside a pair, so it stays with you. Well done for"
                + " trying it.");
    assertThat(chat.dmsTo("maria")).noneMatch(t -> t.contains("EARLY"));
  }

  @Test
  @DisplayName(
      "a member in two pairs shares feedback with the partner the button names, the one it's about")
  void feedbackShareInTwoPairs() {
    // GIVEN maria mentors alice (Spring, her older pair) and carl (Autumn)
    mariaMentorsAliceAndCarl();
    long carlPair = pairOf("carl").id();
    // WHEN the four-weekly feedback round comes and maria rates her mentoring of carl
    chat.advance(Duration.ofDays(29));
    Prompt round =
        chat
            .store()
            .inTransaction(tx -> tx.prompts().open(chat.memberId("maria"), FeedbackPrompts.KIND))
            .stream()
            .filter(p -> p.pairId() == carlPair)
            .findFirst()
            .orElseThrow();
    chat.platform.clear();
    chat.press("maria", FeedbackFlow.RATE, round.id() + ":4");
    Reply ask = chat.reply("maria", "FB-CARL we should meet more often");

    // THEN the button names carl, and the comment reaches carl and not alice
    Reply shared =
        chat.press("maria", FeedbackFlow.SHARE, Chat.button(ask.message(), "Share with carl"));
    assertThat(shared.message().text()).startsWith("Shared with carl.");
    assertThat(chat.dmsTo("carl")).singleElement().asString().contains("FB-CARL");
    assertThat(chat.dmsTo("alice")).isEmpty();
  }

  @Test
  @DisplayName("feedback shared after its pair ended reaches nobody, and the member is told why")
  void feedbackShareAfterThePairEnded() {
    chat.withPair();
    Reply rating = chat.reply("alice", "/feedback");
    chat.press("alice", FeedbackFlow.RATE, Chat.button(rating.message(), "4"));
    Reply ask = chat.reply("alice", "FB-OLD more pairing please");
    String share = Chat.button(ask.message(), "Share with maria");

    repairAliceWithDave();
    Reply shared = chat.press("alice", FeedbackFlow.SHARE, share);

    assertThat(shared.message().text())
        .isEqualTo(
            "Your pair with maria has ended, so I haven't shared it with anyone. Thank you all"
                + " the same.");
    assertThat(chat.platform.sent()).isEmpty();
  }

  private Pair pairOf(String who) {
    return chat.store().inTransaction(tx -> tx.pairs().activeFor(chat.memberId(who)).get(0));
  }
}
