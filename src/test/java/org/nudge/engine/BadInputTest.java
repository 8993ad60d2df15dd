package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  @DisplayName(
      "a button or form that leads nowhere gets one sentence, the same from every flow, and"
          + " changes nothing")
  void staleActions() {
    // GIVEN every flow there is, and an id no flow owns
    List<String> prefixes = new ArrayList<>();
    Features.create(EngineSettings.defaults(Set.of()), Chat.QUESTIONS, Directory.none())
        .flows()
        .forEach(flow -> prefixes.add(flow.name() + ":"));
    prefixes.add("nope:");
    prefixes.add("nope");

    for (String prefix : prefixes) {
      // WHEN alice presses a button or submits a form that none of them offers (any more)
      String button =
          chat.send(new Inbound.ActionInvoked(Chat.user("alice"), prefix + "gone", "1"))
              .message()
              .text();
      String form =
          chat.send(
                  new Inbound.FormSubmitted(
                      Chat.user("alice"), prefix + "gone", Map.of("answer", "kept")))
              .message()
              .text();

      // THEN she hears the same sentence whichever flow it named
      assertThat(button).as(prefix).isEqualTo("That button has expired; nothing was changed.");
      assertThat(form).as(prefix).isEqualTo("That form has expired; nothing was saved.");
    }
    // AND nothing was sent to anyone, nor saved
    assertThat(chat.platform.sent()).isEmpty();
    assertThat(chat.say("alice", "/nudge export")).doesNotContain("kept");
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
