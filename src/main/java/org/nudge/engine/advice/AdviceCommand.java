package org.nudge.engine.advice;

import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Reply;

/**
 * {@code /advice <text>}: log advice received. Acting on advice and reporting back is the step most
 * people miss, so a follow-up later asks what happened.
 */
public final class AdviceCommand extends DeclaredCommand {

  public static final String NAME = "advice";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Log advice you received; later I'll ask whether you tried it.")
          .with(Param.text("text", "The advice you received").required().shown("the advice"));

  public AdviceCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String text = ctx.args().strip();
    Optional<String> problem =
        TextRules.problem(
            text, ctx.settings().maxTextLength(), "advice", "/advice ask for review earlier");
    if (problem.isPresent()) {
      return ctx.refuse(problem.get());
    }
    Instant followUp = ctx.now().plus(ctx.settings().adviceFollowUp());
    ctx.tx()
        .advice()
        .add(
            ctx.member().id(),
            ctx.primaryPair().map(Pair::id).orElse(null),
            text,
            followUp,
            ctx.now());
    return Reply.text(
        "Noted. Around "
            + Texts.day(followUp, ctx.member().zone())
            + " I'll ask whether you tried it and what happened.");
  }
}
