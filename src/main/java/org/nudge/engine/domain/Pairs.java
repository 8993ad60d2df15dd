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

  /** Active pairs whose check-in is due at or before {@code now}. */
  List<Pair> dueForCheckin(Instant now, int limit);

  /** Active pairs whose feedback round is due at or before {@code now}. */
  List<Pair> dueForFeedback(Instant now, int limit);

  /** Active pairs whose plan revisit is due at or before {@code now}. */
  List<Pair> dueForRevisit(Instant now, int limit);

  /** Saves the rhythm columns of {@code pair} (cadence, due instants, reminders, round). */
  void updateRhythm(Pair pair);

  void setPhase(long pairId, String phase);
}
