package org.nudge.adapter.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.nudge.adapter.slack.SlackReplies.To;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.http.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt listeners, the same for HTTP mode and Socket Mode: every slash command, button, select
 * and modal submission becomes an {@link Inbound} for the engine ({@link SlackPayloads}), and every
 * direct message too.
 *
 * <p>Slash commands and clicks are acknowledged at once with an empty 200: the listener only hands
 * the interaction to the {@link EngineQueue}, so the ack never waits for the engine or the
 * database, and the reply follows through the {@link SlackReplies}. A button that carries its form
 * opens it straight from the click, without the engine. When the queue is full the member is told,
 * with what they typed, to try again. A modal submission's answer rides in its ack.
 *
 * <p>Direct messages are acknowledged at once and handled afterwards. A copy of one this node has
 * already taken is skipped before it is queued ({@link DuplicateEvents}); each event id is also
 * recorded in the same transaction as its effect, so no re-delivery has a second effect.
 *
 * <p>With several nodes on one database, every input is stored in the {@link SharedInbox} before it
 * is acknowledged, and runs from there in each member's order across the nodes; an input the
 * database could not store is answered at once with an apology that echoes it (a direct message
 * gets a 500, so Slack sends it again).
 */
final class SlackHandlers {

  private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);
  private static final Pattern ANY = Pattern.compile(".+");

  /** The engine, as the Slack adapter calls it. */
  interface SlackEngine {
    /** Handles an input in its own transaction. */
    Reply handle(Inbound inbound);

    /** Handles an input, running {@code sameTransaction} in the transaction of its effect. */
    Reply handle(Inbound inbound, Consumer<Tx> sameTransaction);
  }

  private final SlackEngine engine;
  private final SharedInbox inbox;
  private final Store store;
  private final Clock clock;
  private final EngineQueue queue;
  private final SlackReplies replies;
  private final SlackWork work;
  private final SlackDirectMessages directs;
  private final Metrics.Counter interactions;
  private final Metrics.Counter overloaded;
  private final Metrics.Counter directMessages;
  private final Metrics.Counter duplicates;

  /**
   * @param sharedBy the node's name when several nodes share the database (then inputs go through
   *     the {@link SharedInbox}), or null for a node alone, whose member lanes keep the order
   */
  SlackHandlers(
      SlackEngine engine,
      Store store,
      Clock clock,
      EngineQueue queue,
      SlackReplies replies,
      SlackWork work,
      SlackFiles files,
      Metrics metrics,
      String sharedBy) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.queue = queue;
    this.replies = replies;
    this.work = work;
    this.interactions =
        metrics.counter(
            "nudge_slack_interactions_total", "Slash commands, clicks and form submissions");
    this.overloaded =
        metrics.counter(
            "nudge_slack_overloaded_total",
            "Interactions turned away with a 'too busy' sentence because the engine's queue was"
                + " full");
    this.directMessages =
        metrics.counter("nudge_slack_direct_messages_total", "Direct messages handled");
    this.duplicates =
        metrics.counter(
            "nudge_slack_duplicate_events_total", "Re-delivered events recognised and skipped");
    this.inbox =
        sharedBy == null ? null : new SharedInbox(store, sharedBy, work.lanes(), new FromInbox());
    this.directs =
        new SlackDirectMessages(
            engine, inbox, store, clock, queue, replies, files, directMessages, duplicates);
    if (inbox != null) {
      metrics.gauge(
          "nudge_slack_inbox",
          "Slack inputs stored and not yet handled, on every node",
          inbox::backlog);
    }
  }

  /** The shared inbox, or null on a node alone. */
  SharedInbox inbox() {
    return inbox;
  }

  /** How an input from the shared inbox runs and is answered, on whichever node takes it. */
  private final class FromInbox implements SharedInbox.Runner {
    @Override
    public Reply run(QueuedInput input, Consumer<Tx> finish) {
      Reply reply;
      try {
        reply = engine.handle(input.inbound(), finish);
      } finally {
        queue.wakeOutbox();
      }
      if (input.direct() != null) {
        directMessages.increment();
      }
      return reply;
    }

    @Override
    public void answer(QueuedInput input, Reply reply, long ageNanos) {
      if (input.direct() != null) {
        replies.direct(input.direct(), reply);
      } else {
        replies.afterAck(
            reply,
            new To(input.user(), input.responseUrl()),
            input.triggerId(),
            System.nanoTime() - ageNanos);
      }
    }

    @Override
    public Reply sorry(QueuedInput input) {
      if (input.direct() != null) {
        return Reply.text(SlackReplies.SORRY + " (your message was not read)");
      }
      return input.inbound() instanceof Inbound.Command command
          ? Reply.text(SlackReplies.SORRY + "\n" + Texts.echo(command))
          : Reply.text(SlackReplies.SORRY);
    }
  }

  /**
   * Registers every listener on {@code app}, skips re-delivered events ({@link DuplicateEvents}),
   * and acks everything else Slack may send ({@link Unlistened}).
   */
  void register(App app) {
    app.use(new DuplicateEvents(duplicates, DuplicateEvents.REMEMBERED));
    app.command(Pattern.compile("/.+"), (req, ctx) -> command(req.getPayload()));
    app.blockAction(ANY, (req, ctx) -> action(req.getPayload()));
    app.viewSubmission(ANY, (req, ctx) -> submission(req.getPayload()));
    app.viewClosed(ANY, (req, ctx) -> ctx.ack());
    app.event(MessageEvent.class, (req, ctx) -> directs.directText(req));
    app.event(
        MessageFileShareEvent.class, (req, ctx) -> directs.directFiles(req, ctx.getBotUserId()));
    app.use(new Unlistened(Set.of(MessageEvent.TYPE_NAME)));
  }

  Response command(SlashCommandPayload payload) {
    long received = System.nanoTime();
    interactions.increment();
    Inbound.Command command = SlackPayloads.command(payload);
    To to = new To(command.user(), payload.getResponseUrl());
    Supplier<Reply> sorry = () -> Reply.text(SlackReplies.SORRY + "\n" + Texts.echo(command));
    if (inbox != null) {
      return inbox.accept(
              QueuedInput.interaction(command, payload.getResponseUrl(), payload.getTriggerId()))
          ? Response.ok()
          : SlackReplies.busyInAck(sorry.get());
    }
    if (queue.afterAck(
        command, sorry, reply -> replies.afterAck(reply, to, payload.getTriggerId(), received))) {
      return Response.ok();
    }
    Reply busy = Reply.text(SlackReplies.BUSY + "\n" + Texts.echo(command));
    if (replies.busy(to, busy)) {
      return Response.ok();
    }
    // Even the Slack workers are swamped: the sentence rides in the ack, which costs nothing.
    return SlackReplies.busyInAck(busy);
  }

  Response action(BlockActionPayload payload) {
    long received = System.nanoTime();
    interactions.increment();
    SlackPayloads.Click click = SlackPayloads.click(payload);
    To to = new To(click.user(), payload.getResponseUrl());
    String triggerId = payload.getTriggerId();
    if (click instanceof SlackPayloads.OpensForm opens) {
      // Open it now on a Slack worker, no engine round trip, while the trigger id is fresh.
      try {
        work.slack()
            .execute(() -> replies.afterAck(Reply.openForm(opens.form()), to, triggerId, received));
      } catch (RejectedExecutionException e) {
        overloaded.increment();
        log.warn("Too busy to open a form from a click; the member may click again");
      }
      return Response.ok();
    }
    Inbound.ActionInvoked invoked = ((SlackPayloads.Invokes) click).action();
    if (inbox != null) {
      if (!inbox.accept(QueuedInput.interaction(invoked, payload.getResponseUrl(), triggerId))) {
        replies.busy(to, Reply.text(SlackReplies.SORRY));
      }
      return Response.ok();
    }
    if (!queue.afterAck(
        invoked,
        () -> Reply.text(SlackReplies.SORRY),
        reply -> replies.afterAck(reply, to, triggerId, received))) {
      replies.busy(to, Reply.text(SlackReplies.BUSY));
    }
    // A click's ack carries nothing: Slack shows no reply from it, only from response_url.
    return Response.ok();
  }

  Response submission(ViewSubmissionPayload payload) {
    long received = System.nanoTime();
    interactions.increment();
    Inbound.FormSubmitted submitted = SlackPayloads.submission(payload);
    // A modal has no response_url: a late answer goes to the member's DM.
    To to = new To(submitted.user(), null);
    Optional<Reply> inTime;
    try {
      inTime =
          inbox != null
              ? inbox.withinAck(
                  QueuedInput.interaction(submitted, null, null),
                  received + queue.timing().engineBudget().toNanos(),
                  reply -> replies.afterAck(reply, to, null, received),
                  work.io())
              : queue.withinAck(
                  submitted,
                  received,
                  () -> Reply.text(SlackReplies.SORRY),
                  reply -> replies.afterAck(reply, to, null, received));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inTime = Optional.empty();
    } catch (RejectedExecutionException e) {
      if (!submitted.values().isEmpty()) {
        return SlackReplies.keepOpen(submitted, SlackReplies.BUSY);
      }
      inTime = Optional.of(Reply.text(SlackReplies.BUSY));
    }
    String title = SlackPayloads.title(payload.getView());
    return inTime.map(reply -> replies.inAck(reply, title, to)).orElseGet(Response::ok);
  }
}
