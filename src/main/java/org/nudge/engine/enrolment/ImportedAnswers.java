package org.nudge.engine.enrolment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nudge.engine.domain.Enrolments.Answers;
import org.nudge.engine.domain.Enrolments.Settings;
import org.nudge.engine.prompts.Role;

/**
 * The enrolment rules, for a lead's roster import ({@code engine.imports}): a row's topics,
 * languages and capacity are checked exactly as a member's own answers are.
 */
public final class ImportedAnswers {

  private ImportedAnswers() {}

  /** The answers, or the sentence that says what is wrong with them (exactly one is null). */
  public record Checked(Answers answers, String problem) {}

  public static Checked check(
      Settings settings,
      long memberId,
      Role role,
      String topics,
      String languages,
      String capacity,
      String hope) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(EnrolForm.TOPICS, topics);
    fields.put(EnrolForm.LANGUAGES, languages);
    fields.put(EnrolForm.CAPACITY, capacity);
    fields.put(EnrolForm.HOPE, hope == null ? "" : hope);
    AnswerRules.Result result =
        AnswerRules.read(settings, memberId, role, fields, "topics …; languages en");
    return new Checked(result.answers(), result.problem());
  }
}
