package org.nudge.engine.command;

/**
 * A command whose spec is fixed when it is made: it hands its declaration to this constructor and
 * only writes {@link #handle}.
 */
public abstract class DeclaredCommand implements CommandHandler {

  private final CommandSpec spec;

  protected DeclaredCommand(CommandSpec spec) {
    this.spec = spec;
  }

  @Override
  public final CommandSpec spec() {
    return spec;
  }
}
