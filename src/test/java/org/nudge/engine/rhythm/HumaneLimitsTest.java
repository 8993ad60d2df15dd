package org.nudge.engine.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

@DisplayName("Humane limits")
class HumaneLimitsTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  private List<Instant> promptsTo(String who) {
    return chat.platform.sentTo(who).stream()
        .filter(s -> s.message().text().startsWith("🪞"))
        .map(Sent::at)
        .toList();
  }

  @Test
  @DisplayName("nothing reaches a paused member; the prompts come back after the pause")
  void pause() {
    chat.say("alice", "/nudge pause 2w");

    chat.advance(Duration.ofDays(21));

    // paused until Monday 16 March 09:00: the Fridays 6 and 13 March are skipped, the 20th is not
    assertThat(promptsTo("alice")).containsExactly(Instant.parse("2026-03-20T15:00:00Z"));
    assertThat(promptsTo("maria")).hasSize(3);
  }

  @Test
  @DisplayName("a partner's win reaches a paused member only when the pause ends")
  void noticesWaitForPauseEnd() {
    chat.say("maria", "/nudge pause 3d");
    chat.say("alice", "/win shipped it");
    assertThat(chat.dmsTo("maria")).isEmpty();

    chat.advance(Duration.ofDays(3).plusMinutes(15));

    assertThat(chat.platform.sent())
        .filteredOn(s -> s.message().text().contains("shipped it"))
        .singleElement()
        .satisfies(s -> assertThat(s.at()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z")));
  }

  @Test
  @DisplayName("a prompt hour inside quiet hours waits for them to end, and prefs says so")
  void quietHours() {
    assertThat(chat.say("alice", "/nudge prefs time 21")).contains("falls in your quiet time");

    chat.advance(Duration.ofDays(7));

    // Friday 21:00 is quiet, then the weekend: Monday 08:00
    assertThat(promptsTo("alice")).containsExactly(Instant.parse("2026-03-09T08:00:00Z"));
  }

  @Test
  @DisplayName("across every feature, one person gets at most three messages a week")
  void weeklyBudget() {
    for (int i = 1; i <= 4; i++) {
      chat.say("alice", "/advice tip number " + i);
    }

    chat.advance(Duration.ofDays(14));

    List<Sent> toAlice = chat.platform.sentTo("alice");
    // week of 9 March: the four follow-ups and the Friday prompt compete for three places
    long secondWeek =
        toAlice.stream()
            .filter(s -> !s.at().isBefore(Instant.parse("2026-03-09T00:00:00Z")))
            .filter(s -> s.at().isBefore(Instant.parse("2026-03-16T00:00:00Z")))
            .count();
    assertThat(secondWeek).isEqualTo(3);
    assertThat(toAlice).filteredOn(s -> s.message().text().startsWith("🌱")).hasSize(4);
  }

  @Test
  @DisplayName(
      "after three unanswered prompts Nudge backs off to one every two weeks and tells the lead")
  void backOff() {
    chat.say("lead", "/nudge help"); // the lead exists as a member

    chat.advance(Duration.ofDays(27));

    // neither answered, so the lead hears about both, and only that besides the leads' part of
    // the weekly digests: no prompts of their own
    assertThat(chat.dmsTo("lead"))
        .filteredOn(t -> !t.startsWith("*🔒 Spring, for leads only"))
        .hasSize(2)
        .anySatisfy(
            t ->
                assertThat(t)
                    .startsWith("alice hasn't answered the last 3 prompts")
                    .contains("every 14 days"));
    chat.platform.clear();
    chat.advance(Duration.ofDays(28));
    List<Instant> times = chat.platform.sentTo("alice").stream().map(Sent::at).toList();
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofDays(14));
    }
    // answering ends the back-off
    chat.say("alice", "/reflect");
    chat.say("alice", "an answer at last");
    assertThat(
            chat.store()
                .inTransaction(tx -> tx.members().find(Chat.user("alice")))
                .orElseThrow()
                .unansweredInRow())
        .isZero();
  }

  @Test
  @DisplayName("prompts keep 15:00 local across spring-forward in Berlin and New York")
  void daylightSaving() {
    chat.say("alice", "/nudge prefs timezone Europe/Berlin");
    chat.say("maria", "/nudge prefs timezone America/New_York");

    for (int week = 0; week < 5; week++) {
      chat.advance(Duration.ofDays(7));
      for (String who : List.of("alice", "maria")) {
        var last = chat.lastDmTo(who);
        if (last.text().startsWith("🪞")) {
          chat.press(who, "reflect:skip", Chat.button(last, "Skip"));
        }
      }
    }

    assertThat(promptsTo("alice"))
        .allSatisfy(t -> assertThat(t.atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(15))
        .contains(Instant.parse("2026-03-27T14:00:00Z"), Instant.parse("2026-04-03T13:00:00Z"));
    assertThat(promptsTo("maria"))
        .allSatisfy(
            t -> assertThat(t.atZone(ZoneId.of("America/New_York")).getHour()).isEqualTo(15))
        .contains(Instant.parse("2026-03-06T20:00:00Z"), Instant.parse("2026-03-13T19:00:00Z"));
  }
}
