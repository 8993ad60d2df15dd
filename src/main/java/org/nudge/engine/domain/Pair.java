package org.nudge.engine.domain;

import java.time.Instant;

/** A mentor and a mentee in a program. {@code endedAt} is null while the pair is active. */
public record Pair(
    long id,
    long programId,
    long mentorId,
    long menteeId,
    String phase,
    Instant startedAt,
    Instant endedAt) {

  public boolean includes(long memberId) {
    return mentorId == memberId || menteeId == memberId;
  }

  /** The other member of the pair. */
  public long partnerOf(long memberId) {
    return memberId == mentorId ? menteeId : mentorId;
  }

  public boolean isMentor(long memberId) {
    return memberId == mentorId;
  }
}
