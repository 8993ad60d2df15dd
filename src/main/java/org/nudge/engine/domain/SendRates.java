package org.nudge.engine.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Send slots of each workspace, shared by every node on one database, so that the platform's rate
 * for a workspace holds across nodes. Instants here are wall-clock time: a platform's rate limit is
 * about real seconds, whatever clock the engine reads.
 */
public interface SendRates {

  /**
   * Reserves {@code count} consecutive slots {@code interval} apart for {@code key}, none before
   * {@code now}, and returns the start of the first; no other node gets a slot in that span.
   */
  Instant reserve(String key, int count, Duration interval, Instant now);

  /** Frees no slot for {@code key} before {@code until} (a 429's Retry-After), on every node. */
  void holdUntil(String key, Instant until);
}
