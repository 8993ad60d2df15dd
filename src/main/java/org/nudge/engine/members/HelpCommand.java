package org.nudge.engine.members;

import java.util.function.Supplier;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandRegistry;
import org.nudge.engine.model.Reply;

/** {@code /nudge help}: every command the member may use, leads' commands only for leads. */
public final class HelpCommand implements CommandHandler {

  public static final String NAME = "help";

  private final Supplier<CommandRegistry> registry;

  public HelpCommand(Supplier<CommandRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String usage() {
    return "/nudge help";
  }

  @Override
  public String description() {
    return "Show what you can do.";
  }

  @Override
  public Reply handle(CommandContext ctx) {
    return Reply.text(text(registry.get(), ctx.membership().isLead(ctx.member())));
  }

  /** The help text; also the answer to anything Nudge doesn't understand. */
  public static String text(CommandRegistry registry, boolean lead) {
    StringBuilder text = new StringBuilder("Here's what I can do:");
    for (CommandHandler c : registry.commands()) {
      if (!c.name().equals("nudge")) {
        text.append("\n• `").append(c.usage()).append("`: ").append(c.description());
      }
    }
    StringBuilder leads = new StringBuilder();
    for (CommandHandler c : registry.nudgeSubcommands()) {
      StringBuilder into = c.leadOnly() ? leads : text;
      into.append("\n• `").append(c.usage()).append("`: ").append(c.description());
    }
    if (lead) {
      text.append("\nFor program leads:").append(leads);
    }
    return text.toString();
  }
}
