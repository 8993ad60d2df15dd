package org.nudge.engine.members;

import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
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
public final class ForgetMeCommand implements CommandHandler {

  public static final String NAME = "forget-me";
  public static final String CONFIRM = "confirm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String usage() {
    return "/nudge forget-me";
  }

  @Override
  public String description() {
    return "Erase everything you've written and end your pairs.";
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
    for (Pair pair : ctx.tx().pairs().activeFor(me.id())) {
      ctx.tx().pairs().end(pair.id(), ctx.now());
      Member partner = ctx.tx().members().byId(pair.partnerOf(me.id())).orElseThrow();
      ctx.services().pairRhythm().scheduleReflections(ctx.tx(), partner, ctx.now());
      PrivacyGate.of(ctx.tx())
          .send(
              new Outgoing(
                  "pair:" + pair.id() + ":ended:" + partner.id(),
                  new ConversationRef.Direct(partner.ref()),
                  Message.text(
                      "Your mentoring pair with "
                          + me.displayName()
                          + " has ended. A program"
                          + " lead can pair you with someone new.")),
              ctx.now(),
              ctx.now());
    }
    ctx.tx().memberData().forget(me);
    ctx.tx().outbox().dropAbout(me.id());
    return Reply.text("Done: I've erased what you wrote and forgotten you. Take care!");
  }
}
