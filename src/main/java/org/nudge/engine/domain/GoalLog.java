package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import org.nudge.engine.domain.Entries.Goal;

/** The goals of each pair's development plan. */
public interface GoalLog {

  /** Adds a goal to the pair's plan, numbered after its last one. */
  Goal add(long pairId, long createdBy, String text, Instant now);

  /** The pair's goals, by number. */
  List<Goal> inPair(long pairId);

  /** The goals the member added, in any pair, oldest first. */
  List<Goal> by(long memberId);

  /** Marks goal number {@code seq} of the pair done; false when there is no such open goal. */
  boolean complete(long pairId, int seq, Instant now);
}
