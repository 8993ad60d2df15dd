package org.nudge.engine.members;

import java.util.List;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;

/**
 * {@code /nudge forget-me confirm}: end the member's pairs, then erase what they wrote and who they
 * are, from every table the registry of personal data lists ({@link
 * org.nudge.engine.domain.MemberData}). Asks for confirmation first, because it can't be undone.
 */
public final class ForgetMeCommand extends DeclaredCommand {

  public static final String NAME = "forget-me";
  public static final String CONFIRM = "confirm";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Erase everything you've written and end your pairs.")
          .with(Param.flag("confirm", "Yes, erase it: this can't be undone", CONFIRM));

  public ForgetMeCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    if (!ctx.args().strip().equalsIgnoreCase(CONFIRM)) {
      return Reply.text(
          "This erases your wins, reflections, advice, check-ins, feedback and the goals you"
              + " added, your preferences and the messages I kept for you, ends your pairs, and"
              + " can't be undone. `/nudge export` gives you a copy"
              + " first. To go ahead, type `/nudge forget-me confirm`.");
    }
    Member me = ctx.member();
    List<Pair> ended = ctx.tx().pairs().activeFor(me.id());
    for (Pair pair : ended) {
      ctx.tx().pairs().end(pair.id(), ctx.now());
    }
    ctx.tx().memberData().forget(me);
    // Told after the erasure, and without the name: a message kept in the partner's outbox must
    // not say who asked to be forgotten.
    for (Pair pair : ended) {
      Member partner = ctx.tx().members().byId(pair.partnerOf(me.id())).orElseThrow();
      ctx.services().pairRhythm().scheduleReflections(ctx.tx(), partner, ctx.now());
      String program =
          ctx.tx().programs().byId(pair.programId()).map(p -> " in " + p.name()).orElse("");
      PrivacyGate.of(ctx.tx())
          .sendNow(
              new Outgoing(
                  "pair:" + pair.id() + ":ended:" + partner.id(),
                  new ConversationRef.Direct(partner.ref()),
                  Message.text(
                      "Your mentoring pair"
                          + program
                          + " has ended: your partner asked me to forget them. A program lead"
                          + " can pair you with someone new.")),
              ctx.now());
    }
    return Reply.text("Done: I've erased what you wrote and forgotten you. Take care!");
  }
}
