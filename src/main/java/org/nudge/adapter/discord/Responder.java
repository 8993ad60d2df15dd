package org.nudge.adapter.discord;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IMessageEditCallback;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an interaction within Discord's three seconds, whatever the engine's pace. The engine
 * runs on a worker; if it answers within the budget, the answer is the interaction's first
 * response, so a form can open as a modal at once. If not, the interaction is deferred
 * (ephemerally) when the budget runs out and the answer edits the deferred message later, well
 * within the 15 minutes Discord allows; a form then comes as a button that opens it. Exactly one of
 * the two paths wins, decided by one compare-and-set.
 */
final class Responder {

  private static final Logger log = LoggerFactory.getLogger(Responder.class);
  private static final int PENDING = 0;
  private static final int ANSWERED = 1;
  private static final int DEFERRED = 2;
  static final String OOPS =
      "Something went wrong on my side and nothing was saved; please try again in a minute.";

  private final Function<Inbound, Reply> engine;
  private final DiscordRenderer renderer;
  private final InMemberOrder inOrder;
  private final ScheduledExecutorService timer;
  private final Duration budget;
  private final Runnable afterInput;

  Responder(
      Function<Inbound, Reply> engine,
      DiscordRenderer renderer,
      ExecutorService workers,
      ScheduledExecutorService timer,
      Duration budget,
      Runnable afterInput) {
    this.engine = engine;
    this.renderer = renderer;
    this.inOrder = new InMemberOrder(workers);
    this.timer = timer;
    this.budget = budget;
    this.afterInput = afterInput;
  }

  /** Runs the engine on a worker and calls back with its reply (or a polite failure). */
  CompletableFuture<Reply> handle(Inbound inbound) {
    return handle(inbound.user(), () -> engine.apply(inbound));
  }

  /**
   * Answers a command that came with a file: the file is downloaded on a worker, after the
   * interaction is deferred if that takes long, then the command and its file go to the engine.
   */
  void respondToUpload(
      IReplyCallback callback, Inbound.Command command, String fileName, Download download) {
    respond(
        callback,
        command.user(),
        () -> {
          byte[] content;
          try {
            content = download.get();
          } catch (IOException e) {
            log.warn("A Discord attachment could not be downloaded: {}", e.getMessage());
            return Reply.text(
                "I couldn't fetch the file from Discord; please run the command again with it.");
          }
          return engine.apply(new Inbound.Upload(command.user(), fileName, content, command));
        },
        true);
  }

  /** Fetches a file's bytes. */
  @FunctionalInterface
  interface Download {
    byte[] get() throws IOException;
  }

  /** Runs {@code work} on a worker after the member's earlier input, in the order it came. */
  private CompletableFuture<Reply> handle(UserRef member, Supplier<Reply> work) {
    return inOrder
        .run(member, work)
        .exceptionally(
            e -> {
              log.error("The engine failed on a Discord input", e);
              return Reply.text(OOPS);
            })
        .whenComplete((reply, e) -> runAfterInput());
  }

  private void runAfterInput() {
    try {
      afterInput.run();
    } catch (RuntimeException e) {
      log.warn("The after-input hook failed", e);
    }
  }

  /**
   * Answers {@code callback} with the engine's reply to {@code inbound}. {@code modalAllowed} is
   * false where Discord can't open a modal (in answer to a modal).
   */
  void respond(IReplyCallback callback, Inbound inbound, boolean modalAllowed) {
    respond(callback, inbound.user(), () -> engine.apply(inbound), modalAllowed);
  }

  private void respond(
      IReplyCallback callback, UserRef member, Supplier<Reply> work, boolean modalAllowed) {
    AtomicInteger state = new AtomicInteger(PENDING);
    ScheduledFuture<?> deferral =
        timer.schedule(
            () -> {
              if (state.compareAndSet(PENDING, DEFERRED)) {
                callback.deferReply(true).queue(null, e -> failed("defer", e));
              }
            },
            budget.toMillis(),
            TimeUnit.MILLISECONDS);
    handle(member, work)
        .thenAccept(
            reply -> {
              if (state.compareAndSet(PENDING, ANSWERED)) {
                deferral.cancel(false);
                answerNow(callback, reply, modalAllowed);
              } else {
                answerDeferred(callback.getHook(), reply);
              }
            });
  }

  private void answerNow(IReplyCallback callback, Reply reply, boolean modalAllowed) {
    String user = callback.getUser().getId();
    if (reply.form() != null && modalAllowed && callback instanceof IModalCallback modal) {
      modal.replyModal(renderer.modal(reply.form())).queue(null, e -> failed("modal", e));
      if (!reply.message().text().isEmpty() || !reply.message().actions().isEmpty()) {
        followUps(callback.getHook(), renderer.asContent(reply.message(), user), 0);
      }
      return;
    }
    Message message = visible(reply);
    if (message == null) {
      if (callback instanceof IMessageEditCallback edit) {
        // A click whose effect arrives elsewhere: acknowledge without changing anything.
        edit.deferEdit().queue(null, e -> failed("ack", e));
        return;
      }
      message = Message.text("Done.");
    }
    List<MessageCreateData> pieces = renderer.asContent(message, user);
    callback.reply(pieces.get(0)).setEphemeral(true).queue(null, e -> failed("reply", e));
    followUps(callback.getHook(), pieces, 1);
  }

  private void answerDeferred(InteractionHook hook, Reply reply) {
    Message message = visible(reply);
    if (message == null) {
      message = Message.text("Done.");
    }
    List<MessageCreateData> pieces =
        renderer.asContent(message, hook.getInteraction().getUser().getId());
    hook.editOriginal(MessageEditData.fromCreateData(pieces.get(0)))
        .queue(null, e -> failed("edit", e));
    followUps(hook, pieces, 1);
  }

  /** The reply as a message, a form becoming a button that opens it; null when empty. */
  private Message visible(Reply reply) {
    if (reply.form() != null) {
      return renderer.formButton(reply.message(), reply.form());
    }
    return reply.isEmpty() ? null : reply.message();
  }

  private static void followUps(InteractionHook hook, List<MessageCreateData> pieces, int from) {
    for (int i = from; i < pieces.size(); i++) {
      hook.sendMessage(pieces.get(i)).setEphemeral(true).queue(null, e -> failed("follow-up", e));
    }
  }

  private static void failed(String what, Throwable e) {
    log.warn("Discord {} failed: {}", what, e.toString());
  }
}
