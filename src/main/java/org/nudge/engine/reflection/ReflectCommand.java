package org.nudge.engine.reflection;

import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.model.Reply;

/**
 * {@code /reflect [edit]}: answer this week's reflection now, or change the latest answer.
 * Answering on demand doesn't count towards the weekly message budget.
 */
public final class ReflectCommand extends DeclaredCommand {

  public static final String NAME = "reflect";
  public static final String EDIT = "edit";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Answer this week's reflection now, or edit your latest answer.")
          .with(Param.flag("edit", "Edit your latest answer instead", EDIT));

  private final ReflectionPrompts prompts;

  public ReflectCommand(ReflectionPrompts prompts) {
    super(SPEC);
    this.prompts = prompts;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String args = ctx.args().strip();
    if (args.equalsIgnoreCase(EDIT)) {
      Optional<Reflection> latest = ctx.tx().reflections().latest(ctx.member().id());
      if (latest.isEmpty()) {
        return ctx.refuse("There's no reflection to edit yet; `/reflect` starts this week's.");
      }
      Reflection r = latest.get();
      return Reply.openForm(
          ReflectionFlow.answerForm(
              r.question(), r.answer(), r.nextStep() == null ? "" : r.nextStep()));
    }
    if (!args.isEmpty()) {
      return ctx.refuse("`/reflect` takes nothing, or `edit` to change your latest answer.");
    }
    List<Prompt> open = ctx.tx().prompts().open(ctx.member().id(), ReflectionPrompts.KIND);
    Prompt prompt;
    if (!open.isEmpty()) {
      prompt = open.get(open.size() - 1);
    } else {
      Optional<Prompt> sent =
          prompts.record(ctx.tx(), ctx.member(), ctx.now(), ctx.now(), ctx.now(), false);
      if (sent.isEmpty()) {
        return Reply.text(
            "You've already had this week's reflection. `/reflect edit` changes your answer.");
      }
      prompt = sent.get();
    }
    return Reply.of(ReflectionPrompts.message(prompt));
  }
}
