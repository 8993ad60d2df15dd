package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Reflection;

/** Members' answers to the weekly reflection questions. */
public interface ReflectionLog {

  /** Stores a new answer (its id is ignored) and returns it as stored. */
  Reflection add(Reflection answer);

  void update(long id, String answer, String nextStep, boolean shared, Instant now);

  Optional<Reflection> find(long id);

  /** The member's most recent reflection. */
  Optional<Reflection> latest(long memberId);

  /** The member's reflections, oldest first. */
  List<Reflection> by(long memberId);

  /** Reflections shared with the partner in a pair since {@code since}. */
  List<Reflection> sharedInPair(long pairId, Instant since);
}
