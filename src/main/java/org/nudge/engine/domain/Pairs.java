package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mentor and mentee pairs. */
public interface Pairs {

  Pair create(long programId, long mentorId, long menteeId, Instant now);

  Optional<Pair> byId(long id);

  /** The active pairs a member belongs to, oldest first. */
  List<Pair> activeFor(long memberId);

  List<Pair> activeIn(long programId);

  void end(long pairId, Instant now);
}
