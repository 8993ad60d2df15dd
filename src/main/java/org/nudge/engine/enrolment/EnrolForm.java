package org.nudge.engine.enrolment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nudge.engine.domain.Enrolments.Enrolment;
import org.nudge.engine.domain.Enrolments.Settings;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Form;
import org.nudge.engine.prompts.Role;

/**
 * The enrolment form: a Slack or Discord modal, or {@code :submit} in the console. Its id names the
 * program and the role ({@code enrol:join:<program>:<role>}), so a submission needs no state.
 * Discord allows five fields; this has at most four.
 */
final class EnrolForm {

  static final String TOPICS = "topics";
  static final String LANGUAGES = "languages";
  static final String CAPACITY = "capacity";
  static final String HOPE = "hope";
  static final String VERB = "join";

  private EnrolForm() {}

  static Form of(Program program, Settings settings, Role role, Optional<Enrolment> before) {
    boolean mentor = role == Role.MENTOR;
    List<Form.Field> fields = new ArrayList<>();
    String choose =
        settings.topics().isEmpty() ? "" : " (from: " + String.join(", ", settings.topics()) + ")";
    if (!settings.topics().isEmpty()) {
      fields.add(
          new Form.Field(
              TOPICS,
              // Slack shows the whole list; Discord cuts a label at 45 characters.
              (mentor ? "Topics you offer" : "Topics you seek") + choose,
              false,
              true,
              1000,
              before.map(e -> String.join(", ", e.answers().topics())).orElse("")));
    }
    fields.add(
        new Form.Field(
            LANGUAGES,
            "Languages, like en, es",
            false,
            true,
            200,
            before.map(e -> String.join(", ", e.answers().languages())).orElse("")));
    if (mentor) {
      fields.add(
          new Form.Field(
              CAPACITY,
              "How many mentees at once (1 to 5)",
              false,
              true,
              1,
              before.map(e -> Integer.toString(e.answers().capacity())).orElse("1")));
    }
    fields.add(
        new Form.Field(
            HOPE,
            "What I hope for (only leads see it)",
            true,
            false,
            AnswerRules.MAX_HOPE,
            before.map(e -> e.answers().hope()).orElse("")));
    return new Form(
        id(program.id(), role),
        trim("Join " + program.name(), 24),
        before.isPresent() ? "Save" : "Enrol",
        fields);
  }

  static String id(long programId, Role role) {
    return EnrolFlow.NAME
        + ":"
        + VERB
        + ":"
        + programId
        + ":"
        + role.name().toLowerCase(Locale.ROOT);
  }

  /** Slack and Discord cut a modal's title at 24 characters; Nudge cuts it first, with a mark. */
  private static String trim(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
