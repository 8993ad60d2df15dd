package org.nudge.engine.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Each pair's shared conversation on its platform (V22 {@code pair_space}), kept durably because
 * opening one is not idempotent (a second Discord call makes a second thread) and any node may
 * deliver the pair's next message.
 */
public interface PairSpaces {

  /** A pair's space as stored: being opened, open at a conversation, or refused by the platform. */
  record Space(
      long pairId, State state, String conversationId, String reason, Instant openingUntil) {}

  /** Where a pair's space stands. */
  enum State {
    OPENING,
    OPEN,
    REFUSED
  }

  Optional<Space> of(long pairId);

  /**
   * Takes the right to open the pair's space until {@code until}: true if no space is stored, or
   * another node's opening ran out (it died mid-call); false while someone else holds it or the
   * space is open or refused.
   */
  boolean claimOpening(long pairId, Instant until, Instant now);

  /** The platform opened the space at {@code conversationId}. */
  void opened(long pairId, String conversationId, Instant now);

  /** The platform refused; the pair's messages go to each member's DM from now on. */
  void refused(long pairId, String reason, Instant now);

  /** Gives up an opening that must be tried again later (the platform was busy or unreachable). */
  void releaseOpening(long pairId);

  /** Forgets refusals of the program's pairs, so a lead's new setting is tried afresh. */
  void retryRefused(long programId);
}
