package org.nudge.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandRegistry;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;
import org.nudge.engine.members.HelpCommand;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-neutral conversation engine: takes an {@link Inbound} from any adapter and answers
 * with a {@link Reply} for that user alone, while the messages it causes for others go to the
 * outbox in the same transaction.
 */
public final class Engine {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final Store store;
  private final Clock clock;
  private final EngineSettings settings;
  private final Membership membership;
  private final CommandRegistry commands;

  public Engine(
      Store store,
      Clock clock,
      EngineSettings settings,
      Directory directory,
      CommandRegistry commands) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.membership = new Membership(directory, settings);
    this.commands = commands;
  }

  public CommandRegistry commands() {
    return commands;
  }

  /** Handles one input; never throws for bad input, which gets a sentence saying what to do. */
  public Reply handle(Inbound inbound) {
    Instant now = clock.instant();
    // Java 17 has no pattern switch outside preview, hence the instanceof chain.
    if (inbound instanceof Inbound.Command command) {
      return handleCommand(command, now);
    }
    if (inbound instanceof Inbound.DirectText text) {
      return store.inTransaction(
          tx -> {
            Member member = membership.ensure(tx, text.user(), now);
            return Reply.text(
                "I only understand commands for now.\n"
                    + HelpCommand.text(commands, membership.isLead(member)));
          });
    }
    if (inbound instanceof Inbound.ActionInvoked action) {
      log.info("Action {} from {} has no handler", action.actionId(), action.user().platform());
      return Reply.text("That button has expired; nothing was changed.");
    }
    if (inbound instanceof Inbound.FormSubmitted form) {
      log.info("Form {} from {} has no handler", form.formId(), form.user().platform());
      return Reply.text("That form has expired; nothing was saved.");
    }
    throw new IllegalArgumentException("Unknown input " + inbound.getClass());
  }

  private Reply handleCommand(Inbound.Command command, Instant now) {
    Optional<CommandHandler> handler = commands.command(command.name());
    if (handler.isEmpty()) {
      return Reply.text(
          "I don't know the command /"
              + command.name()
              + "; `/nudge help` lists what I can do.\n"
              + Texts.echo(command));
    }
    try {
      return store.inTransaction(
          tx -> {
            Member member = membership.ensure(tx, command.user(), now);
            return handler
                .get()
                .handle(
                    new CommandContext(
                        tx, member, command, command.text(), now, settings, membership));
          });
    } catch (RuntimeException e) {
      // The text itself is never logged: it may be private.
      log.error("/{} failed for a {} user", command.name(), command.user().platform(), e);
      return Reply.text(
          "Something went wrong on my side and nothing was saved; please try again in a"
              + " minute.\n"
              + Texts.echo(command));
    }
  }
}
