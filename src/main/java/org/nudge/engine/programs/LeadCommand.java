package org.nudge.engine.programs;

import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Mentions;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Reply;

/** {@code /nudge lead @user}: a lead appoints another program lead. */
public final class LeadCommand extends DeclaredCommand {

  public static final String NAME = "lead";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Make someone a program lead too.")
          .forLeads()
          .with(Param.user("user", "The new lead").required());

  public LeadCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String word = ctx.args().strip();
    if (!Mentions.isUser(word)) {
      return ctx.refuse("Mention the person, like `/nudge lead @sam`.");
    }
    Member member =
        ctx.membership()
            .ensure(ctx.tx(), ctx.member().ref().sibling(Mentions.userId(word)), ctx.now());
    if (ctx.membership().isLead(member)) {
      return Reply.text(member.displayName() + " is already a program lead.");
    }
    ctx.tx().members().update(member.withLead(true));
    return Reply.text(member.displayName() + " is now a program lead.");
  }
}
