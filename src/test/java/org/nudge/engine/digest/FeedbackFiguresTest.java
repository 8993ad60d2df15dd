package org.nudge.engine.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

/**
 * Issue 12, item 6: a lead who compares two digests or exports must not learn anyone's rating. With
 * means shown to one decimal from the latest answers, 4.3 from 3 answers and then 3.5 from 4 told
 * the lead the new answer was 1 (3.5 × 4 − 4.33 × 3).
 */
@DisplayName("Feedback figures leads see can't be differenced into anyone's rating")
class FeedbackFiguresTest {

  private static final List<String> MENTORS =
      List.of("maria", "olga", "pete", "quinn", "rosa", "sam", "tara");
  private static final List<String> MENTEES =
      List.of("alice", "bob", "cara", "dina", "eve", "fay", "gus");

  private final Chat chat = new Chat();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void close() {
    chat.close();
  }

  /** What a lead reads of the mentees' feedback in a digest and in an export, side by side. */
  record Figures(String digestLine, JsonNode exported) {}

  @Test
  @DisplayName(
      "one new rating between two digests and two exports changes no figure; three more people"
          + " change it, rounded to a half; answers leaving the window change nothing")
  void cannotBeDifferenced() throws Exception {
    // GIVEN seven pairs, and three mentees who rate the mentoring 5, 4 and 4 in the first week
    chat.say("lead", "/nudge program create Spring #mentoring");
    for (int i = 0; i < MENTORS.size(); i++) {
      chat.say("lead", "/nudge pair @" + MENTORS.get(i) + " @" + MENTEES.get(i));
    }
    rate("alice", 5);
    rate("bob", 4);
    rate("cara", 4);
    until("2026-03-09T10:00:00Z");
    Figures first = figures();
    assertThat(first.digestLine())
        .isEqualTo(
            "• Mentees on the mentoring: about 4.5 / 5 (3 answers in the twelve weeks to Mon 9"
                + " Mar)");
    assertThat(first.exported().path("mean").asDouble()).isEqualTo(4.5); // not 4.33
    assertThat(first.exported().path("answers").asInt()).isEqualTo(3);

    // WHEN exactly one more mentee rates (a 1), and the next week's digest and an export come
    rate("dina", 1);
    assertThat(figures()).isEqualTo(first); // the week is under way
    until("2026-03-16T10:00:00Z");
    Figures second = figures();

    // THEN nothing published changed, so there is nothing to difference
    assertThat(second).isEqualTo(first);
    assertThat(leadsDigests()).hasSize(2);
    assertThat(leadsDigests().get(1)).contains(first.digestLine());

    // WHEN three more people rate (2, 3 and 3) in the week after
    rate("eve", 2);
    rate("fay", 3);
    assertThat(figures()).isEqualTo(first);
    rate("gus", 3);
    until("2026-03-23T10:00:00Z");
    Figures third = figures();

    // THEN the figure changes, rounded to a half: (5 + 4 + 4 + 1 + 2 + 3 + 3) / 7 = 3.14 → 3
    assertThat(third.digestLine())
        .isEqualTo(
            "• Mentees on the mentoring: about 3 / 5 (7 answers in the twelve weeks to Mon 23"
                + " Mar)");
    assertThat(third.exported().path("mean").asDouble()).isEqualTo(3.0);
    assertThat(third.exported().path("answers").asInt()).isEqualTo(7);

    // WHEN every answer has left the twelve weeks and no one answered since
    chat.advance(Duration.ofDays(7 * 13), Duration.ofHours(12));

    // THEN the figure stays as it was, rather than move by what left
    assertThat(figures().digestLine()).isEqualTo(third.digestLine());
  }

  @Test
  @DisplayName("until 3 people have answered in whole weeks, digests and exports show no figure")
  void withheld() throws Exception {
    chat.say("lead", "/nudge program create Spring #mentoring");
    for (int i = 0; i < 3; i++) {
      chat.say("lead", "/nudge pair @" + MENTORS.get(i) + " @" + MENTEES.get(i));
    }
    rate("alice", 5);
    rate("alice", 2);
    rate("bob", 4);
    until("2026-03-09T10:00:00Z");

    Figures figures = figures();

    assertThat(figures.digestLine()).contains("not enough answers yet");
    assertThat(figures.exported().path("mean").isNull()).isTrue();
    assertThat(figures.exported().path("answers").isNull()).isTrue();
  }

  @Test
  @DisplayName(
      "pair health says whether a pair gave feedback, from whole weeks, never which side did")
  void healthDoesNotSayWhoAnswered() {
    chat.withPair();
    rate("alice", 4);

    assertThat(chat.say("lead", "/nudge health @alice"))
        .contains("no feedback in twelve weeks yet");
    chat.advance(Duration.ofDays(7));

    String health = chat.say("lead", "/nudge health @alice");
    assertThat(health)
        .contains("• feedback given in the pair in twelve weeks")
        .doesNotContain("mentee gave")
        .doesNotContain("only the");
    chat.say("lead", "/nudge export program Spring");
    assertThat(chat.lastDmTo("lead").attachments())
        .allSatisfy(
            a -> assertThat(a.content()).doesNotContain("mentee gave").doesNotContain("only the"));
  }

  /** The mentees' line of the latest leads' digest, and their figure in a fresh export. */
  private Figures figures() throws Exception {
    String digest = chat.say("lead", "/nudge digest preview");
    String line =
        digest
            .lines()
            .filter(l -> l.startsWith("• Mentees on the mentoring:"))
            .findFirst()
            .orElseThrow();
    chat.say("lead", "/nudge export program Spring");
    Message export = chat.lastDmTo("lead");
    JsonNode doc = json.readTree(export.attachments().get(1).content());
    return new Figures(line, doc.path("feedback").path("mentee"));
  }

  /** The leads' part of every digest the lead got by DM. */
  private List<String> leadsDigests() {
    return chat.platform.sent().stream()
        .filter(s -> s.to() instanceof ConversationRef.Direct d && d.user().userId().equals("lead"))
        .map(Sent::message)
        .map(Message::text)
        .filter(t -> t.startsWith("*🔒"))
        .toList();
  }

  private void until(String when) {
    chat.advance(Duration.between(chat.clock.instant(), Instant.parse(when)));
  }

  private void rate(String who, int rating) {
    chat.advance(Duration.ofMinutes(1), Duration.ofMinutes(1));
    var asked = chat.reply(who, "/feedback");
    var rated = chat.press(who, "feedback:rate", Chat.button(asked.message(), "" + rating));
    assertThat(rated.message().text()).startsWith("Thanks, " + rating);
    var share = chat.reply(who, "a comment");
    chat.press(who, "feedback:private", Chat.button(share.message(), "Keep private"));
  }
}
