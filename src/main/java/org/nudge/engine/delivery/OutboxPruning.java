package org.nudge.engine.delivery;

import java.time.Duration;
import java.time.Instant;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.rhythm.Routine;

/**
 * Deletes sent messages once they are older than the configured time ({@code outbox.keepSent}). A
 * sent message is kept a while so a re-delivered event finds its idempotency key, but its text
 * quotes members, and nobody needs it once it has arrived.
 */
public final class OutboxPruning implements Routine {

  private final Duration keepSent;

  public OutboxPruning(Duration keepSent) {
    this.keepSent = keepSent;
  }

  @Override
  public String name() {
    return "outbox-pruning";
  }

  @Override
  public int runBatch(Tx tx, Instant now, int limit) {
    return tx.outbox().pruneSent(now.minus(keepSent), limit);
  }
}
