package org.nudge.app;

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

  /** Stops after the batch in hand; what is left stays in the outbox for the next start. */
  @Override
  public void close() {
    running = false;
    woken.release();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
