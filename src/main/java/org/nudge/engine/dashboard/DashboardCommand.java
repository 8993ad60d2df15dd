package org.nudge.engine.dashboard;

import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.programs.ProgramChoice;

/**
 * {@code /nudge dashboard [program]}: sends the lead who asks, in a DM, a link to the program's
 * dashboard that works for {@link DashboardLinks#VALID_FOR fifteen minutes}. A DM rather than the
 * reply: a reply in a channel can be seen over a shoulder, and the link is the lead's alone.
 */
public final class DashboardCommand extends DeclaredCommand {

  public static final String NAME = "dashboard";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "A link to a program's dashboard, valid 15 minutes, sent to your DM.")
          .forLeads()
          .with(Param.text("program", "The program, if there are several"));

  private final DashboardLinks links;

  public DashboardCommand(DashboardLinks links) {
    super(SPEC);
    this.links = links;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = ctx.args().strip();
    Optional<Program> program = ProgramChoice.resolve(ctx, name);
    if (program.isEmpty()) {
      return ctx.refuse(
          ProgramChoice.problem(ctx, name) + " For example: `/nudge dashboard Spring`.");
    }
    Program p = program.get();
    String link = links.link(ctx.tx().keyValues(), p.id(), ctx.member().ref(), ctx.now());
    Message dm =
        Message.text(
            "📈 "
                + p.name()
                + "'s dashboard, for you alone (it works for 15 minutes; `/nudge dashboard "
                + p.name()
                + "` gives a fresh one):\n"
                + link);
    PrivacyGate.of(ctx.tx())
        .send(
            new Outgoing(
                "dashboard:" + p.id() + ":" + ctx.member().id() + ":" + ctx.now().toEpochMilli(),
                new ConversationRef.Direct(ctx.member().ref()),
                dm),
            ctx.now(),
            ctx.now());
    return Reply.text("I've sent you a link to " + p.name() + "'s dashboard in a DM.");
  }
}
