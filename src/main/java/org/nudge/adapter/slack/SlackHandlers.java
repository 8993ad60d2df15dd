package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 * <p>Interactions (commands, clicks, submissions) run the engine on a worker while the request
 * thread waits at most {@link AckTiming#engineBudget()}. In time, the reply rides in the ack and a
 * form opens with the trigger id while it is still valid (it expires 3 s after the user acted, so
 * opening a form can't wait for an asynchronous path). Late, the ack goes out empty and the reply
 * follows through {@code response_url}; a form that can no longer be opened arrives as a button
 * that opens it (a click brings a fresh trigger id). Either way Slack gets its ack within 3 s,
 * whatever the engine or the database does.
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

  private final Function<Inbound, Reply> engine;
  private final Store store;
  private final Clock clock;
  private final SlackApi api;
  private final SlackGateway gateway;
  private final ExecutorService engineWork;
  private final ExecutorService slackWork;
  private final AckTiming timing;
  private final Runnable outboxWakeUp;
  private final Metrics.Counter interactions;
  private final Metrics.Counter lateAcks;
  private final Metrics.Counter formsOpened;
  private final Metrics.Counter formFallbacks;
  private final Metrics.Counter directMessages;
  private final Metrics.Counter duplicates;
  private final Set<String> eventsInFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();

  SlackHandlers(
      Function<Inbound, Reply> engine,
      Store store,
      Clock clock,
      SlackApi api,
      SlackGateway gateway,
      ExecutorService engineWork,
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
    this.slackWork = slackWork;
    this.timing = timing;
    this.outboxWakeUp = outboxWakeUp;
    this.interactions =
        metrics.counter(
            "nudge_slack_interactions_total", "Slash commands, clicks and form submissions");
    this.lateAcks =
        metrics.counter(
            "nudge_slack_deferred_replies_total",
            "Interactions acked before the engine answered; the reply followed via response_url");
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

  /** Registers every listener on {@code app}. */
  void register(App app) {
    app.command(Pattern.compile("/.+"), (req, ctx) -> command(req.getPayload()));
    app.blockAction(ANY, (req, ctx) -> action(req.getPayload()));
    app.viewSubmission(ANY, (req, ctx) -> submission(req.getPayload()));
    app.viewClosed(ANY, (req, ctx) -> ctx.ack());
    app.event(MessageEvent.class, (req, ctx) -> directText(req));
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
    Optional<Reply> inTime = runEngine(command, received, replier, sorry);
    if (inTime.isEmpty()) {
      return Response.ok();
    }
    List<BlockKit.Rendered> parts = present(inTime.get(), payload.getTriggerId(), received);
    if (parts.isEmpty()) {
      return Response.ok();
    }
    // The first message rides in the ack; more (over 50 blocks) follow through response_url.
    if (parts.size() > 1) {
      slackWork.execute(() -> replier.send(parts.subList(1, parts.size())));
    }
    return Response.json(200, parts.get(0).ephemeral().toString());
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
    Optional<Form> carried = FormCodec.decode(clicked.getValue());
    if (carried.isPresent()) {
      // The button carries its form: open it now, no engine round trip, trigger id still fresh.
      List<BlockKit.Rendered> fallback =
          present(Reply.openForm(carried.get()), payload.getTriggerId(), received);
      if (!fallback.isEmpty()) {
        slackWork.execute(() -> replier.send(fallback));
      }
      return Response.ok();
    }
    String value =
        clicked.getSelectedOption() != null
            ? clicked.getSelectedOption().getValue()
            : clicked.getValue();
    Inbound.ActionInvoked invoked =
        new Inbound.ActionInvoked(user, clicked.getActionId(), value == null ? "" : value);
    Optional<Reply> inTime = runEngine(invoked, received, replier, () -> Reply.text(SORRY));
    if (inTime.isPresent()) {
      List<BlockKit.Rendered> parts = present(inTime.get(), payload.getTriggerId(), received);
      if (!parts.isEmpty()) {
        slackWork.execute(() -> replier.send(parts));
      }
    }
    // A click's ack carries nothing: its reply always goes through response_url.
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
    Optional<Reply> inTime = runEngine(submitted, received, replier, () -> Reply.text(SORRY));
    if (inTime.isEmpty() || inTime.get().isEmpty()) {
      return Response.ok(); // closes the modal
    }
    Reply reply = inTime.get();
    ObjectNode answer = BlockKit.json().createObjectNode();
    if (reply.form() != null) {
      // The next step of a conversation: the new form replaces the submitted one.
      formsOpened.increment();
      answer.put("response_action", "update");
      answer.set("view", BlockKit.modal(reply.form(), null));
      return Response.json(200, answer.toString());
    }
    if (!reply.message().actions().isEmpty()) {
      // Buttons belong in the member's DM, where they stay usable: close the modal, post there.
      List<BlockKit.Rendered> parts = present(reply, null, 0);
      slackWork.execute(() -> replier.send(parts));
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
    String eventId = payload.getEventId();
    UserRef user = user(payload.getTeamId(), event.getUser());
    Inbound.DirectText text = new Inbound.DirectText(user, SlackText.fromSlack(event.getText()));
    try {
      engineWork.execute(() -> handleDirect(eventId, text, event.getChannel()));
    } catch (RejectedExecutionException e) {
      // Shutting down: answer 500 so that Slack delivers it again to a running node.
      return Response.error(500);
    }
    return Response.ok();
  }

  private void handleDirect(String eventId, Inbound.DirectText text, String channel) {
    if (eventId != null && !eventsInFlight.add(eventId)) {
      duplicates.increment();
      return;
    }
    Reply reply;
    try {
      reply =
          store.inTransaction(
              tx ->
                  eventId == null
                          || tx.keyValues()
                              .firstDelivery(SlackAdapter.PLATFORM, eventId, clock.instant())
                      ? engine.apply(text)
                      : null);
    } catch (RuntimeException e) {
      log.error("A Slack direct message could not be handled: {}", e.getClass().getName(), e);
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
    List<BlockKit.Rendered> parts = present(reply, null, 0);
    for (BlockKit.Rendered part : parts) {
      try {
        api.postMessage(channel, part);
      } catch (SlackCallFailed e) {
        log.warn("The reply to a direct message was not posted: {} {}", e.method(), e.error());
        return;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The engine inside the ack window

  /**
   * Runs the engine for one interaction: the reply if it comes within the budget, otherwise empty
   * and the reply is sent through {@code replier} when it comes.
   */
  private Optional<Reply> runEngine(
      Inbound inbound, long received, Replier replier, Supplier<Reply> sorry) {
    CompletableFuture<Reply> future;
    try {
      future =
          CompletableFuture.supplyAsync(() -> engine.apply(inbound), engineWork)
              .exceptionally(
                  e -> {
                    log.error("The engine failed on a Slack {}", kind(inbound), e);
                    return sorry.get();
                  });
    } catch (RejectedExecutionException e) {
      return Optional.of(sorry.get());
    }
    future.thenRun(this::wakeOutbox);
    long waitNanos = timing.engineBudget().toNanos() - (System.nanoTime() - received);
    try {
      return Optional.of(future.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      lateAcks.increment();
      log.info(
          "The engine took over {} ms; acked first, the reply follows",
          timing.engineBudget().toMillis());
      future.thenAcceptAsync(reply -> replier.send(present(reply, null, 0)), slackWork);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.thenAcceptAsync(reply -> replier.send(present(reply, null, 0)), slackWork);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(sorry.get());
    }
  }

  /**
   * The reply as Slack messages, opening its form first. With a trigger id and time left before
   * {@link AckTiming#formDeadline()} the modal opens; otherwise (a late reply, a DM, views.open
   * failing) the form becomes a message with a button that opens it.
   */
  private List<BlockKit.Rendered> present(Reply reply, String triggerId, long received) {
    Message message = reply.message();
    Form form = reply.form();
    if (form != null && !(triggerId != null && openForm(form, triggerId, received))) {
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

  private boolean openForm(Form form, String triggerId, long received) {
    String view = BlockKit.modal(form, null).toString();
    CompletableFuture<Void> open;
    try {
      open =
          CompletableFuture.runAsync(
              () -> {
                try {
                  api.openView(triggerId, view);
                } catch (SlackCallFailed e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              },
              slackWork);
    } catch (RejectedExecutionException e) {
      return false;
    }
    long waitNanos = timing.formDeadline().toNanos() - (System.nanoTime() - received);
    try {
      open.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
      formsOpened.increment();
      return true;
    } catch (ExecutionException e) {
      String error = e.getCause() instanceof SlackCallFailed failed ? failed.error() : "unexpected";
      log.warn("views.open failed ({}); sending the form as a button", error);
      return false;
    } catch (TimeoutException e) {
      log.warn("views.open did not answer in time; sending the form as a button");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
