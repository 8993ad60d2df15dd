package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Nudge's answers on Slack to what a member did, after the ack or inside it.
 *
 * <p>After the ack a reply goes to the interaction's {@code response_url} (ephemeral: only the
 * member sees it), or to their DM when there is none or it no longer works. A form in the reply
 * opens with {@code views.open} and the interaction's trigger id, which Slack expires 3 s after the
 * user acted whatever the ack did; if the reply comes too late for it ({@link
 * AckTiming#formDeadline()}) or {@code views.open} fails, the member gets a button that opens the
 * form (a click brings a fresh trigger id).
 *
 * <p>A modal submission's answer rides in its ack: the next form replaces the modal, a message
 * replaces its content, and buttons go to the DM, where they stay usable.
 */
final class SlackReplies {

  private static final Logger log = LoggerFactory.getLogger(SlackReplies.class);
  static final String SORRY =
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

  private final SlackApi api;
  private final SlackGateway gateway;
  private final SlackWork work;
  private final AckTiming timing;
  private final Metrics.Counter repliesAfterAck;
  private final Metrics.Counter formsOpened;
  private final Metrics.Counter formFallbacks;

  SlackReplies(
      SlackApi api, SlackGateway gateway, SlackWork work, AckTiming timing, Metrics metrics) {
    this.api = api;
    this.gateway = gateway;
    this.work = work;
    this.timing = timing;
    this.repliesAfterAck =
        metrics.counter(
            "nudge_slack_deferred_replies_total",
            "Interactions acked before the engine answered; the reply followed via response_url"
                + " (every command and click, and submissions the engine answered late)");
    this.formsOpened = metrics.counter("nudge_slack_forms_opened_total", "Modals opened");
    this.formFallbacks =
        metrics.counter(
            "nudge_slack_form_fallbacks_total",
            "Forms sent as an open button because the trigger id could no longer be used");
  }

  /**
   * Where a reply after the ack goes: the interaction's {@code response_url} (at most 5 times in 30
   * minutes, plenty for one reply), or the member's DM when it is null or no longer works.
   */
  record To(UserRef user, String responseUrl) {}

  /**
   * Sends a reply after the ack: its form first (with {@code triggerId}, if there is still time
   * since the request was {@code received}, in {@link System#nanoTime()}), then the message, with a
   * button for a form that did not open.
   */
  void afterAck(Reply reply, To to, String triggerId, long received) {
    CompletableFuture<Boolean> opened =
        reply.form() == null || triggerId == null
            ? CompletableFuture.completedFuture(false)
            : openForm(reply.form(), triggerId, received);
    opened.thenAcceptAsync(
        formOpen -> {
          List<BlockKit.Rendered> parts = present(reply, formOpen);
          if (!parts.isEmpty()) {
            repliesAfterAck.increment();
            send(to, parts);
          }
          if (reply.message().chart() != null) {
            // A response_url carries no file: a preview's chart goes to the lead's DM.
            gateway.chartToDirect(to.user(), reply.message().chart());
          }
        },
        work.io());
  }

  /** Says "too busy" after the ack; false if even that can't be queued. */
  boolean busy(To to, Reply busy) {
    List<BlockKit.Rendered> parts = present(busy, false);
    try {
      work.slack().execute(() -> send(to, parts));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** "Too busy" inside the ack itself, for when even the Slack workers are swamped. */
  static Response busyInAck(Reply busy) {
    return Response.json(200, BlockKit.render(busy.message()).get(0).ephemeral().toString());
  }

  /**
   * A modal submission's answer in its ack: the next form or the answer replaces the modal; a reply
   * with buttons closes it and goes to the member's DM; an empty reply closes it.
   */
  Response inAck(Reply reply, String title, To to) {
    if (reply.isEmpty()) {
      return Response.ok();
    }
    ObjectNode answer = BlockKit.json().createObjectNode();
    if (reply.form() != null) {
      formsOpened.increment();
      answer.put("response_action", "update");
      answer.set("view", BlockKit.modal(reply.form(), null));
      return Response.json(200, answer.toString());
    }
    if (!reply.message().actions().isEmpty()) {
      List<BlockKit.Rendered> parts = present(reply, false);
      work.io().execute(() -> send(to, parts));
      return Response.ok();
    }
    answer.put("response_action", "update");
    answer.set("view", BlockKit.answerModal(title, reply.message()));
    return Response.json(200, answer.toString());
  }

  /** Keeps a modal open with everything typed in it, and {@code why} under its first field. */
  static Response keepOpen(Inbound.FormSubmitted submitted, String why) {
    ObjectNode answer = BlockKit.json().createObjectNode();
    answer.put("response_action", "errors");
    answer.putObject("errors").put(submitted.values().keySet().iterator().next(), why);
    return Response.json(200, answer.toString());
  }

  /**
   * Answers a direct message where it was written (its DM, its thread), and says so when files came
   * with it, which Nudge does not read. Runs on the worker that handled it, so one member's answers
   * are posted in the order of their messages.
   */
  void direct(SlackPayloads.DirectMessage message, Reply reply) {
    direct(message, reply, true);
  }

  /** As above; {@code filesUnread} false when the engine was handed the file. */
  void direct(SlackPayloads.DirectMessage message, Reply reply, boolean filesUnread) {
    List<BlockKit.Rendered> parts = new ArrayList<>(present(reply, false));
    if (message.withFiles() && filesUnread) {
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
      List<Action> actions = new ArrayList<>(message.actions());
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
            work.io())
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

  private void send(To to, List<BlockKit.Rendered> parts) {
    for (BlockKit.Rendered part : parts) {
      if (to.responseUrl() != null) {
        try {
          api.respond(to.responseUrl(), part.ephemeral().toString());
          continue;
        } catch (SlackCallFailed e) {
          log.warn("response_url failed ({}); replying by direct message", e.error());
        }
      }
      try {
        api.postMessage(gateway.directChannel(to.user()), part);
      } catch (SlackCallFailed e) {
        log.warn("A reply was lost: {} {}", e.method(), e.error());
        return;
      }
    }
  }
}
