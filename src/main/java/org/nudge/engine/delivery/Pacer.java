package org.nudge.engine.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends to one workspace evenly at a platform's rate, in real time: the platform's limit is
 * about wall-clock seconds, whatever clock the engine reads. (A 429's {@code Retry-After} is kept
 * by the dispatcher on the engine's clock, with the retry itself.)
 */
final class Pacer implements Pace {

  private final long intervalNanos;
  private long nextFreeNanos = System.nanoTime();

  Pacer(double perSecond) {
    this.intervalNanos =
        Double.isInfinite(perSecond) || perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
  }

  /**
   * Waits for the next slot; returns false if the wait would be longer than {@code maxWaitMillis}.
   */
  @Override
  public synchronized boolean acquire(long maxWaitMillis) throws InterruptedException {
    long now = System.nanoTime();
    long wait = nextFreeNanos - now;
    if (wait > TimeUnit.MILLISECONDS.toNanos(maxWaitMillis)) {
      return false;
    }
    // parkNanos, not sleep: Java 17's sleep rounds a wait up to the next whole millisecond, which
    // at 50 messages a second (a 20 ms interval) alone costs up to 5 % of the rate.
    while (wait > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      now = System.nanoTime();
      wait = nextFreeNanos - now;
    }
    // The next slot counts from when this one really went, not from when it was due: after a
    // late wake-up (a busy machine, a GC pause) the next message still keeps a full interval
    // behind this one. Catching up with two sends closer together is what a platform's limiter
    // answers with a 429, and each 429 costs an attempt and a Retry-After pause.
    nextFreeNanos = Math.max(nextFreeNanos, now) + intervalNanos;
    return true;
  }

  @Override
  public synchronized long millisUntilFree() {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextFreeNanos - System.nanoTime()));
  }
}
