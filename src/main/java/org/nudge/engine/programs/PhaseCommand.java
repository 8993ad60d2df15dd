package org.nudge.engine.programs;

import java.util.Arrays;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Reply;
import org.nudge.engine.schedule.Phase;
import org.nudge.engine.wrapup.WrapUpFlow;

/**
 * {@code /nudge phase @mentor @mentee kickoff|active|waiting|wrap-up}: a lead moves a pair to
 * another phase; the cadence tapers with it, and wrap-up sends the wrap-up prompt.
 */
public final class PhaseCommand extends DeclaredCommand {

  public static final String NAME = "phase";

  private static final CommandSpec SPEC =
      CommandSpec.of(
              NAME, "Move a pair to another phase; wrap-up invites the mentee to mentor others.")
          .forLeads()
          .with(
              Param.user("mentor", "The mentor").required(),
              Param.user("mentee", "The mentee").required(),
              Param.choice(
                      "phase",
                      "The new phase",
                      Arrays.stream(Phase.values()).map(Phase::word).toArray(String[]::new))
                  .required());

  private final WrapUpFlow wrapUp;

  public PhaseCommand(WrapUpFlow wrapUp) {
    super(SPEC);
    this.wrapUp = wrapUp;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Optional<PairMentions> named = PairMentions.read(ctx.args());
    if (named.isEmpty() || !named.get().rest().matches("\\S+")) {
      return ctx.refuse(
          "Mention the mentor and the mentee, then the phase, like `/nudge phase @maria @alice"
              + " wrap-up`.");
    }
    Phase phase;
    try {
      phase = Phase.parse(named.get().rest());
    } catch (IllegalArgumentException e) {
      return ctx.refuse(e.getMessage());
    }
    Optional<PairMentions.Active> active = named.get().active(ctx);
    if (active.isEmpty()) {
      return ctx.refuse("Those two aren't an active pair (mentor first, then mentee).");
    }
    Pair pair = active.get().pair();
    Member mentor = active.get().mentor();
    Member mentee = active.get().mentee();
    ctx.tx().pairs().setPhase(pair.id(), phase.word());
    if (phase == Phase.WRAP_UP) {
      wrapUp.send(
          ctx.tx(),
          pair,
          mentee,
          ctx.services().outreach().sendTime(ctx.tx(), mentee, ctx.now(), ctx.now()),
          ctx.now());
    }
    return Reply.text(
        mentor.displayName()
            + " and "
            + mentee.displayName()
            + " are now in the "
            + phase.word()
            + " phase.");
  }
}
