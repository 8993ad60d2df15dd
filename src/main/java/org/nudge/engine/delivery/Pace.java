package org.nudge.engine.delivery;

import java.time.Duration;

/** How fast one workspace's messages may go: this node's alone, or shared by every node. */
interface Pace {

  /**
   * Waits for the next slot; returns false if the wait would be longer than {@code maxWaitMillis}.
   */
  boolean acquire(long maxWaitMillis) throws InterruptedException;

  /** How long until a slot is free. */
  long millisUntilFree();

  /** The platform asked to wait {@code wait} (a 429's Retry-After): no slot before then. */
  default void holdFor(Duration wait) {}
}
