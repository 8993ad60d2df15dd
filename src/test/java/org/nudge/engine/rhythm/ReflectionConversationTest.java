package org.nudge.engine.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.testing.Chat;

@DisplayName("The weekly reflection")
class ReflectionConversationTest {

  /** Friday 6 March 2026, 15:00 UTC: the first default prompt time after the pair starts. */
  static final Instant FRIDAY_PROMPT = Instant.parse("2026-03-06T15:00:00Z");

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  private Message waitForPrompt(String who) {
    chat.advance(Duration.between(chat.clock.instant(), FRIDAY_PROMPT));
    return chat.lastDmTo(who);
  }

  @Test
  @DisplayName(
      "arrives on Friday at 15:00 in the member's zone, with answer, skip and later buttons")
  void promptArrives() {
    Message prompt = waitForPrompt("alice");

    assertThat(prompt.text()).startsWith("🪞 Your reflection for this week:");
    assertThat(prompt.actions())
        .extracting(Action::id)
        .containsExactly(ReflectionFlow.ANSWER, ReflectionFlow.SKIP, ReflectionFlow.LATER);
    assertThat(chat.platform.sent())
        .filteredOn(s -> s.message().text().startsWith("🪞"))
        .extracting(s -> s.at())
        .containsOnly(FRIDAY_PROMPT)
        .hasSize(2); // alice and maria
  }

  @Test
  @DisplayName("answered by typing: answer, next step, then shared with the partner on request")
  void answerByTyping() {
    waitForPrompt("alice");
    chat.platform.clear();

    assertThat(chat.say("alice", "I shipped the parser on my own"))
        .startsWith("Thank you. One more: what will you try next?");
    Reply share = chat.reply("alice", "ask for a design review earlier");
    assertThat(share.message().text()).startsWith("Saved. Shall I share this reflection");
    assertThat(chat.dmsTo("maria")).isEmpty();

    Reply shared = chat.press("alice", ReflectionFlow.SHARE, Chat.button(share.message(), "Share"));

    assertThat(shared.message().text()).isEqualTo("Shared with maria.");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("alice shared a reflection with you")
        .contains("I shipped the parser on my own")
        .contains("Next, they'll try: ask for a design review earlier");
  }

  @Test
  @DisplayName("answered in a form, kept private by default: the partner hears nothing")
  void answerInForm() {
    Message prompt = waitForPrompt("alice");
    chat.platform.clear();

    Reply form = chat.press("alice", ReflectionFlow.ANSWER, Chat.button(prompt, "Answer"));
    assertThat(form.form()).isNotNull();
    assertThat(form.form().fields()).extracting(f -> f.id()).containsExactly("answer", "next");

    Reply share =
        chat.send(
            new Inbound.FormSubmitted(
                Chat.user("alice"),
                form.form().id(),
                Map.of("answer", "a private doubt", "next", "talk to maria")));
    Reply kept = chat.press("alice", ReflectionFlow.PRIVATE, Chat.button(share.message(), "Keep"));

    assertThat(kept.message().text()).startsWith("Kept private.");
    assertThat(chat.dmsTo("maria")).isEmpty();
    assertThat(chat.say("alice", "/nudge export"))
        .contains("a private doubt")
        .contains("talk to maria");
  }

  @Test
  @DisplayName("the latest answer can be edited afterwards")
  void edit() {
    waitForPrompt("alice");
    chat.say("alice", "first thoughts");
    chat.press("alice", "reflect:skip-next", "x");
    chat.say("alice", "/nudge help"); // unrelated command in between

    Reply form = chat.reply("alice", "/reflect edit");
    assertThat(form.form().fields().get(0).initial()).isEqualTo("first thoughts");
    Reply done =
        chat.send(
            new Inbound.FormSubmitted(
                Chat.user("alice"), form.form().id(), Map.of("answer", "better thoughts")));

    assertThat(done.message().text()).startsWith("Updated your answer");
    assertThat(chat.say("alice", "/nudge export"))
        .contains("better thoughts")
        .doesNotContain("first thoughts");
  }

  @Test
  @DisplayName("skip closes this week's prompt; remind me tomorrow sends it again a day later")
  void skipAndLater() {
    Message alicePrompt = waitForPrompt("alice");
    Message mariaPrompt = chat.lastDmTo("maria");

    assertThat(
            chat.press("alice", ReflectionFlow.SKIP, Chat.button(alicePrompt, "Skip"))
                .message()
                .text())
        .startsWith("Skipped.");
    assertThat(
            chat.press("alice", ReflectionFlow.ANSWER, Chat.button(alicePrompt, "Answer"))
                .message()
                .text())
        .startsWith("That reflection is closed");

    // Friday 15:00 plus a day is Saturday, a quiet weekend day, so it comes on Monday at 08:00.
    assertThat(
            chat.press("maria", ReflectionFlow.LATER, Chat.button(mariaPrompt, "Remind"))
                .message()
                .text())
        .isEqualTo("I'll ask again Mon 9 Mar 08:00 UTC.");
    chat.platform.clear();
    chat.advance(Duration.ofDays(3));

    // (Monday's digest goes to the program channel and the lead at 09:00; only members' DMs
    // matter here.)
    assertThat(chat.platform.sent())
        .filteredOn(
            s -> s.to() instanceof ConversationRef.Direct d && !d.user().userId().equals("lead"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.at()).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
              assertThat(s.message().text()).isEqualTo(mariaPrompt.text());
            });
  }

  @Test
  @DisplayName("/reflect starts this week's reflection on demand, and says when it's already done")
  void onDemand() {
    Reply prompt = chat.reply("alice", "/reflect");

    assertThat(prompt.message().text()).startsWith("🪞 Your reflection for this week:");
    assertThat(chat.say("alice", "what I learned")).startsWith("Thank you.");
    chat.press("alice", "reflect:skip-next", "x");
    assertThat(chat.say("alice", "/reflect"))
        .startsWith("You've already had this week's reflection");
    assertThat(chat.say("alice", "/reflect later")).startsWith("`/reflect` takes nothing");
  }

  @Test
  @DisplayName("an unanswered prompt expires when the next week's arrives")
  void expiry() {
    Message first = waitForPrompt("alice");
    chat.advance(Duration.ofDays(7));

    Message second = chat.lastDmTo("alice");
    assertThat(second).isNotEqualTo(first);
    assertThat(
            chat.press("alice", ReflectionFlow.ANSWER, Chat.button(first, "Answer"))
                .message()
                .text())
        .startsWith("That reflection is closed");
    assertThat(chat.press("alice", ReflectionFlow.ANSWER, Chat.button(second, "Answer")).form())
        .isNotNull();
  }

  @Test
  @DisplayName("an empty or huge typed answer is refused and echoed, and the prompt stays open")
  void badAnswers() {
    waitForPrompt("alice");

    String huge = "z".repeat(3001);
    assertThat(chat.say("alice", huge)).contains("3,001 characters").endsWith("You wrote: " + huge);
    assertThat(chat.say("alice", "a fine answer")).startsWith("Thank you.");
  }
}
