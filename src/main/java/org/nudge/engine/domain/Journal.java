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

  /** The goals the member added, in any pair, oldest first. */
  List<Goal> goalsBy(long memberId);

  /** Marks goal number {@code seq} of the pair done; false when there is no such open goal. */
  boolean completeGoal(long pairId, int seq, Instant now);

  List<Reflection> reflectionsBy(long memberId);

  List<Feedback> feedbackBy(long memberId);

  List<CheckIn> checkInsBy(long memberId);

  Optional<Advice> advice(long id);

  /** Advice whose follow-up is due and not yet sent. */
  List<Advice> dueFollowUps(Instant now, int limit);

  /** Records that the follow-up was sent, or reschedules it when {@code nextAt} is set. */
  void followedUp(long adviceId, Instant now, Instant nextAt);

  /** What came of the advice: {@code acted} is tried, not-yet or not-for-me. */
  void setOutcome(long adviceId, String acted, String outcome, Instant now);

  /** Advice the member has not reported on yet. */
  List<Advice> openAdvice(long memberId);

  List<Win> winsInPair(long pairId, Instant since);

  Reflection addReflection(
      long memberId,
      Long pairId,
      String isoWeek,
      String questionId,
      String question,
      String answer,
      Instant now);

  void updateReflection(long id, String answer, String nextStep, boolean shared, Instant now);

  Optional<Reflection> reflection(long id);

  Optional<Reflection> latestReflection(long memberId);

  /** Reflections shared with the partner in a pair since {@code since}. */
  List<Reflection> sharedReflections(long pairId, Instant since);

  Feedback addFeedback(
      long memberId,
      Long pairId,
      String role,
      int rating,
      String comment,
      boolean shared,
      Instant now);

  void updateFeedback(long id, String comment, boolean shared);

  Optional<Feedback> feedback(long id);
}
