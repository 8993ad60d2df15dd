package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

@DisplayName("Input that could never be stored gets a reason, not \"try again in a minute\"")
class UnstorableInputTest {

  @Test
  @DisplayName("on H2")
  void h2() {
    try (Chat chat = new Chat(TestDatabases.h2Memory())) {
      refusedWithReason(chat);
    }
  }

  @Test
  @DisplayName("on PostgreSQL, which refuses a NUL byte in text")
  void postgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      refusedWithReason(new Chat(schema.database()));
    }
  }

  private static void refusedWithReason(Chat chat) {
    // GIVEN a pair
    chat.withPair();

    // WHEN alice types text with a NUL byte or another control character, in a command, a
    // direct message or a form, or changes her name to one
    String nul = "/advice ask for reviews\u0000 earlier";
    String bell = "/win shipped\u0007 it";

    // THEN each time she is told why and gets her words back; nothing is stored
    assertThat(chat.say("alice", nul))
        .isEqualTo(
            "I can't store that: it contains an invisible control character (U+0000). Please"
                + " send it again without it.\nYou typed: "
                + nul);
    assertThat(chat.say("alice", bell)).contains("(U+0007)").endsWith("You typed: " + bell);
    assertThat(chat.say("alice", "answer\u0001 typed in a DM"))
        .startsWith("I can't store that")
        .endsWith("You wrote: answer\u0001 typed in a DM");
    assertThat(
            chat.send(
                    new Inbound.FormSubmitted(
                        Chat.user("alice"), "reflect:answer", Map.of("answer", "a\u0000b")))
                .message()
                .text())
        .startsWith("I can't store that")
        .endsWith("You wrote: a\u0000b");
    assertThat(chat.say("alice", "/nudge prefs name Al\u0000ice")).startsWith("I can't store that");
    assertThat(chat.say("alice", "/nudge export csv"))
        .contains("(0 entries)")
        .doesNotContain("earlier");

    // AND tabs and line breaks are fine, as are as many #tags as fit in a win
    assertThat(chat.say("alice", "/win line one\n\tline two\r\nline three"))
        .startsWith("Nice one!");
    String tags =
        "/win so many tags "
            + java.util.stream.IntStream.range(100, 400)
                .mapToObj(i -> "#tag" + i)
                .collect(java.util.stream.Collectors.joining(" "));
    assertThat(chat.say("alice", tags)).startsWith("Nice one!");
    assertThat(chat.say("alice", "/nudge export csv")).contains("(2 entries)");
  }
}
