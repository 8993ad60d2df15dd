package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.http.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt listeners, the same for HTTP mode and Socket Mode: every slash command, button, select
 * and modal submission becomes an {@link Inbound} for the engine, and every direct message too.
 *
 * <p>Slash commands and clicks are acknowledged at once with an empty 200: the listener only hands
 * the interaction to a bounded queue of engine workers, so the ack never waits for the engine or
 * the database. The engine's reply then goes back through the interaction's {@code response_url}
 * (ephemeral: only the member sees it). A form in the reply opens with {@code views.open} and the
 * interaction's trigger id, which Slack expires 3 s after the user acted whatever the ack did; if
 * the reply comes too late for it ({@link AckTiming#formDeadline()}) or {@code views.open} fails,
 * the member gets a button that opens the form (a click brings a fresh trigger id). A button that
 * carries its form opens it straight from the click, without the engine. When the queue is full the
 * member is told, with what they typed, to try again, rather than waiting on a queue that grows
 * without end.
 *
 * <p>Modal submissions are the exception: the next form of a conversation, or the answer, can only
 * replace the modal inside the ack, so a submission waits for the engine up to {@link
 * AckTiming#engineBudget()}; later, the modal closes and the answer goes to the member's DM.
 *
 * <p>Direct messages are acknowledged at once and handled afterwards, de-duplicated on the event id
 * in the same transaction as their effect, so Slack's re-deliveries ({@code X-Slack-Retry-Num}, or
 * a Socket Mode envelope sent again) are each looked at and none has a second effect.
 */
final class SlackHandlers {

  private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);
  private static final Pattern ANY = Pattern.compile(".+");
  private static final String SORRY =
      "Something went wrong on my side and nothing was saved; please try again in a minute.";
  static final String BUSY =
      "Nudge is too busy to take this right now and nothing was saved; please try again in a"
          + " minute.";
  static final String FILE_UNREAD =
      "I can't open files sent here yet, so I didn't read this one; please type your message"
          + " instead.";
  static final String FILE_SKIPPED =
      "I read your message, but I can't open files sent here yet, so the attachment was not"
          + " read.";

  private final Function<Inbound, Reply> engine;
  private final Store store;
  private final Clock clock;
  private final SlackApi api;
  private final SlackGateway gateway;
  private final ExecutorService engineWork;
  private final ExecutorService formWork;
  private final AcksFirst acks;
  private final ExecutorService slackWork;
  private final Executor io;
  private final AckTiming timing;
  private final Runnable outboxWakeUp;
  private final Metrics.Counter interactions;
  private final Metrics.Counter repliesAfterAck;
  private final Metrics.Counter overloaded;
  private final Metrics.Counter formsOpened;
  private final Metrics.Counter formFallbacks;
  private final Metrics.Counter directMessages;
  private final Metrics.Counter duplicates;
  private final Set<String> eventsInFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();

  /**
   * @param engineWork bounded workers for the engine after the ack; a rejected task means "too
   *     busy"
   * @param formWork bounded workers for the engine on modal submissions, whose answer rides in the
   *     ack and so never waits for other acks
   * @param acks lets the engine's work after the ack wait for acks in progress
   * @param slackWork bounded workers for Slack calls after the ack
   */
  SlackHandlers(
      Function<Inbound, Reply> engine,
      Store store,
      Clock clock,
      SlackApi api,
      SlackGateway gateway,
      ExecutorService engineWork,
      ExecutorService formWork,
      AcksFirst acks,
      ExecutorService slackWork,
      AckTiming timing,
      Runnable outboxWakeUp,
      Metrics metrics) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.api = api;
    this.gateway = gateway;
    this.engineWork = engineWork;
    this.formWork = formWork;
    this.acks = acks;
    this.slackWork = slackWork;
    // Off the request thread, a Slack call that finds the I/O queue full is made by the worker
    // itself: the engine's queue in front of it is what turns people away, never a lost reply.
    this.io =
        task -> {
          try {
            slackWork.execute(task);
          } catch (RejectedExecutionException e) {
            task.run();
          }
        };
    this.timing = timing;
    this.outboxWakeUp = outboxWakeUp;
    this.interactions =
        metrics.counter(
            "nudge_slack_interactions_total", "Slash commands, clicks and form submissions");
    this.repliesAfterAck =
        metrics.counter(
            "nudge_slack_deferred_replies_total",
            "Interactions acked before the engine answered; the reply followed via response_url"
                + " (every command and click, and submissions the engine answered late)");
    this.overloaded =
        metrics.counter(
            "nudge_slack_overloaded_total",
            "Interactions turned away with a 'too busy' sentence because the engine's queue was"
                + " full");
    this.formsOpened = metrics.counter("nudge_slack_forms_opened_total", "Modals opened");
    this.formFallbacks =
        metrics.counter(
            "nudge_slack_form_fallbacks_total",
            "Forms sent as an open button because the trigger id could no longer be used");
    this.directMessages =
        metrics.counter("nudge_slack_direct_messages_total", "Direct messages handled");
    this.duplicates =
        metrics.counter(
            "nudge_slack_duplicate_events_total", "Re-delivered events recognised and skipped");
  }

  /**
   * Registers every listener on {@code app}, and acks everything else Slack may send ({@link
   * Unlistened}).
   */
  void register(App app) {
    app.command(Pattern.compile("/.+"), (req, ctx) -> command(req.getPayload()));
    app.blockAction(ANY, (req, ctx) -> action(req.getPayload()));
    app.viewSubmission(ANY, (req, ctx) -> submission(req.getPayload()));
    app.viewClosed(ANY, (req, ctx) -> ctx.ack());
    app.event(MessageEvent.class, (req, ctx) -> directText(req));
    app.event(MessageFileShareEvent.class, (req, ctx) -> directFiles(req, ctx.getBotUserId()));
    app.use(new Unlistened(Set.of(MessageEvent.TYPE_NAME)));
  }

  // ---------------------------------------------------------------------------------------------
  // Slash commands

  Response command(SlashCommandPayload payload) {
    long received = System.nanoTime();
    interactions.increment();
    UserRef user = user(payload.getTeamId(), payload.getUserId());
    String channel = payload.getChannelId();
    Inbound.Command command =
        new Inbound.Command(
            user,
            payload.getCommand().substring(1).toLowerCase(Locale.ROOT),
            SlackText.fromSlack(payload.getText()).strip(),
            channel == null || channel.startsWith("D") ? null : channel);
    Replier replier = new Replier(user, payload.getResponseUrl());
    Supplier<Reply> sorry = () -> Reply.text(SORRY + "\n" + Texts.echo(command));
    if (afterAck(command, payload.getTriggerId(), received, replier, sorry)) {
      return Response.ok();
    }
    Reply busy = Reply.text(BUSY + "\n" + Texts.echo(command));
    if (tellBusy(replier, busy)) {
      return Response.ok();
    }
    // Even the Slack workers are swamped: the sentence rides in the ack, which costs nothing.
    return Response.json(200, BlockKit.render(busy.message()).get(0).ephemeral().toString());
  }

  // ---------------------------------------------------------------------------------------------
  // Buttons and selects

  Response action(BlockActionPayload payload) {
    long received = System.nanoTime();
    interactions.increment();
    BlockActionPayload.Action clicked = payload.getActions().get(0);
    String team =
        payload.getTeam() != null ? payload.getTeam().getId() : payload.getUser().getTeamId();
    UserRef user = user(team, payload.getUser().getId());
    Replier replier = new Replier(user, payload.getResponseUrl());
    String triggerId = payload.getTriggerId();
    Optional<Form> carried = FormCodec.decode(clicked.getValue());
    if (carried.isPresent()) {
      // The button carries its form: open it now on a Slack worker, no engine round trip, while
      // the trigger id is fresh.
      try {
        slackWork.execute(() -> reply(Reply.openForm(carried.get()), triggerId, received, replier));
      } catch (RejectedExecutionException e) {
        overloaded.increment();
        log.warn("Too busy to open a form from a click; the member may click again");
      }
      return Response.ok();
    }
    String value =
        clicked.getSelectedOption() != null
            ? clicked.getSelectedOption().getValue()
            : clicked.getValue();
    Inbound.ActionInvoked invoked =
        new Inbound.ActionInvoked(user, clicked.getActionId(), value == null ? "" : value);
    if (!afterAck(invoked, triggerId, received, replier, () -> Reply.text(SORRY))) {
      tellBusy(replier, Reply.text(BUSY));
    }
    // A click's ack carries nothing: Slack shows no reply from it, only from response_url.
    return Response.ok();
  }

  // ---------------------------------------------------------------------------------------------
  // Modal submissions

  Response submission(ViewSubmissionPayload payload) {
    long received = System.nanoTime();
    interactions.increment();
    View view = payload.getView();
    String team =
        payload.getTeam() != null ? payload.getTeam().getId() : payload.getUser().getTeamId();
    UserRef user = user(team, payload.getUser().getId());
    Inbound.FormSubmitted submitted =
        new Inbound.FormSubmitted(user, view.getCallbackId(), values(view));
    // A modal has no response_url: a late answer goes to the member's DM.
    Replier replier = new Replier(user, null);
    Optional<Reply> inTime;
    ObjectNode answer = BlockKit.json().createObjectNode();
    try {
      inTime = runEngine(submitted, received, replier, () -> Reply.text(SORRY));
    } catch (RejectedExecutionException e) {
      overloaded.increment();
      log.warn("Too busy for a Slack form submission: the engine's queue is full");
      if (!submitted.values().isEmpty()) {
        // Keep the modal open with everything typed in it, and say why under its first field.
        answer.put("response_action", "errors");
        answer.putObject("errors").put(submitted.values().keySet().iterator().next(), BUSY);
        return Response.json(200, answer.toString());
      }
      inTime = Optional.of(Reply.text(BUSY));
    }
    if (inTime.isEmpty() || inTime.get().isEmpty()) {
      return Response.ok(); // closes the modal
    }
    Reply reply = inTime.get();
    if (reply.form() != null) {
      // The next step of a conversation: the new form replaces the submitted one.
      formsOpened.increment();
      answer.put("response_action", "update");
      answer.set("view", BlockKit.modal(reply.form(), null));
      return Response.json(200, answer.toString());
    }
    if (!reply.message().actions().isEmpty()) {
      // Buttons belong in the member's DM, where they stay usable: close the modal, post there.
      List<BlockKit.Rendered> parts = present(reply, false);
      io.execute(() -> replier.send(parts));
      return Response.ok();
    }
    String title = view.getTitle() != null ? view.getTitle().getText() : "Nudge";
    answer.put("response_action", "update");
    answer.set("view", BlockKit.answerModal(title, reply.message()));
    return Response.json(200, answer.toString());
  }

  /** Values by field id: each input's block id and action id are the field id. */
  static Map<String, String> values(View view) {
    Map<String, String> values = new LinkedHashMap<>();
    if (view.getState() == null || view.getState().getValues() == null) {
      return values;
    }
    view.getState()
        .getValues()
        .forEach(
            (blockId, inputs) ->
                inputs.forEach(
                    (actionId, input) -> values.put(blockId, SlackText.fromSlack(text(input)))));
    return values;
  }

  private static String text(ViewState.Value input) {
    if (input == null) {
      return "";
    }
    if (input.getValue() != null) {
      return input.getValue();
    }
    if (input.getSelectedOption() != null) {
      return input.getSelectedOption().getValue();
    }
    return "";
  }

  // ---------------------------------------------------------------------------------------------
  // Direct messages

  Response directText(EventsApiPayload<MessageEvent> payload) {
    MessageEvent event = payload.getEvent();
    if (!"im".equals(event.getChannelType())
        || event.getBotId() != null
        || event.getUser() == null
        || event.getText() == null) {
      return Response.ok();
    }
    return direct(
        new DirectMessage(
            payload.getEventId(),
            user(payload.getTeamId(), event.getUser()),
            event.getText(),
            event.getChannel(),
            event.getThreadTs(),
            false));
  }

  /**
   * A file shared in the DM with Nudge (a {@code message} with subtype {@code file_share}): Nudge
   * can't read files, so the member is told, rather than hearing nothing; text sent with the file
   * is read as any message is.
   */
  Response directFiles(EventsApiPayload<MessageFileShareEvent> payload, String botUserId) {
    MessageFileShareEvent event = payload.getEvent();
    // Bolt's model of this event has no channel_type; a DM's channel id starts with D. Nudge's own
    // uploads (a lead's export) arrive here too, as the bot user's.
    if (event.getChannel() == null
        || !event.getChannel().startsWith("D")
        || event.getUser() == null
        || event.getUser().equals(botUserId)) {
      return Response.ok();
    }
    String text = event.getText() == null || event.getText().isBlank() ? null : event.getText();
    return direct(
        new DirectMessage(
            payload.getEventId(),
            user(payload.getTeamId(), event.getUser()),
            text,
            event.getChannel(),
            event.getThreadTs(),
            true));
  }

  /**
   * A message in the DM with Nudge, as Slack sent it.
   *
   * @param text what the member typed, null when they only sent files
   * @param threadTs the thread it was written in, or null; the answer goes to the same place
   * @param withFiles whether files came with it, which Nudge does not read
   */
  private record DirectMessage(
      String eventId,
      UserRef user,
      String text,
      String channel,
      String threadTs,
      boolean withFiles) {}

  private Response direct(DirectMessage message) {
    try {
      engineWork.execute(acks.afterAcks(() -> handleDirect(message)));
    } catch (RejectedExecutionException e) {
      // Too busy or shutting down: answer 500 so that Slack delivers it again later, or to
      // another node.
      return Response.error(500);
    }
    return Response.ok();
  }

  private void handleDirect(DirectMessage message) {
    String eventId = message.eventId();
    if (eventId != null && !eventsInFlight.add(eventId)) {
      duplicates.increment();
      return;
    }
    Reply reply;
    try {
      reply =
          store.inTransaction(
              tx -> {
                if (eventId != null
                    && !tx.keyValues()
                        .firstDelivery(SlackAdapter.PLATFORM, eventId, clock.instant())) {
                  return null;
                }
                return message.text() == null
                    ? Reply.text("")
                    : engine.apply(
                        new Inbound.DirectText(
                            message.user(), SlackText.fromSlack(message.text())));
              });
    } catch (RuntimeException e) {
      log.error("A Slack direct message could not be handled: {}", e.getClass().getName());
      reply = Reply.text(SORRY + " (your message was not read)");
    } finally {
      if (eventId != null) {
        eventsInFlight.remove(eventId);
      }
    }
    if (reply == null) {
      duplicates.increment();
      return;
    }
    directMessages.increment();
    wakeOutbox();
    List<BlockKit.Rendered> parts = new java.util.ArrayList<>(present(reply, false));
    if (message.withFiles()) {
      parts.addAll(
          BlockKit.render(Message.text(message.text() == null ? FILE_UNREAD : FILE_SKIPPED)));
    }
    for (BlockKit.Rendered part : parts) {
      try {
        api.postMessage(message.channel(), part, message.threadTs());
      } catch (SlackCallFailed e) {
        log.warn("The reply to a direct message was not posted: {} {}", e.method(), e.error());
        return;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // After the ack

  /**
   * Queues {@code inbound} for the engine; its reply goes out through {@code replier} when it
   * comes. False when the queue is full: nothing was queued and nothing will be saved.
   */
  private boolean afterAck(
      Inbound inbound, String triggerId, long received, Replier replier, Supplier<Reply> sorry) {
    try {
      engineWork.execute(
          acks.afterAcks(
              () -> {
                Reply reply;
                try {
                  reply = engine.apply(inbound);
                } catch (RuntimeException e) {
                  log.error("The engine failed on a Slack {}", kind(inbound), e);
                  reply = sorry.get();
                }
                wakeOutbox();
                reply(reply, triggerId, received, replier);
              }));
      return true;
    } catch (RejectedExecutionException e) {
      overloaded.increment();
      log.warn("Too busy for a Slack {}: the engine's queue is full", kind(inbound));
      return false;
    }
  }

  /** Says "too busy" through the response_url; false if even that can't be queued. */
  private boolean tellBusy(Replier replier, Reply busy) {
    List<BlockKit.Rendered> parts = present(busy, false);
    try {
      slackWork.execute(() -> replier.send(parts));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Sends a reply after the ack: its form first (with the trigger id, if there is still time), then
   * the message through the response_url, with a button for a form that did not open.
   */
  private void reply(Reply reply, String triggerId, long received, Replier replier) {
    CompletableFuture<Boolean> opened =
        reply.form() == null || triggerId == null
            ? CompletableFuture.completedFuture(false)
            : openForm(reply.form(), triggerId, received);
    opened.thenAcceptAsync(
        formOpen -> {
          List<BlockKit.Rendered> parts = present(reply, formOpen);
          if (!parts.isEmpty()) {
            repliesAfterAck.increment();
            replier.send(parts);
          }
        },
        io);
  }

  /**
   * Runs the engine for a modal submission, whose answer must ride in the ack: the reply if it
   * comes within the budget, otherwise empty and the reply is sent through {@code replier} when it
   * comes.
   *
   * @throws RejectedExecutionException when the engine's queue is full
   */
  private Optional<Reply> runEngine(
      Inbound inbound, long received, Replier replier, Supplier<Reply> sorry) {
    CompletableFuture<Reply> future =
        CompletableFuture.supplyAsync(() -> engine.apply(inbound), formWork)
            .exceptionally(
                e -> {
                  log.error("The engine failed on a Slack {}", kind(inbound), e);
                  return sorry.get();
                });
    future.thenRun(this::wakeOutbox);
    long waitNanos = timing.engineBudget().toNanos() - (System.nanoTime() - received);
    try {
      return Optional.of(future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      log.info(
          "The engine took over {} ms; acked first, the reply follows",
          timing.engineBudget().toMillis());
      future.thenAcceptAsync(reply -> reply(reply, null, received, replier), io);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.thenAcceptAsync(reply -> reply(reply, null, received, replier), io);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(sorry.get());
    }
  }

  /**
   * The reply as Slack messages. A form that did not open ({@code formOpen} false: no trigger id,
   * too late for it, or views.open failed) becomes a button that opens it.
   */
  private List<BlockKit.Rendered> present(Reply reply, boolean formOpen) {
    Message message = reply.message();
    Form form = reply.form();
    if (form != null && !formOpen) {
      formFallbacks.increment();
      Action open =
          new Action.OpenForm(form.id(), SlackText.clip("Open: " + form.title(), 75), form);
      List<Action> actions = new java.util.ArrayList<>(message.actions());
      actions.add(open);
      String text = message.text().isEmpty() ? "Your form is ready." : message.text();
      message = new Message(text, actions);
    }
    if (message.text().isEmpty() && message.actions().isEmpty()) {
      return List.of();
    }
    return BlockKit.render(message);
  }

  /**
   * Opens {@code form} with the trigger id, done by {@link AckTiming#formDeadline()} after the
   * request arrived: true once Slack has opened it, false when the trigger was too old already,
   * views.open failed, or it did not answer in time.
   */
  private CompletableFuture<Boolean> openForm(Form form, String triggerId, long received) {
    long leftNanos = timing.formDeadline().toNanos() - (System.nanoTime() - received);
    if (leftNanos <= 0) {
      log.info("A form came after its trigger id expired; sending it as a button");
      return CompletableFuture.completedFuture(false);
    }
    String view = BlockKit.modal(form, null).toString();
    return CompletableFuture.runAsync(
            () -> {
              try {
                api.openView(triggerId, view);
              } catch (SlackCallFailed e) {
                throw new CompletionException(e);
              }
            },
            io)
        .orTimeout(leftNanos, TimeUnit.NANOSECONDS)
        .handle(
            (done, failure) -> {
              if (failure == null) {
                formsOpened.increment();
                return true;
              }
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause instanceof TimeoutException) {
                log.warn("views.open did not answer in time; sending the form as a button");
              } else {
                String error =
                    cause instanceof SlackCallFailed failed ? failed.error() : "unexpected";
                log.warn("views.open failed ({}); sending the form as a button", error);
              }
              return false;
            });
  }

  /** Runs the outbox soon, so what the engine just queued (a partner's notice) goes out now. */
  private void wakeOutbox() {
    if (wakeUpPending.compareAndSet(false, true)) {
      try {
        slackWork.execute(
            () -> {
              wakeUpPending.set(false);
              try {
                outboxWakeUp.run();
              } catch (RuntimeException e) {
                log.warn("Delivering the outbox failed: {}", e.getClass().getName());
              }
            });
      } catch (RejectedExecutionException e) {
        wakeUpPending.set(false);
      }
    }
  }

  private static UserRef user(String team, String userId) {
    return new UserRef(SlackAdapter.PLATFORM, team, userId);
  }

  private static String kind(Inbound inbound) {
    return inbound.getClass().getSimpleName();
  }

  /**
   * Sends a reply after the ack: to the interaction's {@code response_url} (ephemeral, at most 5
   * times in 30 minutes, plenty for one reply), or as a direct message when there is none or it no
   * longer works.
   */
  private final class Replier {
    private final UserRef user;
    private final String responseUrl;

    Replier(UserRef user, String responseUrl) {
      this.user = user;
      this.responseUrl = responseUrl;
    }

    void send(List<BlockKit.Rendered> parts) {
      for (int i = 0; i < parts.size(); i++) {
        BlockKit.Rendered part = parts.get(i);
        if (responseUrl != null) {
          try {
            api.respond(responseUrl, part.ephemeral().toString());
            continue;
          } catch (SlackCallFailed e) {
            log.warn("response_url failed ({}); replying by direct message", e.error());
          }
        }
        try {
          api.postMessage(gateway.directChannel(user), part);
        } catch (SlackCallFailed e) {
          log.warn("A reply was lost: {} {}", e.method(), e.error());
          return;
        }
      }
    }
  }
}
