package org.nudge.engine.rhythm;

import java.time.Instant;
import java.util.List;
import org.nudge.engine.domain.Tx;

/**
 * A routine whose due items are handled one at a time: a batch is read from the routine's indexed
 * due-instant column and each item goes to {@link #handle}, which must move the item's due instant
 * past {@code now} (or the sweep stops at its batch cap, finding the same items again).
 */
public abstract class EachDue<T> implements Routine {

  /** Reads at most {@code limit} items due at or before {@code now}. */
  @FunctionalInterface
  public interface Query<T> {
    List<T> due(Tx tx, Instant now, int limit);
  }

  private final String name;
  private final Query<T> query;

  protected EachDue(String name, Query<T> query) {
    this.name = name;
    this.query = query;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int runBatch(Tx tx, Instant now, int limit) {
    List<T> due = query.due(tx, now, limit);
    due.forEach(item -> handle(tx, item, now));
    return due.size();
  }

  /** Handles one due item in the batch's transaction. */
  protected abstract void handle(Tx tx, T item, Instant now);
}
