package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.testing.Chat;

@DisplayName("Bad input gets one clear sentence and loses nothing")
class BadInputTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("an unknown command names itself, points to help, and echoes the text")
  void unknownCommand() {
    assertThat(chat.say("alice", "/wim fixed the flaky test"))
        .isEqualTo(
            "I don't know the command /wim; `/nudge help` lists what I can do.\n"
                + "You typed: /wim fixed the flaky test");
  }

  @Test
  @DisplayName("an unknown /nudge sub-command points to help and echoes the text")
  void unknownSubcommand() {
    assertThat(chat.say("alice", "/nudge frobnicate now"))
        .isEqualTo(
            "I don't know `/nudge frobnicate`; `/nudge help` lists what I can do.\n"
                + "You typed: /nudge frobnicate now");
  }

  @Test
  @DisplayName("a direct message outside a conversation is answered with help")
  void directText() {
    assertThat(chat.say("alice", "hello?")).contains("Here's what I can do");
  }

  @Test
  @DisplayName("a stale button or form is answered, not crashed on")
  void staleActions() {
    assertThat(
            chat.send(new Inbound.ActionInvoked(Chat.user("alice"), "nope", "1")).message().text())
        .contains("expired");
    assertThat(
            chat.send(new Inbound.FormSubmitted(Chat.user("alice"), "nope", Map.of("a", "b")))
                .message()
                .text())
        .contains("expired");
  }

  @Test
  @DisplayName("every text field refuses 3,001 characters and accepts 3,000")
  void limits() {
    String tooLong = "a".repeat(3001);
    String justRight = "b".repeat(3000);

    for (String command : new String[] {"/win ", "/advice ", "/checkin ", "/goals add "}) {
      assertThat(chat.say("alice", command + tooLong)).contains("3,001 characters");
      assertThat(chat.say("alice", command + justRight)).doesNotContain("characters");
    }
  }

  @Test
  @DisplayName("a program name that is too long or a mention is refused")
  void badProgramNames() {
    assertThat(chat.say("lead", "/nudge program create " + "n".repeat(101)))
        .startsWith("A program name is plain words");
    assertThat(chat.say("lead", "/nudge program create @alice"))
        .startsWith("A program name is plain words");
    assertThat(chat.say("lead", "/nudge program create")).startsWith("Give the program a name");
    assertThat(chat.say("lead", "/nudge program rename x")).startsWith("`/nudge program` takes");
  }
}
