package org.nudge.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandRegistry;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.command.Texts;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.domain.Inbox;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.members.HelpCommand;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-neutral conversation engine: takes an {@link Inbound} from any adapter and answers
 * with a {@link Reply} for that user alone, while the messages it causes for others go to the
 * outbox in the same transaction.
 */
public final class Engine {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  /** Attempts one input may take meeting new users (the sender and those a lead command names). */
  private static final int MAX_NEW_USERS = 5;

  private final Store store;
  private final Clock clock;
  private final Services services;
  private final CommandRegistry commands;
  private final Map<String, Flow> flows;

  public Engine(Store store, Clock clock, Features features) {
    this.store = store;
    this.clock = clock;
    this.services = features.services();
    this.commands = features.commands();
    this.flows =
        features.flows().stream()
            .collect(java.util.stream.Collectors.toMap(Flow::name, Function.identity()));
  }

  public CommandRegistry commands() {
    return commands;
  }

  /** Handles one input; never throws for bad input, which gets a sentence saying what to do. */
  public Reply handle(Inbound inbound) {
    return reply(inbound, new Along(tx -> {}));
  }

  /**
   * Handles one input as {@link #handle(Inbound)}, and runs {@code sameTransaction} in the
   * transaction that commits its effect (in a transaction of its own when the input changes
   * nothing, or failed and saved nothing): an adapter marks a queued input done there, so it takes
   * effect exactly once.
   *
   * @throws Inbox.NotClaimed from {@code sameTransaction}, after rolling the effect back
   */
  public Reply handle(Inbound inbound, Consumer<Tx> sameTransaction) {
    Along along = new Along(sameTransaction);
    Reply reply = reply(inbound, along);
    if (!along.committed) {
      store.inTransaction(
          tx -> {
            sameTransaction.accept(tx);
            return null;
          });
    }
    return reply;
  }

  /** What runs in the input's transaction, and whether that transaction committed. */
  private static final class Along {
    final Consumer<Tx> work;
    boolean committed;

    Along(Consumer<Tx> work) {
      this.work = work;
    }
  }

  private Reply reply(Inbound inbound, Along along) {
    Instant now = clock.instant();
    Optional<Reply> unstorable = unstorable(inbound);
    if (unstorable.isPresent()) {
      return unstorable.get();
    }
    // Java 17 has no pattern switch outside preview, hence the instanceof chain.
    if (inbound instanceof Inbound.Command command) {
      Optional<CommandHandler> handler = commands.command(command.name());
      if (handler.isEmpty()) {
        return Reply.text(
            "I don't know the command /"
                + command.name()
                + "; `/nudge help` lists what I can do.\n"
                + Texts.echo(command));
      }
      return safely(
          inbound,
          along,
          Texts.echo(command),
          member ->
              tx ->
                  handler
                      .get()
                      .handle(
                          CommandContext.of(
                              new Turn(tx, member, now, services), command, commands)));
    }
    if (inbound instanceof Inbound.Upload upload) {
      return upload(upload, along, now);
    }
    if (inbound instanceof Inbound.DirectText text) {
      return safely(
          inbound,
          along,
          "You wrote: " + text.text(),
          member -> tx -> direct(new Turn(tx, member, now, services), text.text()));
    }
    if (inbound instanceof Inbound.ActionInvoked action) {
      return routed(
          inbound,
          along,
          action.actionId(),
          now,
          (flow, verb) -> turn -> flow.onAction(turn, verb, action.value()));
    }
    if (inbound instanceof Inbound.FormSubmitted form) {
      return routed(
          inbound,
          along,
          form.formId(),
          now,
          (flow, verb) -> turn -> flow.onForm(turn, verb, form.values()));
    }
    throw new IllegalArgumentException("Unknown input " + inbound.getClass());
  }

  /**
   * Refuses, before any command or flow sees it, text that no table could hold, with the member's
   * words echoed back; a failed statement would only say "try again", which would fail again.
   */
  private static Optional<Reply> unstorable(Inbound inbound) {
    String echo;
    List<String> texts;
    if (inbound instanceof Inbound.Command command) {
      texts = List.of(command.text());
      echo = Texts.echo(command);
    } else if (inbound instanceof Inbound.DirectText text) {
      texts = List.of(text.text());
      echo = "You wrote: " + text.text();
    } else if (inbound instanceof Inbound.FormSubmitted form) {
      texts = List.copyOf(form.values().values());
      echo = "You wrote: " + String.join("\n", texts);
    } else {
      return Optional.empty();
    }
    return texts.stream()
        .map(TextRules::unstorable)
        .flatMap(Optional::stream)
        .findFirst()
        .map(problem -> Reply.text(problem + "\n" + echo));
  }

