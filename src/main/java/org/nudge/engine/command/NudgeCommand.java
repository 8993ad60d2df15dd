package org.nudge.engine.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge <sub-command>}: the umbrella for everything that isn't a habit of its own. It holds
 * its sub-commands, routes to them, and enforces which are for leads only; its spec lists theirs.
 */
public final class NudgeCommand implements CommandHandler {

  public static final String NAME = "nudge";
  private static final String HELP = "help";

  private final Map<String, CommandHandler> subcommands = new LinkedHashMap<>();
  private final CommandSpec spec;

  public NudgeCommand(List<CommandHandler> subcommands) {
    subcommands.forEach(s -> this.subcommands.put(s.spec().name(), s));
    // Built from the sub-commands' own specs, which also refuses two with one name.
    this.spec =
        CommandSpec.of(NAME, "Preferences, pauses, your data, and program administration.")
            .withSubs(subcommands.stream().map(CommandHandler::spec).toList());
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    String word = words[0].isEmpty() ? HELP : words[0];
    CommandHandler sub = subcommands.get(word.toLowerCase(Locale.ROOT));
    if (sub == null) {
      return ctx.refuse("I don't know `/nudge " + word + "`; `/nudge help` lists what I can do.");
    }
    if (sub.spec().leadOnly() && !ctx.membership().isLead(ctx.member())) {
      return ctx.refuse(
          "`/nudge " + word + "` is for program leads; ask a lead if you need it done.");
    }
    return sub.handle(ctx.sub(sub.spec().name(), words.length > 1 ? words[1] : ""));
  }
}
