package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Advice;

/** Advice members received, and what came of it. */
public interface AdviceLog {

  Advice add(long memberId, Long pairId, String text, Instant followUpAt, Instant now);

  /** The member's advice, oldest first. */
  List<Advice> by(long memberId);

  Optional<Advice> find(long id);

  /** Advice the member has not reported on yet, oldest first. */
  List<Advice> open(long memberId);

  /** Advice whose follow-up is due and not yet sent. */
  List<Advice> dueFollowUps(Instant now, int limit);

  /** Records that the follow-up was sent, or reschedules it when {@code nextAt} is set. */
  void followedUp(long adviceId, Instant now, Instant nextAt);

  /** What came of the advice: {@code acted} is tried, not-yet or not-for-me. */
  void setOutcome(long adviceId, String acted, String outcome, Instant now);
}
