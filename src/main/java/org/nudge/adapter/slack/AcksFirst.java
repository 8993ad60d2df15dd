package org.nudge.adapter.slack;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Gives Slack's acks the CPU before the engine's work that follows them. Slack wants every ack
 * within 3 seconds; the reply that follows may come later (a response_url lasts half an hour). On a
 * small machine the two compete for the same cores, so an engine worker about to start on a command
 * first waits until Slack has gone {@code quiet}: no request being acked and none arrived for that
 * long. It never waits longer than {@code hold} from the moment the command was queued.
 *
 * <p>In ordinary traffic requests leave gaps and the engine starts within a few milliseconds. In a
 * burst that saturates the node, the burst is acked first and answered in the gaps and right after
 * it; under a flood longer than {@code hold} the engine runs alongside the acks, as it would
 * without this, and the engine's bounded queue still decides who is turned away.
 *
 * <p>Only work whose reply follows the ack waits here. A modal submission's answer rides in its own
 * ack, so its engine work must not wait for acks (its own request is one of them), nor may the same
 * member's earlier work it runs behind ({@link MemberLanes} hurries that).
 */
final class AcksFirst {

  private final long quietNanos;
  private final long holdNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition quietened = lock.newCondition();
  private int acking;
  private long lastArrival;

  /**
   * @param quiet how long Slack must have sent nothing before the engine starts
   * @param hold the longest the engine's work waits for quiet; zero never waits
   */
  AcksFirst(Duration quiet, Duration hold) {
    if (quiet.isNegative() || hold.isNegative()) {
      throw new IllegalArgumentException("Waiting for acks can't take a negative time");
    }
    this.quietNanos = quiet.toNanos();
    this.holdNanos = hold.toNanos();
    this.lastArrival = System.nanoTime() - quietNanos;
  }

  /** Never holds anything back (an endpoint without an engine behind it). */
  static AcksFirst never() {
    return new AcksFirst(Duration.ZERO, Duration.ZERO);
  }

  /** A request arrived and is being acked. */
  void acking() {
    lock.lock();
    try {
      acking++;
      lastArrival = System.nanoTime();
    } finally {
      lock.unlock();
    }
  }

  /** A request's ack is ready to be written. */
  void acked() {
    lock.lock();
    try {
      if (--acking == 0) {
        quietened.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code task}, which once started first waits for Slack to go quiet, at most until {@code hold}
   * has passed since this call.
   */
  Runnable afterAcks(Runnable task) {
    if (holdNanos == 0) {
      return task;
    }
    long deadline = holdUntil();
    return () -> {
      awaitQuiet(deadline, () -> false);
      task.run();
    };
  }

  /** The latest a task queued now waits for quiet ({@link System#nanoTime()}). */
  long holdUntil() {
    return System.nanoTime() + holdNanos;
  }

  /**
   * Waits until Slack has gone quiet, {@code deadline} has passed, or {@code hurry} says to stop
   * waiting: work that something urgent waits for (a modal submission's answer, which rides in an
   * ack, queued behind it) must not wait for that very ack. {@link #hurry()} makes waiters look at
   * {@code hurry} again.
   */
  void awaitQuiet(long deadline, BooleanSupplier hurry) {
    if (holdNanos == 0) {
      return;
    }
    lock.lock();
    try {
      long left = deadline - System.nanoTime();
      while (left > 0 && !hurry.getAsBoolean()) {
        if (acking > 0) {
          quietened.awaitNanos(left);
        } else {
          long quietFor = System.nanoTime() - lastArrival;
          if (quietFor >= quietNanos) {
            return;
          }
          quietened.awaitNanos(Math.min(left, quietNanos - quietFor));
        }
        left = deadline - System.nanoTime();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Makes every waiting task look at its {@code hurry} again. */
  void hurry() {
    lock.lock();
    try {
      quietened.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
