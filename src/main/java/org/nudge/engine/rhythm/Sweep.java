package org.nudge.engine.rhythm;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nudge.engine.domain.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every routine until nothing is due. The scheduler calls it every minute (one node at a
 * time), and after downtime it catches up: each routine decides what is still worth sending.
 */
public final class Sweep {

  private static final Logger log = LoggerFactory.getLogger(Sweep.class);
  private static final int MAX_BATCHES = 10_000;

  private final Store store;
  private final Clock clock;
  private final List<Routine> routines;

  public Sweep(Store store, Clock clock, List<Routine> routines) {
    this.store = store;
    this.clock = clock;
    this.routines = List.copyOf(routines);
  }

  /** Handles everything due now; returns how many items each routine handled. */
  public Map<String, Integer> run() {
    Instant now = clock.instant();
    Map<String, Integer> handled = new LinkedHashMap<>();
    int size = store.sweepBatch();
    for (Routine routine : routines) {
      int total = 0;
      for (int batch = 0; batch < MAX_BATCHES; batch++) {
        int n = store.inTransaction(tx -> routine.runBatch(tx, now, size));
        total += n;
        if (n < size) {
          break;
        }
      }
      handled.put(routine.name(), total);
    }
    if (handled.values().stream().anyMatch(n -> n > 0)) {
      log.info("Sweep at {} handled {}", now, handled);
    }
    return handled;
  }
}
