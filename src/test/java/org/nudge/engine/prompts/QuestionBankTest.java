package org.nudge.engine.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.schedule.DueTimes;
import org.nudge.engine.schedule.Phase;

class QuestionBankTest {

  private static final Path SHIPPED = Path.of("config/questions.yaml");

  private static QuestionBank yaml(String text) {
    return QuestionBank.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A minimal valid bank; tests replace one part of it to break it in one way. */
  private static final String REFLECTION_OK =
      """
      reflection:
        kickoff:
          any:
            - {id: k1, text: "One?"}
            - {id: k2, text: "Two?"}
        active:
          any:
            - {id: a1, text: "One?"}
            - {id: a2, text: "Two?"}
        waiting:
          any:
            - {id: w1, text: "One?"}
            - {id: w2, text: "Two?"}
        wrap-up:
          any:
            - {id: u1, text: "One?"}
            - {id: u2, text: "Two?"}
      """;

  private static final String REST_OK =
      """
      feedback:
        mentee:
          - {id: f1, text: "Rate?", low: "bad", high: "good", comment: "Why?"}
        mentor:
          - {id: f2, text: "Rate?", low: "bad", high: "good", comment: "Why?"}
      invitation: {id: inv, text: "Mentor others?"}
      """;

  @Test
  @DisplayName("The shipped question bank loads with at least 24 reflection questions")
  void shippedBankLoads() {
    // GIVEN the file we ship, WHEN it is loaded
    QuestionBank bank = QuestionBank.load(SHIPPED);
    // THEN it has enough reflection questions, in every phase, for both roles
    assertThat(bank.reflections()).hasSizeGreaterThanOrEqualTo(24);
    for (Phase phase : Phase.values()) {
      for (Role role : Role.values()) {
        assertThat(bank.reflections(phase, role))
            .as("%s %s", phase, role)
            .hasSizeGreaterThanOrEqualTo(2)
            .allSatisfy(q -> assertThat(q.role().includes(role)).isTrue())
            .allSatisfy(q -> assertThat(q.phase()).isEqualTo(phase));
      }
    }
  }

  @Test
  @DisplayName("The shipped bank has feedback questions for both roles and a wrap-up invitation")
  void shippedFeedbackAndInvitation() {
    QuestionBank bank = QuestionBank.load(SHIPPED);
    assertThat(bank.feedback(Role.MENTEE)).isNotEmpty().allMatch(f -> f.role() == Role.MENTEE);
    assertThat(bank.feedback(Role.MENTOR)).isNotEmpty().allMatch(f -> f.role() == Role.MENTOR);
    assertThat(bank.invitation().phase()).isEqualTo(Phase.WRAP_UP);
    assertThat(bank.invitation().role()).isEqualTo(Audience.MENTEE);
    assertThat(bank.invitation().text()).containsIgnoringCase("mentor someone");
  }

  @Test
  @DisplayName("Rotation never repeats a question two weeks running, even across 2026-W53")
  void rotationNeverRepeats() {
    // GIVEN the shipped bank and a few members
    QuestionBank bank = QuestionBank.load(SHIPPED);
    DueTimes due = new DueTimes();
    ZonedDateTime start = ZonedDateTime.of(2026, 9, 4, 15, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    for (String member : List.of("slack:T1:U1", "slack:T1:U2", "discord:42:7", "")) {
      for (Phase phase : Phase.values()) {
        for (Role role : Role.values()) {
          // WHEN we pick for 30 consecutive Fridays (2026-W36 to 2027-W12)
          List<String> picked = new ArrayList<>();
          for (int week = 0; week < 30; week++) {
            picked.add(bank.pick(phase, role, member, due.isoWeek(start.plusWeeks(week))).id());
          }
          // THEN no two consecutive weeks share a question, and every question comes round
          for (int i = 1; i < picked.size(); i++) {
            assertThat(picked.get(i))
                .as("%s %s %s week %d", member, phase, role, i)
                .isNotEqualTo(picked.get(i - 1));
          }
          assertThat(new HashSet<>(picked))
              .containsExactlyInAnyOrderElementsOf(
                  bank.reflections(phase, role).stream().map(Question::id).toList());
        }
      }
    }
  }

  @Test
  @DisplayName("The same member and week always get the same question; members start apart")
  void rotationIsDeterministic() {
    QuestionBank bank = QuestionBank.load(SHIPPED);
    Question first = bank.pick(Phase.ACTIVE, Role.MENTEE, "slack:T1:U1", "2026-W09");
    assertThat(bank.pick(Phase.ACTIVE, Role.MENTEE, "slack:T1:U1", "2026-W09")).isEqualTo(first);
    Set<String> sameWeek = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      sameWeek.add(bank.pick(Phase.ACTIVE, Role.MENTEE, "slack:T1:U" + i, "2026-W09").id());
    }
    assertThat(sameWeek).hasSizeGreaterThan(1);
  }

  @Test
  @DisplayName("Week numbers run on without a jump from 2026-W53 to 2027-W01")
  void weekNumbersAreConsecutive() {
    assertThat(QuestionBank.weekNumber("2027-W01") - QuestionBank.weekNumber("2026-W53"))
        .isEqualTo(1);
    assertThat(QuestionBank.weekNumber("2026-W01") - QuestionBank.weekNumber("2025-W52"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("A week that is not an ISO week is refused with a sentence")
  void badIsoWeek() {
    QuestionBank bank = QuestionBank.load(SHIPPED);
    for (String week : List.of("2026-9", "2026-W54", "2025-W53", "2026-W00")) {
      assertThatThrownBy(() -> bank.pick(Phase.ACTIVE, Role.MENTOR, "m", week))
          .as(week)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'" + week + "' is not an ISO week like 2026-W09.");
    }
  }

  @Test
  @DisplayName("A minimal bank with only shared questions serves both roles")
  void minimalBank() {
    QuestionBank bank = yaml(REFLECTION_OK + REST_OK);
    assertThat(bank.reflections()).hasSize(8);
    assertThat(bank.reflections(Phase.WRAP_UP, Role.MENTOR))
        .extracting(Question::id)
        .containsExactly("u1", "u2");
  }

  @Test
  @DisplayName("A duplicate id is refused with a sentence naming it")
  void duplicateId() {
    // GIVEN the feedback reuses a reflection id
    String text = REFLECTION_OK + REST_OK.replace("id: f2", "id: k1");
    // WHEN / THEN
    assertThatThrownBy(() -> yaml(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The question id 'k1' is used twice; every question needs its own id.");
  }

  @Test
  @DisplayName("An empty group is refused with a sentence naming the group")
  void emptyGroup() {
    String text = REFLECTION_OK + "    mentor: []\n" + REST_OK;
    assertThatThrownBy(() -> yaml(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The question group reflection.wrap-up.mentor is empty;"
                + " add a question or remove the group.");
  }

  @Test
  @DisplayName("A phase with a single question for a role is refused, as it would repeat weekly")
  void poolOfOne() {
    String text = REFLECTION_OK.replaceAll(" *- \\{id: w2.*\n", "") + REST_OK;
    assertThatThrownBy(() -> yaml(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The question bank has 1 reflection question(s) for a mentee in phase waiting;"
                + " add at least 2 so the weekly question can change.");
  }

  @Test
  @DisplayName("An unknown phase, role or key is refused rather than ignored")
  void unknownNames() {
    assertThatThrownBy(() -> yaml(REFLECTION_OK.replace("waiting:", "paused:") + REST_OK))
        .hasMessage(
            "The question bank has an unknown phase 'paused'; use kickoff, active, waiting or"
                + " wrap-up.");
    assertThatThrownBy(() -> yaml(REFLECTION_OK + REST_OK.replace("mentor:", "lead:")))
        .hasMessage(
            "The question group feedback.lead has an unknown role; use mentee, mentor or any.");
    assertThatThrownBy(() -> yaml(REFLECTION_OK + REST_OK.replace("invitation:", "invitaton:")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The question bank has an unknown key 'invitaton'; check its spelling.");
    assertThatThrownBy(() -> yaml(REFLECTION_OK.replace("k2, text", "k2, txt") + REST_OK))
        .hasMessage(
            "The question bank has an unknown key 'txt' at reflection.kickoff.any[2];"
                + " check its spelling.");
    assertThatThrownBy(() -> yaml("reflection: [1, 2]\n"))
        .hasMessage("The question bank has a value of the wrong kind at reflection.");
    assertThatThrownBy(() -> yaml("reflection: \"unclosed\n"))
        .hasMessageStartingWith("The question bank is not valid YAML near line");
    assertThatThrownBy(() -> yaml(REFLECTION_OK + REST_OK.replace("mentor:", "mentee:")))
        .hasMessageStartingWith("The question bank is not valid YAML near line 21: ")
        .hasMessageContaining("'mentee'");
  }

  @Test
  @DisplayName("A missing text or an id with spaces is refused with a sentence")
  void badEntries() {
    assertThatThrownBy(
            () -> yaml(REFLECTION_OK.replace("text: \"One?\"}", "text: \" \"}") + REST_OK))
        .hasMessage("The question 'k1' has no text.");
    assertThatThrownBy(() -> yaml(REFLECTION_OK.replace("id: k1", "id: Kick Off") + REST_OK))
        .hasMessage(
            "The question id 'Kick Off' may use only lowercase letters, digits and hyphens.");
  }
}
