package org.nudge.engine.enrolment;

import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge leave <program>}: withdraw an enrolment, answers and all. A pair already made stays
 * (ending it is {@code /nudge unpair}, a lead's step).
 */
public final class LeaveCommand implements CommandHandler {

  public static final String NAME = "leave";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Withdraw your enrolment in a program.")
          .with(Param.text("program", "The program's name").required());

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = ctx.args().strip();
    if (name.isEmpty()) {
      return ctx.refuse("Name the program you leave, like `/nudge leave Spring`.");
    }
    Program program =
        ctx.tx()
            .programs()
            .byName(ctx.member().ref().platform(), ctx.member().ref().workspace(), name)
            .orElse(null);
    if (program == null || !ctx.tx().enrolments().leave(program.id(), ctx.member().id())) {
      return ctx.refuse("You aren't enrolled in " + name + ", so there's nothing to withdraw.");
    }
    return Reply.text(
        "You've left "
            + program.name()
            + "'s matching; your answers are deleted. A pair you're already in stays.");
  }
}
