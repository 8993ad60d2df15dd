package org.nudge.engine.command;

import org.nudge.engine.model.Reply;

/**
 * One command word: a top-level slash command such as {@code /win}, or a sub-command of {@code
 * /nudge} such as {@code pair}. Each is a small final class holding its name, usage and handler.
 */
public interface CommandHandler {

  /** The word typed, without slash, e.g. {@code win} or {@code pair}. */
  String name();

  /** How to type it, e.g. {@code /win <text> [--share]}. */
  String usage();

  /** One short sentence saying what it does. */
  String description();

  /** Whether only program leads may use it. */
  default boolean leadOnly() {
    return false;
  }

  Reply handle(CommandContext context);
}
