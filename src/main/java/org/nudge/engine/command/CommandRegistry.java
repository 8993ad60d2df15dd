package org.nudge.engine.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The slash commands and the {@code /nudge} sub-commands, looked up by the word typed. */
public final class CommandRegistry {

  private final Map<String, CommandHandler> commands = new LinkedHashMap<>();
  private final Map<String, CommandHandler> nudgeSubcommands = new LinkedHashMap<>();

  public CommandRegistry(List<CommandHandler> commands, List<CommandHandler> nudgeSubcommands) {
    commands.forEach(c -> add(this.commands, c));
    nudgeSubcommands.forEach(c -> add(this.nudgeSubcommands, c));
  }

  private static void add(Map<String, CommandHandler> into, CommandHandler command) {
    if (into.putIfAbsent(command.name(), command) != null) {
      throw new IllegalStateException("Two commands are called " + command.name());
    }
  }

  public Optional<CommandHandler> command(String name) {
    return Optional.ofNullable(commands.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<CommandHandler> nudgeSubcommand(String name) {
    return Optional.ofNullable(nudgeSubcommands.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Every top-level command, in registry order (platform adapters register these). */
  public List<CommandHandler> commands() {
    return List.copyOf(commands.values());
  }

  public List<CommandHandler> nudgeSubcommands() {
    return List.copyOf(nudgeSubcommands.values());
  }
}
