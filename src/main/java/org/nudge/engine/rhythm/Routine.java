package org.nudge.engine.rhythm;

import java.time.Instant;
import org.nudge.engine.domain.Tx;

/**
 * One kind of due work that the sweep runs: weekly reflections, check-in reminders, feedback
 * rounds, advice follow-ups, plan revisits. Each reads its due items from an indexed column in
 * batches, so the sweep scales to many members without a scheduler trigger per person.
 */
public interface Routine {

  /** A short name for logs and metrics. */
  String name();

  /**
   * Handles up to {@code limit} items due at or before {@code now} in one transaction, moving each
   * item's due instant past {@code now}; returns how many it handled.
   */
  int runBatch(Tx tx, Instant now, int limit);
}