  private Reply routed(
      Inbound inbound,
      Along along,
      String id,
      Instant now,
      java.util.function.BiFunction<Flow, String, Function<Turn, Reply>> call) {
    int colon = id == null ? -1 : id.indexOf(':');
    Flow flow = colon > 0 ? flows.get(id.substring(0, colon)) : null;
    if (flow == null) {
      log.info("Input {} from {} has no handler", id, inbound.user().platform());
      return inbound instanceof Inbound.FormSubmitted ? Expired.form() : Expired.button();
    }
    String verb = id.substring(colon + 1);
    return safely(
        inbound,
        along,
        "",
        member -> tx -> call.apply(flow, verb).apply(new Turn(tx, member, now, services)));
  }

  /**
   * A file: the command that came with it (Discord's file option) runs first; then the flow whose
   * conversation waits for a file takes it. With no such flow, the command's own answer (a refusal)
   * stands, or the sender is told what a file is for.
   */
  private Reply upload(Inbound.Upload upload, Along along, Instant now) {
    Reply commandReply = upload.command() == null ? null : handle(upload.command());
    return safely(
        upload,
        along,
        "",
        member ->
            tx -> {
              Turn turn = new Turn(tx, member, now, services);
              Optional<ConversationState> state = tx.conversations().find(member.id());
              Flow flow = state.map(s -> flows.get(s.flow())).orElse(null);
              Reply reply = flow == null ? null : flow.onUpload(turn, state.get(), upload);
              if (reply != null) {
                return reply;
              }
              return commandReply != null
                  ? commandReply
                  : Reply.text(
                      "I wasn't expecting a file from you, so I didn't read it. To import pairs,"
                          + " start with `/nudge import <program>` and then send the CSV file.");
            });
  }

  private Reply direct(Turn turn, String text) {
    Optional<ConversationState> state = turn.tx().conversations().find(turn.member().id());
    if (state.isPresent()) {
      Flow flow = flows.get(state.get().flow());
      Reply reply = flow == null ? null : flow.onText(turn, state.get(), text.strip());
      if (reply != null) {
        return reply;
      }
    }
    for (Flow flow : flows.values()) {
      Reply reply = flow.onUnpromptedText(turn, text.strip());
      if (reply != null) {
        return reply;
      }
    }
    return Reply.text(
        "I'm not waiting for an answer from you right now.\n"
            + HelpCommand.text(commands.specs(), services.membership().isLead(turn.member())));
  }

  /**
   * Runs one input in a transaction. A failure rolls everything back and answers with an apology
   * and the member's own words, so nothing they wrote is lost.
   */
  private Reply safely(
      Inbound inbound, Along along, String echo, Function<Member, Function<Tx, Reply>> work) {
    Instant now = clock.instant();
    try {
      Reply reply =
          meetingNewUsers(
              tx -> {
                along.work.accept(tx);
                Member member = services.membership().ensure(tx, inbound.user(), now);
                return work.apply(member).apply(tx);
              });
      along.committed = true;
      return reply;
    } catch (Inbox.NotClaimed e) {
      throw e;
    } catch (RuntimeException e) {
      // The text itself is never logged: it may be private.
      log.error(
          "{} failed for a {} user",
          inbound.getClass().getSimpleName(),
          inbound.user().platform(),
          e);
      return Reply.text(
          "Something went wrong on my side and nothing was saved; please try again in a minute."
              + (echo.isEmpty() ? "" : "\n" + echo));
    }
  }

  /**
   * Runs {@code work} in a transaction; each time it meets someone Nudge doesn't know yet (the
   * sender, or a person a lead command names), rolls back, asks the platform about them outside the
   * transaction, and runs it again.
   */
  private <T> T meetingNewUsers(Function<Tx, T> work) {
    List<UserRef> met = new ArrayList<>();
    List<Membership.NamesToLookUp> lookedUp = new ArrayList<>();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return store.inTransaction(work);
        } catch (RuntimeException e) {
          Optional<Membership.NamesToLookUp> names = Membership.NamesToLookUp.in(e);
          if (names.isPresent() && attempt < MAX_NEW_USERS) {
            lookedUp.add(names.get());
            services.membership().lookUp(names.get());
            continue;
          }
          Optional<Membership.NewUser> newUser = Membership.NewUser.in(e);
          if (newUser.isEmpty() || attempt >= MAX_NEW_USERS) {
            throw e;
          }
          met.add(newUser.get().user());
          services.membership().meet(newUser.get().user());
        }
      }
    } finally {
      services.membership().forget(met);
      lookedUp.forEach(services.membership()::forgetNames);
    }
  }
}
