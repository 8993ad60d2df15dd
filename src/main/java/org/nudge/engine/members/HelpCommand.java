package org.nudge.engine.members;

import java.util.List;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Usage;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge help}: every way to use every command the member may use, written from the
 * commands' specs; leads' commands only for leads.
 */
public final class HelpCommand extends DeclaredCommand {

  public static final String NAME = "help";
  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Show what you can do (leads also see theirs).");

  public HelpCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    return Reply.text(text(ctx.commands().specs(), ctx.membership().isLead(ctx.member())));
  }

  /** The help text; also the answer to anything Nudge doesn't understand. */
  public static String text(List<CommandSpec> commands, boolean lead) {
    StringBuilder text = new StringBuilder("Here's what I can do:");
    StringBuilder leads = new StringBuilder();
    for (Usage.Line line : Usage.lines(commands)) {
      (line.leadOnly() ? leads : text)
          .append("\n• `")
          .append(line.usage())
          .append("`: ")
          .append(line.description());
    }
    if (lead) {
      text.append("\nFor program leads:").append(leads);
    }
    return text.toString();
  }
}
