package org.nudge.adapter.slack;

/**
 * How much work the Slack adapter takes on after its acks. Interactions are acknowledged at once
 * and queued for the engine; the queue is bounded so that a stalled database or a burst beyond what
 * the node can serve turns people away with a sentence ("busy, try again") instead of queueing
 * replies that would arrive minutes late, or never.
 *
 * @param engineThreads workers running the engine (each holds a database connection while it works,
 *     so a few more than the pool's connections is plenty)
 * @param engineQueue interactions waiting for a worker before new ones are turned away
 * @param ioThreads workers talking to Slack after the ack: {@code views.open}, {@code
 *     response_url}, direct-message replies, waking the outbox
 * @param ioQueue Slack calls waiting for an I/O worker; past it a worker makes its call itself
 */
record WorkLimits(int engineThreads, int engineQueue, int ioThreads, int ioQueue) {

  /**
   * 16 engine workers and 1,000 waiting: at the few milliseconds an interaction takes, a full queue
   * drains in a second or two, so a queued reply is late by seconds, not minutes.
   */
  static final WorkLimits SLACK = new WorkLimits(16, 1000, 16, 1000);

  WorkLimits {
    if (engineThreads < 1 || engineQueue < 1 || ioThreads < 1 || ioQueue < 1) {
      throw new IllegalArgumentException("Slack work limits must all be at least 1");
    }
  }
}
