package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Entries.Feedback;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Entries.Win;

/** What members log: wins, check-ins, advice, goals, reflections and feedback. */
public interface Journal {

  Win addWin(long memberId, Long pairId, String text, String tags, boolean shared, Instant now);

  List<Win> winsBy(long memberId);

  CheckIn addCheckIn(long pairId, long memberId, String note, Instant now);

  Optional<CheckIn> lastCheckIn(long pairId);

  Advice addAdvice(long memberId, Long pairId, String text, Instant followUpAt, Instant now);

  List<Advice> adviceBy(long memberId);

  Goal addGoal(long pairId, long createdBy, String text, Instant now);

  List<Goal> goals(long pairId);

  /** Marks goal number {@code seq} of the pair done; false when there is no such open goal. */
  boolean completeGoal(long pairId, int seq, Instant now);

  List<Reflection> reflectionsBy(long memberId);

  List<Feedback> feedbackBy(long memberId);

  List<CheckIn> checkInsBy(long memberId);

  /** Deletes everything the member wrote (for {@code /nudge forget-me}). */
  void deleteAuthoredBy(long memberId);
}
