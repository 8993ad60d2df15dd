package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;

@DisplayName("Logging a win")
class WinConversationTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a mentee's win is logged with its tags and the mentor is told")
  void partnerIsTold() {
    // WHEN alice logs a win with tags
    String reply = chat.say("alice", "/win shipped the parser #backend #Parsing");

    // THEN she is thanked, and maria gets a DM with the win
    assertThat(reply).contains("Win logged (#backend #parsing)").contains("told maria");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("alice logged a win: shipped the parser #backend #Parsing");
    assertThat(chat.postsIn("mentoring")).isEmpty();
  }

  @Test
  @DisplayName("a win with --share is also posted to the program's channel")
  void shareGoesToChannel() {
    String reply = chat.say("alice", "/win gave my first talk --share");

    assertThat(reply).contains("Shared with Spring");
    assertThat(chat.postsIn("mentoring"))
        .singleElement()
        .asString()
        .contains("alice shared a win: gave my first talk")
        .doesNotContain("--share");
  }

  @Test
  @DisplayName("a mentor's win reaches the mentee")
  void mentorWinReachesMentee() {
    chat.say("maria", "/win alice's first review went well");

    assertThat(chat.dmsTo("alice")).singleElement().asString().contains("maria logged a win");
  }

  @Test
  @DisplayName("someone without a pair can still log a win, which stays with them")
  void winWithoutPair() {
    String reply = chat.say("sam", "/win finished the course --share");

    assertThat(reply).contains("Win logged").contains("not in a pair yet");
    assertThat(chat.platform.sent()).isEmpty();
    assertThat(chat.say("sam", "/nudge export")).contains("finished the course");
  }

  @Test
  @DisplayName("sharing in a program without a channel says so instead of losing the win")
  void shareWithoutChannel() {
    chat.say("lead", "/nudge program create Autumn");
    chat.say("lead", "/nudge pair @olga @ben Autumn");

    String reply = chat.say("ben", "/win wrote the RFC --share");

    assertThat(reply).contains("Win logged").contains("Autumn has no channel yet");
    assertThat(chat.say("ben", "/nudge export")).contains("wrote the RFC");
  }

  @Test
  @DisplayName("an empty win is refused with an example, and nothing is stored")
  void emptyWin() {
    String reply = chat.say("alice", "/win   ");

    assertThat(reply).startsWith("Tell me the win, like `/win");
    assertThat(chat.dmsTo("maria")).isEmpty();
    assertThat(chat.say("alice", "/nudge export")).contains("(0 entries)");
  }

  @Test
  @DisplayName("a win of 4,000 characters is refused and echoed back whole so nothing is lost")
  void hugeWin() {
    String text = "x".repeat(3990) + " the end";

    String reply = chat.say("alice", "/win " + text);

    assertThat(reply).contains("3,998 characters").contains("under 3,000");
    assertThat(reply).endsWith("You typed: /win " + text);
    assertThat(chat.dmsTo("maria")).isEmpty();
  }

  @Test
  @DisplayName("emoji count as one character each and survive the round trip")
  void emojiWin() {
    String text = "🎉".repeat(2000) + " shipped 🚀";

    String reply = chat.say("alice", "/win " + text);

    assertThat(reply).contains("Win logged");
    assertThat(chat.dmsTo("maria")).singleElement().asString().contains(text);
  }
}
