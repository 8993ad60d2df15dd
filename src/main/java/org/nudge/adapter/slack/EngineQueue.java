package org.nudge.adapter.slack;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.http.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the engine runs for what a member did on Slack, and what happens when it can't.
 *
 * <p>Whatever one member sends takes effect in the order it arrived, while different members' work
 * runs side by side ({@link MemberLanes}). Slash commands, clicks and direct messages are
 * acknowledged at once; the engine runs after the ack, once Slack's acks in progress are done
 * ({@link AcksFirst}). Modal submissions are the exception: their answer can only replace the modal
 * inside the ack, so a submission waits for the engine up to {@link AckTiming#engineBudget()}, and
 * later the answer is sent on when it comes.
 *
 * <p>The queue is bounded ({@link WorkLimits}): when it is full nothing is queued and nothing will
 * be saved, and the caller tells the member so at once, rather than answering minutes later.
 */
final class EngineQueue {

  private static final Logger log = LoggerFactory.getLogger(EngineQueue.class);

  private final Function<Inbound, Reply> engine;
  private final SlackWork work;
  private final AckTiming timing;
  private final Runnable outboxWakeUp;
  private final Metrics.Counter overloaded;
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();

  /**
   * @param outboxWakeUp asks for what the engine queued for others (a partner's notice) to go out
   *     now: a signal that returns at once (the server's delivery loop); run after each input the
   *     engine handled, on a Slack I/O worker, so not even a slow one holds a member's lane
   */
  EngineQueue(
      Function<Inbound, Reply> engine,
      SlackWork work,
      AckTiming timing,
      Runnable outboxWakeUp,
      Metrics metrics) {
    this.engine = engine;
    this.work = work;
    this.timing = timing;
    this.outboxWakeUp = outboxWakeUp;
    this.overloaded =
        metrics.counter(
            "nudge_slack_overloaded_total",
            "Interactions turned away with a 'too busy' sentence because the engine's queue was"
                + " full");
  }

  /**
   * Queues the engine on {@code inbound} for after the acks; its reply, or {@code sorry}'s if the
   * engine fails, then goes to {@code then}. False when the queue is full: nothing was queued.
   */
  boolean afterAck(Inbound inbound, Supplier<Reply> sorry, Consumer<Reply> then) {
    try {
      queue(
          inbound.user(),
          () -> {
            Reply reply;
            try {
              reply = engine.apply(inbound);
            } catch (RuntimeException e) {
              log.error("The engine failed on a Slack {}", kind(inbound), e);
              reply = sorry.get();
            }
            wakeOutbox();
            then.accept(reply);
          });
      return true;
    } catch (RejectedExecutionException e) {
      overloaded.increment();
      log.warn("Too busy for a Slack {}: the engine's queue is full", kind(inbound));
      return false;
    }
  }

  /**
   * Queues {@code task}, a direct message from {@code user} that runs the engine itself, for after
   * the acks. False when the queue is full: nothing was queued, and Slack should send it again.
   */
  boolean afterAck(UserRef user, Runnable task) {
    try {
      queue(user, task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Runs the engine on a modal submission, whose answer must ride in the ack: the reply if it comes
   * within the budget since the request was {@code received} ({@link System#nanoTime()}), otherwise
   * empty, and the reply goes to {@code late} when it comes.
   *
   * @throws RejectedExecutionException when the queue is full
   */
  Optional<Reply> withinAck(
      Inbound inbound, long received, Supplier<Reply> sorry, Consumer<Reply> late) {
    CompletableFuture<Reply> done = new CompletableFuture<>();
    try {
      work.lanes()
          .urgent(
              inbound.user(),
              () -> {
                try {
                  done.complete(engine.apply(inbound));
                } catch (RuntimeException e) {
                  done.completeExceptionally(e);
                }
              });
    } catch (RejectedExecutionException e) {
      overloaded.increment();
      log.warn("Too busy for a Slack form submission: the engine's queue is full");
      throw e;
    }
    CompletableFuture<Reply> future =
        done.exceptionally(
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      return Optional.of(sorry.get());
    }
    future.thenAcceptAsync(late, work.io());
    return Optional.empty();
  }

  /** Slack's deadlines this queue works to. */
  AckTiming timing() {
    return timing;
  }

  /** Runs the outbox soon, so what the engine just queued (a partner's notice) goes out now. */
  void wakeOutbox() {
    if (wakeUpPending.compareAndSet(false, true)) {
      try {
        work.slack()
            .execute(
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

  private void queue(UserRef user, Runnable task) {
    work.lanes().afterAcks(user, task);
  }

  private static String kind(Inbound inbound) {
    return inbound.getClass().getSimpleName();
  }
}
