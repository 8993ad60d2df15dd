package org.nudge.engine.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** {@link #activeFor} for each member; members in no active pair are absent. */
  default Map<Long, List<Pair>> activeForAll(Collection<Long> memberIds) {
    Map<Long, List<Pair>> active = new LinkedHashMap<>();
    for (long id : memberIds) {
      List<Pair> pairs = activeFor(id);
      if (!pairs.isEmpty()) {
        active.put(id, pairs);
      }
    }
    return active;
  }

  /**
   * Stores {@code drafts} ({@link Pair#draft}, with their rhythm) exactly as given, in one batch (a
   * lead's import makes thousands); returns them with their ids, in the order given.
   */
  default List<Pair> insertAll(List<Pair> drafts) {
    List<Pair> stored = new java.util.ArrayList<>(drafts.size());
    for (Pair d : drafts) {
      Pair pair = create(d.programId(), d.mentorId(), d.menteeId(), d.startedAt());
      setPhase(pair.id(), d.phase());
      Pair made = d.withId(pair.id());
      updateRhythm(made);
      stored.add(made);
    }
    return stored;
  }
}
