package org.nudge.engine.programs;

import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;

/** {@code /nudge unpair @mentor @mentee}: a lead ends a pair; its history is kept. */
public final class UnpairCommand extends DeclaredCommand {

  public static final String NAME = "unpair";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "End a pair; what they logged is kept.")
          .forLeads()
          .with(
              Param.user("mentor", "The mentor").required(),
              Param.user("mentee", "The mentee").required());

  public UnpairCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Optional<PairMentions> named = PairMentions.read(ctx.args());
    if (named.isEmpty() || !named.get().rest().isEmpty()) {
      return ctx.refuse("Mention the mentor and the mentee, like `/nudge unpair @maria @alice`.");
    }
    Optional<PairMentions.Active> active = named.get().active(ctx);
    if (active.isEmpty()) {
      return ctx.refuse(
          "Those two aren't an active pair (mentor first, then mentee); `/nudge program list`"
              + " shows the pairs.");
    }
    Pair pair = active.get().pair();
    Member mentor = active.get().mentor();
    Member mentee = active.get().mentee();
    ctx.tx().pairs().end(pair.id(), ctx.now());
    ctx.services().pairRhythm().scheduleReflections(ctx.tx(), mentor, ctx.now());
    ctx.services().pairRhythm().scheduleReflections(ctx.tx(), mentee, ctx.now());
    for (Member m : new Member[] {mentor, mentee}) {
      PrivacyGate.of(ctx.tx())
          .sendNow(
              Outgoing.notice(
                      "pair:" + pair.id() + ":ended:" + m.id(),
                      m.ref(),
                      Message.text(
                          "Your mentoring pair with "
                              + ctx.nameOf(pair.partnerOf(m.id()))
                              + " has ended. Thank you for the time you gave it; what you logged"
                              + " stays yours (`/nudge export`)."))
                  .naming(pair.partnerOf(m.id())),
              ctx.now());
    }
    return Reply.text(
        "Ended the pair of "
            + mentor.displayName()
            + " and "
            + mentee.displayName()
            + ". I've let them know.");
  }
}
