package org.nudge.engine.enrolment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Reply;
import org.nudge.engine.prompts.Role;

/**
 * {@code /nudge join <program> mentor|mentee [topics a, b; languages en, es; capacity 2; hope …]}:
 * enrol for matching. With only the role it opens the form; with the answers typed it saves them at
 * once, for plain chats and scripts. Joining again edits the answers.
 */
public final class JoinCommand implements CommandHandler {

  public static final String NAME = "join";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Enrol in a program for matching, as a mentor or a mentee.")
          .with(
              Param.text("program", "The program's name").required(),
              Param.choice("role", "Mentor or mentee", "mentor", "mentee").required(),
              Param.text("answers", "Or typed: topics a, b; languages en, es; capacity 2")
                  .shown("topics …; languages …"));

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String args = ctx.args().strip();
    List<String> words = List.of(args.split("\\s+"));
    int roleAt = -1;
    for (int i = 1; i < words.size() && roleAt < 0; i++) {
      String w = words.get(i).toLowerCase(Locale.ROOT);
      if (w.equals("mentor") || w.equals("mentee")) {
        roleAt = i;
      }
    }
    if (args.isEmpty() || roleAt < 0) {
      return ctx.refuse(
          "Name the program, then mentor or mentee, like `/nudge join Spring mentee`.");
    }
    String name = String.join(" ", words.subList(0, roleAt));
    Program program =
        ctx.tx()
            .programs()
            .byName(ctx.member().ref().platform(), ctx.member().ref().workspace(), name)
            .orElse(null);
    if (program == null) {
      return ctx.refuse("There's no program called " + name + "; ask a lead for its name.");
    }
    Role role = Role.valueOf(words.get(roleAt).toUpperCase(Locale.ROOT));
    Optional<String> refusal = Enrolling.refusal(ctx.tx(), program, ctx.member());
    if (refusal.isPresent()) {
      return ctx.refuse(refusal.get());
    }
    String rest = String.join(" ", words.subList(roleAt + 1, words.size())).strip();
    if (rest.isEmpty()) {
      return Reply.openForm(
          EnrolForm.of(
              program,
              ctx.tx().enrolments().settings(program.id()),
              role,
              ctx.tx().enrolments().find(program.id(), ctx.member().id())));
    }
    Optional<Map<String, String>> fields = AnswerRules.typed(rest);
    if (fields.isEmpty()) {
      return ctx.refuse(
          "Type the answers as topics, languages"
              + (role == Role.MENTOR ? ", capacity" : "")
              + " and hope, separated by semicolons, like `"
              + Enrolling.example(program, role)
              + "`.");
    }
    return Enrolling.save(
        ctx.tx(), program, ctx.member(), role, fields.get(), ctx.now(), Texts.echo(ctx.command()));
  }
}
