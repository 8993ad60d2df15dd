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

  /** A pair to create in bulk: phase and cadence null for the program's defaults. */
  record NewPair(long mentorId, long menteeId, String phase, Integer cadenceDays) {}

  /** Creates pairs in one program in one batch (a lead's import), in the order given. */
  default List<Pair> createAll(long programId, List<NewPair> pairs, Instant now) {
    List<Pair> created = new java.util.ArrayList<>(pairs.size());
    for (NewPair p : pairs) {
      Pair pair = create(programId, p.mentorId(), p.menteeId(), now);
      if (p.phase() != null) {
        setPhase(pair.id(), p.phase());
        pair = pair.withPhase(p.phase());
      }
      created.add(p.cadenceDays() == null ? pair : pair.withCadenceDays(p.cadenceDays()));
    }
    return created;
  }

  /** {@link #updateRhythm} for many pairs in one batch. */
  default void updateRhythmAll(List<Pair> pairs) {
    pairs.forEach(this::updateRhythm);
  }
}
