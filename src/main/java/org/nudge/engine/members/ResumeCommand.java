package org.nudge.engine.members;

import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Reply;

/** {@code /nudge resume}: end a pause early. */
public final class ResumeCommand extends DeclaredCommand {

  public static final String NAME = "resume";

  private static final CommandSpec SPEC = CommandSpec.of(NAME, "End a pause now.");

  public ResumeCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    if (!ctx.member().isPausedAt(ctx.now())) {
      return Reply.text("You're not paused, so there's nothing to resume.");
    }
    Member back = ctx.member().withPausedUntil(null);
    ctx.tx().members().update(back);
    // Give back the part of the pause that wasn't used.
    ctx.services()
        .pairRhythm()
        .shiftForPause(
            ctx.tx(), back, java.time.Duration.between(ctx.member().pausedUntil(), ctx.now()));
    ctx.services().pairRhythm().scheduleReflections(ctx.tx(), back, ctx.now());
    return Reply.text("Welcome back! Reminders and reflections are on again.");
  }
}
