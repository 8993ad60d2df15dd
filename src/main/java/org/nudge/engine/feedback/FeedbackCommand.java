package org.nudge.engine.feedback;

import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Reply;

/** {@code /feedback}: give feedback on the mentoring process any time, not only in a round. */
public final class FeedbackCommand extends DeclaredCommand {

  public static final String NAME = "feedback";

  private static final CommandSpec SPEC =
      CommandSpec.of(
          NAME,
          "Rate the mentoring (1 to 5) with an optional comment, private unless you share it.");

  private final FeedbackPrompts prompts;

  public FeedbackCommand(FeedbackPrompts prompts) {
    super(SPEC);
    this.prompts = prompts;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Optional<Pair> pair = ctx.primaryPair();
    if (pair.isEmpty()) {
      return ctx.refuse(
          "Feedback is about your mentoring pair, and you're not in one yet; a program lead can"
              + " pair you with `/nudge pair`.");
    }
    Prompt prompt = prompts.onDemand(ctx.tx(), pair.get(), ctx.member(), ctx.now()).orElseThrow();
    return Reply.of(
        FeedbackPrompts.message(prompt, prompts.question(pair.get().roleOf(ctx.member().id()), 0)));
  }
}
