package org.nudge.engine.delivery;

/**
 * How one attempt to send an outbox message ended, as counted for monitoring ({@code /metrics}): an
 * operator alerts on failures and on a platform that keeps saying "slow down".
 */
public enum SendOutcome {
  /** The platform accepted the message. */
  DELIVERED,
  /** A passing error (a 5xx, a timeout); tried again after a backoff. */
  RETRIED,
  /** The platform said to wait (a 429 with {@code Retry-After}); tried again after that. */
  RATE_LIMITED,
  /** Failed for good (DMs closed, a channel Nudge can't see, too many attempts). */
  FAILED
}
