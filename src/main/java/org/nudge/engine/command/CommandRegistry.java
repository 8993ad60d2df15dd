package org.nudge.engine.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The top-level slash commands, looked up by the word typed. */
public final class CommandRegistry {

  private final Map<String, CommandHandler> commands = new LinkedHashMap<>();

  public CommandRegistry(List<CommandHandler> commands) {
    for (CommandHandler command : commands) {
      String name = command.spec().name();
      if (this.commands.putIfAbsent(name, command) != null) {
        throw new IllegalStateException("Two commands are called " + name);
      }
    }
  }

  public Optional<CommandHandler> command(String name) {
    return Optional.ofNullable(commands.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Every top-level command, in registry order. */
  public List<CommandHandler> commands() {
    return List.copyOf(commands.values());
  }

  /**
   * What every command is, in registry order: what help lists and every platform registers (the
   * Discord table, the Slack manifest, README's table).
   */
  public List<CommandSpec> specs() {
    return commands.values().stream().map(CommandHandler::spec).toList();
  }
}
