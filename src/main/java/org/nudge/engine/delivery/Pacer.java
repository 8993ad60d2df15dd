package org.nudge.engine.delivery;

import java.util.concurrent.TimeUnit;

/**
 * Spaces sends to one workspace evenly at a platform's rate, in real time: the platform's limit is
 * about wall-clock seconds, whatever clock the engine reads. (A 429's {@code Retry-After} is kept
 * by the dispatcher on the engine's clock, with the retry itself.)
 */
final class Pacer {

  private final long intervalNanos;
  private long nextFreeNanos = System.nanoTime();

  Pacer(double perSecond) {
    this.intervalNanos =
        Double.isInfinite(perSecond) || perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
  }

  /**
   * Waits for the next slot; returns false if the wait would be longer than {@code maxWaitMillis}.
   */
  synchronized boolean acquire(long maxWaitMillis) throws InterruptedException {
    long now = System.nanoTime();
    long wait = nextFreeNanos - now;
    if (wait > TimeUnit.MILLISECONDS.toNanos(maxWaitMillis)) {
      return false;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    nextFreeNanos = Math.max(nextFreeNanos, now) + intervalNanos;
    return true;
  }

  synchronized long millisUntilFree() {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextFreeNanos - System.nanoTime()));
  }
}
