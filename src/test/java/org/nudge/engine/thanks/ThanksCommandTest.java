package org.nudge.engine.thanks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.ThanksLog.Thanks;
import org.nudge.testing.Chat;

@DisplayName("Thanking your mentor or mentee")
class ThanksCommandTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a mentee's thanks reaches the mentor in a DM, and nothing reaches the channel")
  void partnerIsTold() {
    // WHEN alice thanks maria for something specific
    String reply = chat.say("alice", "/thanks @maria for walking me through the review");

    // THEN she is told it was passed on, and maria gets it in her DM
    assertThat(reply).isEqualTo("Thank you for saying it: I've passed it on to maria.");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("🙏 alice thanks you: for walking me through the review");
    assertThat(chat.postsIn("mentoring")).isEmpty();
    assertThat(stored("alice"))
        .singleElement()
        .satisfies(t -> assertThat(t.text()).isEqualTo("for walking me through the review"))
        .satisfies(t -> assertThat(t.shared()).isFalse());
  }

  @Test
  @DisplayName("a mentor can thank the mentee too")
  void mentorThanksMentee() {
    chat.say("maria", "/thanks @alice for the sharp questions");

    assertThat(chat.dmsTo("alice"))
        .singleElement()
        .asString()
        .contains("maria thanks you: for the sharp questions");
  }

  @Test
  @DisplayName("--share also celebrates it in the program's channel, and marks it shared")
  void shareGoesToChannel() {
    String reply = chat.say("alice", "/thanks @maria --share for the mock interview");

    assertThat(reply).endsWith("Shared with Spring.");
    assertThat(chat.postsIn("mentoring"))
        .singleElement()
        .asString()
        .contains("🙏 alice thanks maria: for the mock interview")
        .doesNotContain("--share");
    assertThat(chat.dmsTo("maria")).singleElement().asString().contains("for the mock interview");
    assertThat(stored("alice")).singleElement().satisfies(t -> assertThat(t.shared()).isTrue());
  }

  @Test
  @DisplayName("--share where the program has no channel says so, and is not marked shared")
  void shareWithoutChannel() {
    // GIVEN Autumn has no channel
    chat.say("lead", "/nudge program create Autumn");
    chat.say("lead", "/nudge pair @olga @ben Autumn");
    chat.platform.clear();

    // WHEN ben asks to share his thanks
    String reply = chat.say("ben", "/thanks @olga for the RFC review --share");

    // THEN olga is thanked, nothing is posted, and it is kept unshared
    assertThat(reply).contains("passed it on to olga").contains("Autumn has no channel yet");
    assertThat(chat.dmsTo("olga")).singleElement().asString().contains("for the RFC review");
    assertThat(stored("ben")).singleElement().satisfies(t -> assertThat(t.shared()).isFalse());
    // AND a channel added later never shows it
    chat.say("lead", "/nudge program channel Autumn #autumn");
    chat.say("lead", "/nudge digest now Autumn");
    assertThat(chat.postsIn("autumn")).singleElement().asString().doesNotContain("RFC review");
  }

  @Test
  @DisplayName("thanks for anyone but your partner are refused in one sentence, with your text")
  void onlyThePartner() {
    // GIVEN olga mentors ben in another program, and sam is in no pair
    chat.say("lead", "/nudge program create Autumn");
    chat.say("lead", "/nudge pair @olga @ben Autumn");
    chat.say("sam", "/nudge help");
    chat.platform.clear();

    for (String who : List.of("olga", "sam", "nobody")) {
      String reply = chat.say("alice", "/thanks @" + who + " for the tip");

      assertThat(reply)
          .startsWith(
              "I pass thanks only to your mentor or mentee, and you're not in an active pair"
                  + " with them.")
          .endsWith("/thanks <@" + who + "> for the tip");
    }
    assertThat(chat.say("alice", "/thanks @alice for my own patience"))
        .startsWith("Thanks go to someone else: name your mentor or mentee");
    assertThat(chat.say("alice", "/thanks for the tip"))
        .startsWith("Tell me whom you thank, then what for, like `/thanks @maria");
    assertThat(chat.platform.sent()).isEmpty();
    assertThat(stored("alice")).isEmpty();
  }

  @Test
  @DisplayName("an empty or huge thanks is refused, and the huge one echoed back whole")
  void textRules() {
    assertThat(chat.say("alice", "/thanks @maria --share"))
        .startsWith("Tell me the thanks, like `/thanks @maria");

    String text = "x".repeat(3990) + " the end";
    String reply = chat.say("alice", "/thanks @maria " + text);

    assertThat(reply).contains("3,998 characters").contains("under 3,000").endsWith(text);
    assertThat(chat.platform.sent()).isEmpty();
    assertThat(stored("alice")).isEmpty();
  }

  @Test
  @DisplayName("the digest counts the week's thanks as appreciation, never their text")
  void countedInDigest() {
    assertThat(chat.say("lead", "/nudge digest preview"))
        .contains("• Appreciation: no thanks given this week");

    chat.say("alice", "/thanks @maria for the pairing session");
    chat.say("maria", "/thanks @alice for trying the hard task");

    assertThat(chat.say("lead", "/nudge digest preview"))
        .contains("• Appreciation: 2 thank-yous between partners")
        .doesNotContain("pairing session")
        .doesNotContain("hard task");
    chat.say("lead", "/nudge digest now Spring");
    assertThat(chat.postsIn("mentoring"))
        .singleElement()
        .asString()
        .contains("• Appreciation: 2 thank-yous between partners")
        .doesNotContain("pairing session");
  }

  @Test
  @DisplayName("thanks are in the author's export, and forget-me erases those they wrote")
  void exportedAndForgotten() {
    chat.say("alice", "/thanks @maria for the pairing session");
    chat.say("maria", "/thanks @alice for trying the hard task");

    assertThat(chat.say("alice", "/nudge export")).contains("for the pairing session");
    assertThat(chat.say("maria", "/nudge export")).contains("for trying the hard task");

    assertThat(chat.say("alice", "/nudge forget-me confirm")).startsWith("Done:");

    // THEN alice's thanks are gone; maria's words stay hers, in her export
    assertThat(chat.say("maria", "/nudge export"))
        .contains("for trying the hard task")
        .doesNotContain("pairing session");
    assertThat(stored("maria")).singleElement();
  }

  private List<Thanks> stored(String who) {
    return chat.store()
        .inTransaction(
            tx ->
                tx.members()
                    .find(Chat.user(who))
                    .map(m -> tx.thanks().by(m.id()))
                    .orElse(List.of()));
  }
}
