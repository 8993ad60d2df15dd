package org.nudge.engine.domain;

import java.util.function.Function;

/**
 * The engine's door to the database. Every state change and the messages it causes are written in
 * one transaction, so a crash never leaves a win logged without its partner notice, or the reverse.
 */
public interface Store {

  /** Runs {@code work} in one transaction; it commits when {@code work} returns normally. */
  <T> T inTransaction(Function<Tx, T> work);

  /**
   * How many due items the minute sweep hands a routine per transaction: enough that a busy minute
   * isn't mostly commits, few enough that the members of one batch don't wait long for their own
   * commands.
   */
  default int sweepBatch() {
    return 200;
  }
}
