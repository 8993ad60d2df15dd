package org.nudge.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nudge.engine.delivery.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers the outbox continuously: a short poll, so messages leave within a second. */
public final class DeliveryLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nudge-delivery");
            t.setDaemon(true);
            return t;
          });

  public DeliveryLoop(Dispatcher dispatcher, long pollMillis) {
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            dispatcher.drain();
          } catch (RuntimeException e) {
            log.error("Delivery failed; will try again", e);
          }
        },
        0,
        pollMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
