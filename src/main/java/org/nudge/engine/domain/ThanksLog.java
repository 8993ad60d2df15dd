package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;

/**
 * The thanks members give the other member of one of their pairs. Each is its author's: exported
 * with their data and erased when they are forgotten; the digest counts them, never their text.
 */
public interface ThanksLog {

  /** One thanks: {@code memberId} thanked {@code partnerId} in pair {@code pairId}. */
  record Thanks(
      long id,
      long memberId,
      long partnerId,
      long pairId,
      String text,
      boolean shared,
      Instant createdAt) {}

  Thanks add(long memberId, long partnerId, long pairId, String text, boolean shared, Instant now);

  /** The thanks the member gave, oldest first. */
  List<Thanks> by(long memberId);
}
