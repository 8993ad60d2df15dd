package org.nudge.engine.enrolment;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Reply;
import org.nudge.engine.prompts.Role;

/**
 * Enrolment by buttons and the form: a Join button (an invitation in the program's channel, or the
 * wrap-up's "Enrol as a mentor") opens the form, and submitting it saves the answers. Button values
 * and the form's id name the program and role; anyone can send any value, so the program must be in
 * the presser's workspace.
 */
public final class EnrolFlow implements Flow {

  public static final String NAME = "enrol";

  /** A Join button; its value is {@code <program id>:<mentor|mentee>}. */
  public static final String JOIN = NAME + ":" + EnrolForm.VERB;

  @Override
  public String name() {
    return NAME;
  }

  /** The value of a Join button for {@code program} and {@code role}. */
  public static String joinValue(long programId, Role role) {
    return programId + ":" + role.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    if (!verb.equals(EnrolForm.VERB)) {
      return Expired.button();
    }
    Optional<Target> target = Target.parse(turn, value);
    if (target.isEmpty()) {
      return Expired.button();
    }
    Program program = target.get().program();
    Optional<String> refusal = Enrolling.refusal(turn.tx(), program, turn.member());
    if (refusal.isPresent()) {
      return Reply.text(refusal.get());
    }
    return Reply.openForm(
        EnrolForm.of(
            program,
            turn.tx().enrolments().settings(program.id()),
            target.get().role(),
            turn.tx().enrolments().find(program.id(), turn.member().id())));
  }

  @Override
  public Reply onForm(Turn turn, String verb, Map<String, String> values) {
    String prefix = EnrolForm.VERB + ":";
    Optional<Target> target =
        verb.startsWith(prefix)
            ? Target.parse(turn, verb.substring(prefix.length()))
            : Optional.empty();
    if (target.isEmpty()) {
      return Expired.form();
    }
    Program program = target.get().program();
    String youWrote = youWrote(values);
    Optional<String> refusal = Enrolling.refusal(turn.tx(), program, turn.member());
    if (refusal.isPresent()) {
      return Reply.text(refusal.get() + "\n" + youWrote);
    }
    return Enrolling.save(
        turn.tx(), program, turn.member(), target.get().role(), values, turn.now(), youWrote);
  }

  private static String youWrote(Map<String, String> values) {
    StringBuilder text = new StringBuilder("You wrote:");
    for (String field :
        new String[] {EnrolForm.TOPICS, EnrolForm.LANGUAGES, EnrolForm.CAPACITY, EnrolForm.HOPE}) {
      String value = values.getOrDefault(field, "");
      if (!value.isBlank()) {
        text.append(' ').append(field).append(' ').append(value.strip()).append(';');
      }
    }
    return text.toString();
  }

  /** The program and role a button or form names, if the program is in the member's workspace. */
  private record Target(Program program, Role role) {
    static Optional<Target> parse(Turn turn, String value) {
      String[] parts = value == null ? new String[0] : value.split(":");
      if (parts.length != 2) {
        return Optional.empty();
      }
      Role role;
      long id;
      try {
        role = Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
        id = Long.parseLong(parts[0]);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      return turn.tx()
          .programs()
          .byId(id)
          .filter(p -> p.platform().equals(turn.member().ref().platform()))
          .filter(p -> p.workspace().equals(turn.member().ref().workspace()))
          .map(p -> new Target(p, role));
    }
  }
}
