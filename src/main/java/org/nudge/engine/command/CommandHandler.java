package org.nudge.engine.command;

import org.nudge.engine.model.Reply;

/**
 * One command word: a top-level slash command such as {@code /win}, or a sub-command of {@code
 * /nudge} such as {@code pair}. Each is a small final class that declares what it is once, its
 * {@link #spec()} (most extend {@link DeclaredCommand} and pass it to the constructor), and handles
 * it; registering it is one line in {@code Features}.
 */
public interface CommandHandler {

  /** The command's name, description, parameters, sub-commands and audience. */
  CommandSpec spec();

  Reply handle(CommandContext context);
}
