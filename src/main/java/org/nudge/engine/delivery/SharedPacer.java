package org.nudge.engine.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.nudge.engine.domain.Store;

/**
 * A workspace's pace shared by every node on one database: slots are reserved a few at a time from
 * the workspace's row ({@link org.nudge.engine.domain.SendRates}), so two nodes together never send
 * faster than the platform's rate, where each with its own {@link Pacer} would send twice as fast.
 *
 * <p>Slots are {@link #SPACING} wider than the rate asks: a node's send may start a little after
 * its slot (a late wake-up), and the margin keeps one more send than the rate from fitting into any
 * second even then. A slot missed by more than {@link #LATE} is not used, since a send that late
 * could crowd the next node's slot.
 */
final class SharedPacer implements Pace {

  /** 2 % wider slots than the rate, so a send up to 20 ms late can't make a second too full. */
  static final double SPACING = 1.02;

  /** A slot is given up when this late: half the margin, the rest is for the network. */
  private static final Duration LATE = Duration.ofMillis(10);

  /** How much time one reservation covers, to keep reservations to a few a second. */
  private static final Duration BLOCK = Duration.ofMillis(200);

  private final Store store;
  private final Clock wall;
  private final String key;
  private final Duration interval;
  private final int maxBlock;
  private final ArrayDeque<Instant> slots = new ArrayDeque<>();

  /**
   * Slots reserved at a time: doubled while this node uses every slot it reserved, halved when it
   * lets some pass. A node slower than the rate (each call a network round trip) then reserves one
   * or two at a time, instead of a block of slots it would mostly waste while the other nodes wait
   * for the block to pass.
   */
  private int block = 1;

  private int missed;

  /**
   * @param wall real time, as a platform's limit counts it; node clocks must agree within a few
   *     milliseconds for the rate to hold exactly (NTP does; Quartz asks for 1 s)
   */
  SharedPacer(Store store, Clock wall, String key, double perSecond) {
    this.store = store;
    this.wall = wall;
    this.key = key;
    this.interval = Duration.ofNanos((long) (SPACING * 1_000_000_000L / perSecond));
    this.maxBlock =
        (int) Math.max(1, Math.min(50, BLOCK.toNanos() / Math.max(1, interval.toNanos())));
  }

  @Override
  public synchronized boolean acquire(long maxWaitMillis) throws InterruptedException {
    while (true) {
      Instant now = wall.instant();
      while (!slots.isEmpty() && slots.peek().plus(LATE).isBefore(now)) {
        slots.poll(); // missed: using it now could crowd the slot after it, another node's
        missed++;
      }
      if (slots.isEmpty()) {
        reserve(now);
        continue; // the reservation took time: look at the clock again
      }
      long wait = Duration.between(now, slots.peek()).toNanos();
      if (wait > TimeUnit.MILLISECONDS.toNanos(maxWaitMillis)) {
        return false; // kept for the next call
      }
      if (wait > 0) {
        // parkNanos, as in Pacer; a late wake-up is checked on the next turn of the loop.
        LockSupport.parkNanos(wait);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        continue;
      }
      slots.poll();
      return true;
    }
  }

  @Override
  public synchronized long millisUntilFree() {
    Instant now = wall.instant();
    Instant next = slots.isEmpty() ? now : slots.peek();
    return Math.max(0, Duration.between(now, next).toMillis());
  }

  @Override
  public synchronized void holdFor(Duration wait) {
    missed += slots.size();
    slots.clear();
    Instant until = wall.instant().plus(wait);
    store.inTransaction(
        tx -> {
          tx.sendRates().holdUntil(key, until);
          return null;
        });
  }

  private void reserve(Instant now) {
    block = missed > 0 ? Math.max(1, block / 2) : Math.min(maxBlock, block * 2);
    missed = 0;
    Instant first;
    try {
      first = store.inTransaction(tx -> tx.sendRates().reserve(key, block, interval, now));
    } catch (RuntimeException e) {
      // Two nodes met the workspace's first send at once; the row is there now.
      first = store.inTransaction(tx -> tx.sendRates().reserve(key, block, interval, now));
    }
    for (int i = 0; i < block; i++) {
      slots.add(first.plus(interval.multipliedBy(i)));
    }
  }
}
