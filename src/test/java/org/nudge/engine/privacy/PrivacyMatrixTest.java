package org.nudge.engine.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.privacy.PrivacyMatrix.Marker;
import org.nudge.engine.privacy.PrivacyMatrix.Sighting;
import org.nudge.testing.PrivacyRefusals;

@DisplayName("The privacy matrix: a quarter of two programs, and who saw whose words")
class PrivacyMatrixTest {

  @Test
  @DisplayName(
      "every private word reaches only its author and, when shared, the partner of its own pair")
  void privateWordsReachOnlyWhomTheirAuthorChose() {
    try (PrivacyMatrix matrix = new PrivacyMatrix().run()) {
      // THEN no one saw a marker they may not read, in any DM, post, reply or exported file
      assertThat(matrix.sightings.stream().filter(s -> !s.allowed()).toList()).isEmpty();

      // ... every private kind was written, and seen by its author (replies, exports, follow-ups)
      Map<String, Long> kinds =
          matrix.markers.values().stream()
              .collect(Collectors.groupingBy(m -> m.kind, Collectors.counting()));
      assertThat(kinds.keySet())
          .containsExactlyInAnyOrder(
              "REFL", "NEXT", "ADV", "OUT", "FB", "NOTE", "GOAL", "WIN", "THANKS");
      Map<String, Marker> byText =
          matrix.markers.values().stream()
              .collect(Collectors.toMap(m -> m.text, Function.identity()));
      for (String kind : kinds.keySet()) {
        assertThat(matrix.sightings)
            .as("a %s seen by its author", kind)
            .anyMatch(s -> byText.get(s.marker()).kind.equals(kind) && isAuthor(byText, s));
        // ... and, shared, by the partner of its pair: the share path was exercised too
        assertThat(matrix.sightings)
            .as("a %s seen by a partner", kind)
            .anyMatch(s -> byText.get(s.marker()).kind.equals(kind) && !isAuthor(byText, s));
      }
      // ... exports and digests were looked at
      assertThat(matrix.sightings).anyMatch(s -> s.where().startsWith("reply to /nudge"));
      assertThat(matrix.sightings).anyMatch(s -> s.where().startsWith("post"));

      // ... shares of entries from alice's pair with maria, pressed after she was re-paired with
      // dave, reached nobody, and she was told why
      assertThat(matrix.pairEndedReplies)
          .hasSize(3)
          .allMatch(reply -> reply.startsWith("Your pair with maria has ended, so I haven't"));

      // ... every outbox row carrying private words declared them, so the gate checked them;
      // the gate refused nothing (PrivacyRefusals would fail this test otherwise)
      assertThat(matrix.undeclared).isEmpty();
      assertThat(PrivacyRefusals.take()).isEmpty();

      // ... and forget-me left none of carl's private words in the outbox, queued or sent
      assertThat(matrix.leftAfterForgetting).isEmpty();
      assertThat(matrix.outboxPayloads().values())
          .flatMap(PrivacyMatrix::markersIn)
          .map(byText::get)
          .noneMatch(m -> m.author.equals("carl") && m.isPrivateKind());
    }
  }

  @Test
  @DisplayName(
      "with pair spaces, no private word reaches a space: both of its members read every message"
          + " there")
  void privateWordsNeverReachASpace() {
    try (PrivacyMatrix matrix = new PrivacyMatrix(true).run()) {
      // THEN Autumn's pairs got messages in their spaces (welcomes, reminders with agendas)
      assertThat(matrix.spacePosts).isPositive();
      assertThat(matrix.sightings).anyMatch(s -> s.where().startsWith("space"));
      // AND no one saw a marker they may not read, in a space or anywhere else: a space's
      // message counts as seen by both of its members
      assertThat(matrix.sightings.stream().filter(s -> !s.allowed()).toList()).isEmpty();
      assertThat(matrix.undeclared).isEmpty();
      assertThat(PrivacyRefusals.take()).isEmpty();
    }
  }

  private static boolean isAuthor(Map<String, Marker> byText, Sighting s) {
    return byText.get(s.marker()).author.equals(s.reader());
  }
}
