package org.nudge.engine.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

@DisplayName("Restarts and downtime")
class RestartTest {

  @TempDir Path dir;

  private Chat open() {
    return new Chat(TestDatabases.h2File(dir.resolve("nudge")));
  }

  @Test
  @DisplayName("a new process on the same H2 file continues a reflection mid-conversation")
  void restartMidConversation() {
    Instant at;
    try (Chat before = open().withPair()) {
      before.advance(
          Duration.between(before.clock.instant(), ReflectionConversationTest.FRIDAY_PROMPT));
      assertThat(before.say("alice", "what I learned before the restart")).startsWith("Thank you.");
      at = before.clock.instant();
    }

    try (Chat after = open()) {
      after.clock.set(at.plusSeconds(60));
      var share = after.reply("alice", "what I'll try after it");
      assertThat(share.message().text()).startsWith("Saved. Shall I share");

      after.press("alice", ReflectionFlow.SHARE, Chat.button(share.message(), "Share"));

      assertThat(after.dmsTo("maria"))
          .singleElement()
          .asString()
          .contains("what I learned before the restart")
          .contains("what I'll try after it");
    }
  }

  @Test
  @DisplayName("a prompt that came due during downtime is sent on start when inside the window")
  void catchUpInsideWindow() {
    try (Chat chat = open().withPair()) {
      // Nudge was down from Friday 14:00 until 22:00: 7 hours late is inside the 12-hour window...
      chat.advance(Duration.between(chat.clock.instant(), Instant.parse("2026-03-06T14:00:00Z")));
      chat.clock.set(Instant.parse("2026-03-06T22:00:00Z"));

      // ...but 22:00 is quiet, so it goes at 08:00 on Monday (the weekend is quiet too).
      chat.advance(Duration.ofHours(1));
      assertThat(chat.dmsTo("alice")).isEmpty();
      chat.advance(Duration.ofDays(3).minusHours(1));
      assertThat(chat.platform.sent())
          .filteredOn(s -> s.message().text().startsWith("🪞"))
          .extracting(s -> s.at())
          .containsOnly(Instant.parse("2026-03-09T08:00:00Z"));
    }
  }

  @Test
  @DisplayName(
      "a prompt more than the window late is recorded as missed, not sent, and the next one comes")
  void missedOutsideWindow() {
    try (Chat chat = open().withPair()) {
      chat.advance(Duration.between(chat.clock.instant(), Instant.parse("2026-03-06T14:00:00Z")));
      // Down until Saturday 09:00: 18 hours late.
      chat.clock.set(Instant.parse("2026-03-07T09:00:00Z"));
      chat.advance(Duration.ofMinutes(15));
      assertThat(chat.dmsTo("alice")).isEmpty();

      long missed =
          chat.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT COUNT(*) FROM prompt WHERE status = 'missed' AND kind = 'reflection'")
                          .mapTo(Long.class)
                          .one());
      assertThat(missed).isEqualTo(2);

      chat.advance(Duration.ofDays(7).minusMinutes(15));
      assertThat(chat.platform.sent())
          .filteredOn(s -> s.message().text().startsWith("🪞"))
          .extracting(s -> s.at())
          .containsOnly(Instant.parse("2026-03-13T15:00:00Z"));
    }
  }

  @Test
  @DisplayName("a message queued before a crash is delivered once after restart, never twice")
  void outboxSurvivesRestart() {
    try (Chat before = open().withPair()) {
      before.say("alice", "/nudge prefs name Alice");
      // queue a partner notice without delivering it, as if the process died before sending
      before.engine().handle(Chat.inbound(Chat.user("alice"), "/win before the crash"));
    }
    try (Chat after = open()) {
      after.dispatcher().drain();
      after.dispatcher().drain();
      assertThat(after.dmsTo("maria")).singleElement().asString().contains("before the crash");
    }
  }
}
