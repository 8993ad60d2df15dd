package org.nudge.engine.command;

import java.util.Optional;
import java.util.function.Supplier;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge <sub-command>}: routes to the sub-commands in the registry and enforces which are
 * for leads only.
 */
public final class NudgeCommand implements CommandHandler {

  public static final String NAME = "nudge";

  private final Supplier<CommandRegistry> registry;

  public NudgeCommand(Supplier<CommandRegistry> registry) {
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
    return "Preferences, pauses, your data, and program administration.";
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    String word = words[0].isEmpty() ? "help" : words[0];
    Optional<CommandHandler> sub = registry.get().nudgeSubcommand(word);
    if (sub.isEmpty()) {
      return ctx.refuse("I don't know `/nudge " + word + "`; `/nudge help` lists what I can do.");
    }
    if (sub.get().leadOnly() && !ctx.membership().isLead(ctx.member())) {
      return ctx.refuse(
          "`/nudge " + word + "` is for program leads; ask a lead if you need it done.");
    }
    String rest = words.length > 1 ? words[1] : "";
    return sub.get()
        .handle(
            new CommandContext(
                ctx.tx(), ctx.member(), ctx.command(), rest, ctx.now(), ctx.services()));
  }
}
