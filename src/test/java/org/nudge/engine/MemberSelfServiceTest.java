package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;

@DisplayName("Members managing their own preferences and data")
class MemberSelfServiceTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("preferences are shown, changed one at a time, and validated")
  void prefs() {
    assertThat(chat.say("alice", "/nudge prefs"))
        .isEqualTo(
            "Your preferences: name alice, timezone UTC, reflection on Friday at 15:00,"
                + " quiet 20:00 to 08:00 and on weekends.");

    assertThat(chat.say("alice", "/nudge prefs timezone Asia/Kolkata")).contains("Asia/Kolkata");
    assertThat(chat.say("alice", "/nudge prefs day tue")).contains("reflection on Tuesday");
    assertThat(chat.say("alice", "/nudge prefs time 9")).contains("at 09:00");
    assertThat(chat.say("alice", "/nudge prefs quiet 22-7")).contains("quiet 22:00 to 07:00");
    assertThat(chat.say("alice", "/nudge prefs weekends ok")).contains("weekends ok");
    assertThat(chat.say("alice", "/nudge prefs name Alice K.")).contains("name Alice K.");

    assertThat(chat.say("alice", "/nudge prefs timezone Mars/Olympus"))
        .startsWith("I don't know the timezone Mars/Olympus");
    assertThat(chat.say("alice", "/nudge prefs time 25")).startsWith("Say a whole hour");
    assertThat(chat.say("alice", "/nudge prefs day someday")).startsWith("Say a weekday");
    assertThat(chat.say("alice", "/nudge prefs quiet late")).startsWith("Say quiet hours");
    assertThat(chat.say("alice", "/nudge prefs colour blue"))
        .startsWith("I don't have a setting called colour");
    assertThat(chat.say("alice", "/nudge prefs day")).startsWith("Give a value too");
    assertThat(chat.say("alice", "/nudge prefs"))
        .contains("Asia/Kolkata")
        .contains("Tuesday at 09:00")
        .contains("quiet 22:00 to 07:00");
  }

  @Test
  @DisplayName("a pause runs until a date in the member's zone, and resume ends it early")
  void pauseAndResume() {
    chat.say("alice", "/nudge prefs timezone Europe/Berlin");

    assertThat(chat.say("alice", "/nudge pause 2w"))
        .startsWith("Paused until Mon 16 Mar 10:00 Europe/Berlin.");
    assertThat(chat.say("alice", "/nudge prefs")).contains("Paused until Mon 16 Mar");
    assertThat(chat.say("alice", "/nudge resume")).startsWith("Welcome back!");
    assertThat(chat.say("alice", "/nudge resume")).startsWith("You're not paused");

    assertThat(chat.say("alice", "/nudge pause 2026-04-01"))
        .startsWith("Paused until Wed 1 Apr 00:00 Europe/Berlin.");
    chat.clock.advance(Duration.ofDays(31));
    assertThat(chat.say("alice", "/nudge prefs")).doesNotContain("Paused");
  }

  @Test
  @DisplayName("a pause with a bad length or a past date is refused with an example")
  void badPause() {
    assertThat(chat.say("alice", "/nudge pause")).startsWith("Say for how long");
    assertThat(chat.say("alice", "/nudge pause forever"))
        .endsWith("You typed: /nudge pause forever");
    assertThat(chat.say("alice", "/nudge pause 2020-01-01"))
        .startsWith("2020-01-01 has already begun");
  }

  @Test
  @DisplayName("export gives the member's own entries as JSON and CSV, and nobody else's")
  void export() throws Exception {
    chat.say("alice", "/win shipped \"v2\", finally");
    chat.say("maria", "/win maria's own win");
    chat.say("alice", "/advice pair on hard bugs");

    String reply = chat.say("alice", "/nudge export");
    JsonNode json =
        new ObjectMapper()
            .readTree(reply.substring(reply.indexOf("```\n") + 4, reply.lastIndexOf("\n```")));

    assertThat(json.get("member").asText()).isEqualTo("test:acme:alice");
    assertThat(json.get("entries")).hasSize(2);
    assertThat(json.get("entries").get(0).get("text").asText())
        .isEqualTo("shipped \"v2\", finally");
    assertThat(reply).doesNotContain("maria's own win");
    assertThat(chat.say("alice", "/nudge export csv"))
        .contains("win,2026-03-02T09:00:00Z,\"shipped \"\"v2\"\", finally\",\"\",false");
    assertThat(chat.say("alice", "/nudge export xml"))
        .startsWith("I can export as `json` or `csv`");
  }

  @Test
  @DisplayName("forget-me asks first, then erases what the member wrote and ends their pairs")
  void forgetMe() {
    chat.say("alice", "/win a private win");
    chat.platform.clear();

    assertThat(chat.say("alice", "/nudge forget-me")).contains("/nudge forget-me confirm");
    assertThat(chat.say("alice", "/nudge export")).contains("a private win");

    assertThat(chat.say("alice", "/nudge forget-me confirm")).startsWith("Done:");

    assertThat(chat.dmsTo("maria")).singleElement().asString().contains("has ended");
    assertThat(chat.say("lead", "/nudge program list")).contains("0 pairs");
    // a later message from the same account starts afresh, with nothing remembered
    assertThat(chat.say("alice", "/nudge export")).contains("(0 entries)");
  }

  @Test
  @DisplayName("help lists member commands, and lead commands only for leads")
  void help() {
    String member = chat.say("alice", "/nudge help");
    String lead = chat.say("lead", "/nudge");

    assertThat(member).contains("/win").contains("/nudge pause").doesNotContain("/nudge pair");
    assertThat(lead).contains("For program leads:").contains("/nudge pair @mentor @mentee");
  }
}
