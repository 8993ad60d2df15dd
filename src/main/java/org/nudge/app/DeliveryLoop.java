package org.nudge.app;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.nudge.engine.delivery.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one delivery thread: it drains the outbox on a short poll, and at once when woken.
 *
 * <p>Only this thread ever delivers. When each person's action delivered on the thread that handled
 * it, several batches competed for the same pacer: one member's notices reached their partner out
 * of order, and the threads that answer people slept in the pacer instead of answering. Now {@link
 * #wake()} only raises a flag and returns.
 */
public final class DeliveryLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

  /** A Slack or Discord call times out after 10 s; a pacing wait adds at most 2 s. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(12);

  private final Dispatcher dispatcher;
  private final long pollMillis;
  private final Semaphore woken = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;

  public DeliveryLoop(Dispatcher dispatcher, long pollMillis) {
    this.dispatcher = dispatcher;
    this.pollMillis = pollMillis;
    this.thread = new Thread(this::loop, "nudge-delivery");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks for a drain soon (what a person did just queued a notice); never blocks. */
  public void wake() {
    if (woken.availablePermits() == 0) {
      woken.release();
    }
  }

  private void loop() {
    while (running) {
      try {
        dispatcher.drain();
      } catch (RuntimeException e) {
        log.error("Delivery failed; will try again", e);
      }
      try {
        woken.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
        woken.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Stops after the message in hand; the rest of its batch is handed back to the outbox (for
   * another node, or the next start) rather than held until its lease runs out. Waits for the send
   * in hand, which a platform's timeout bounds; the thread is never interrupted mid-send, as a send
   * cut short may have reached the platform and would then be sent again.
   */
  @Override
  public void close() {
    dispatcher.stop();
    running = false;
    woken.release();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("Delivery is still sending after {}; its claims expire with their lease", STOP_WAIT);
    }
  }
}
