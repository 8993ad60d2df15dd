package org.nudge.engine.enrolment;

import java.util.Map;
import java.util.Optional;
import org.nudge.engine.domain.Enrolments.Enrolment;
import org.nudge.engine.domain.Enrolments.Settings;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Reply;
import org.nudge.engine.prompts.Role;

/** Saving a member's answers, however they came (typed, a form), and saying what was saved. */
final class Enrolling {

  private Enrolling() {}

  /** Why {@code member} can't enrol in {@code program} now, if they can't. */
  static Optional<String> refusal(Tx tx, Program program, Member member) {
    boolean before = tx.enrolments().find(program.id(), member.id()).isPresent();
    if (!before && !tx.enrolments().settings(program.id()).open()) {
      return Optional.of(
          program.name() + " isn't taking enrolments now; a program lead can tell you when it is.");
    }
    return Optional.empty();
  }

  /** Checks and saves the answers; the reply says what was saved, or what to fix. */
  static Reply save(
      Tx tx,
      Program program,
      Member member,
      Role role,
      Map<String, String> fields,
      java.time.Instant now,
      String youWrote) {
    Settings settings = tx.enrolments().settings(program.id());
    AnswerRules.Result result =
        AnswerRules.read(settings, member.id(), role, fields, example(program, role));
    if (!result.ok()) {
      return Reply.text(result.problem() + "\n" + youWrote);
    }
    boolean before = tx.enrolments().find(program.id(), member.id()).isPresent();
    Enrolment saved = tx.enrolments().enrol(result.answers(), now);
    return Reply.text(describe(program, member, saved, before));
  }

  static String describe(Program program, Member member, Enrolment e, boolean edited) {
    boolean mentor = e.role() == Role.MENTOR;
    StringBuilder text =
        new StringBuilder(edited ? "Updated: you're enrolled in " : "You're enrolled in ")
            .append(program.name())
            .append(mentor ? " as a mentor" : " as a mentee");
    if (!e.answers().topics().isEmpty()) {
      text.append(mentor ? ", offering " : ", seeking ")
          .append(String.join(", ", e.answers().topics()));
    }
    text.append("; you speak ").append(Languages.names(e.answers().languages(), "and"));
    if (mentor) {
      text.append("; up to ")
          .append(e.answers().capacity())
          .append(e.answers().capacity() == 1 ? " mentee" : " mentees")
          .append(" at once");
    }
    text.append(". Your timezone is ")
        .append(member.zone().getId())
        .append(" (`/nudge prefs timezone` changes it). Only program leads and the matching see")
        .append(" your answers. `/nudge join ")
        .append(program.name())
        .append(mentor ? " mentor" : " mentee")
        .append("` again changes them; `/nudge leave ")
        .append(program.name())
        .append("` withdraws.");
    return text.toString();
  }

  static String example(Program program, Role role) {
    return "/nudge join "
        + program.name()
        + (role == Role.MENTOR
            ? " mentor topics career growth; languages en, es; capacity 2"
            : " mentee topics career growth; languages en, es");
  }
}
