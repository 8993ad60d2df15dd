package org.nudge.adapter.slack;

import java.time.Duration;

/**
 * How much work the Slack adapter takes on after its acks. Interactions are acknowledged at once
 * and queued for the engine; the queue is bounded so that a stalled database or a burst beyond what
 * the node can serve turns people away with a sentence ("busy, try again") instead of queueing
 * replies that would arrive minutes late, or never.
 *
 * @param engineThreads workers running the engine after the ack, each member's work in order (each
 *     holds a database connection while it works, so a few more than the pool's connections is
 *     plenty)
 * @param engineQueue interactions waiting for a worker, modal submissions included, before new ones
 *     are turned away
 * @param formThreads workers that start a modal submission at once when its member has nothing else
 *     running (its answer rides in the ack)
 * @param ioThreads workers talking to Slack after the ack: {@code views.open}, {@code
 *     response_url}, direct-message replies, waking the outbox
 * @param ioQueue Slack calls waiting for an I/O worker; past it a worker makes its call itself
 * @param acksQuiet how long Slack must have sent nothing before the engine's work after an ack
 *     starts ({@link AcksFirst})
 * @param acksHold the longest that work waits for quiet; zero to let it run alongside the acks
 */
record WorkLimits(
    int engineThreads,
    int engineQueue,
    int formThreads,
    int ioThreads,
    int ioQueue,
    Duration acksQuiet,
    Duration acksHold) {

  /**
   * 4 engine workers and 10,000 waiting. The engine's work is mostly H2 writes, which don't run
   * faster side by side, so more workers only took CPU from the acks (measured in the Slack ack
   * benchmark: with 16 workers a flood of commands made acks 3.6 times slower at p99 than an empty
   * Bolt handler's, with 4 from 1.3 to 1.6 times). The engine answers about a thousand commands a
   * second here, so a full queue drains in about ten seconds: a reply late by seconds, not minutes,
   * and well inside the half hour a response_url lasts. 2 workers for modal submissions.
   *
   * <p>Work after an ack starts once Slack has sent nothing for 5 ms, or after 2 s at the latest
   * ({@link AcksFirst}). In the benchmark's flood of 50 clients that took the acks' p99 from 1.4 to
   * 1.7 times the empty handler's to 1.0 to 1.2 times (with rows mapped by hand too); with 50
   * members each waiting for their reply, replies took about 37 ms at p50 instead of 30.
   */
  static final WorkLimits SLACK =
      new WorkLimits(4, 10_000, 2, 8, 1000, Duration.ofMillis(5), Duration.ofSeconds(2));

  WorkLimits {
    if (engineThreads < 1 || engineQueue < 1 || formThreads < 1 || ioThreads < 1 || ioQueue < 1) {
      throw new IllegalArgumentException("Slack work limits must all be at least 1");
    }
  }
}
