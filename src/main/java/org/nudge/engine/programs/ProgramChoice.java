package org.nudge.engine.programs;

import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;

/** Which program a lead means: the one named, or the only one there is. */
public final class ProgramChoice {

  private ProgramChoice() {}

  public static Optional<Program> resolve(CommandContext ctx, String name) {
    Member lead = ctx.member();
    if (!name.isEmpty()) {
      return ctx.tx().programs().byName(lead.ref().platform(), lead.ref().workspace(), name);
    }
    List<Program> all = ctx.tx().programs().all(lead.ref().platform(), lead.ref().workspace());
    return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
  }

  /** Why {@link #resolve} found nothing, in one sentence. */
  public static String problem(CommandContext ctx, String name) {
    Member lead = ctx.member();
    if (!name.isEmpty()) {
      return "There's no program called " + name + "; `/nudge program list` shows them.";
    }
    List<Program> all = ctx.tx().programs().all(lead.ref().platform(), lead.ref().workspace());
    return all.isEmpty()
        ? "There's no program yet; create one first with `" + ProgramCommand.createUsage() + "`."
        : "There are " + all.size() + " programs; add the program's name at the end.";
  }
}
