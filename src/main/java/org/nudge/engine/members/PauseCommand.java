package org.nudge.engine.members;

import java.time.Instant;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Reply;
import org.nudge.engine.schedule.Durations;

/**
 * {@code /nudge pause <2w | 2026-12-24>}: holidays and busy spells. Nothing is sent while paused,
 * and the pair's check-in clock stops.
 */
public final class PauseCommand extends DeclaredCommand {

  public static final String NAME = "pause";

  private static final CommandSpec SPEC =
      CommandSpec.of(
              NAME,
              "Pause all my messages for a while, or until a date; your check-in clock stops too.")
          .with(
              Param.text("length", "3d, 2w, 1m or an end date like 2026-08-31")
                  .required()
                  .shown("3d|2w|1m|YYYY-MM-DD"));

  public PauseCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String text = ctx.args().strip();
    if (text.isEmpty()) {
      return ctx.refuse(
          "Say for how long, like `/nudge pause 2w`, or until when, like `/nudge pause 2026-12-24`.");
    }
    Instant until;
    try {
      until = Durations.pauseEnd(text, ctx.member().zone(), ctx.now());
    } catch (IllegalArgumentException e) {
      return ctx.refuse(e.getMessage());
    }
    Instant pausedFrom =
        ctx.member().isPausedAt(ctx.now()) ? ctx.member().pausedUntil() : ctx.now();
    Member paused = ctx.member().withPausedUntil(until);
    ctx.tx().members().update(paused);
    if (until.isAfter(pausedFrom)) {
      // The pair's check-in clock stops while either member is away.
      ctx.services()
          .pairRhythm()
          .shiftForPause(ctx.tx(), paused, java.time.Duration.between(pausedFrom, until));
    }
    ctx.services().pairRhythm().scheduleReflections(ctx.tx(), paused, ctx.now());
    return Reply.text(
        "Paused until "
            + Texts.dayTime(until, ctx.member().zone())
            + ". Enjoy the break; `/nudge resume` brings me back sooner.");
  }
}
