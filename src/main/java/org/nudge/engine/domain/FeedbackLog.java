package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Feedback;

/** Members' feedback on the mentoring process. */
public interface FeedbackLog {

  Feedback add(
      long memberId,
      Long pairId,
      String role,
      int rating,
      String comment,
      boolean shared,
      Instant now);

  void update(long id, String comment, boolean shared);

  Optional<Feedback> find(long id);

  /** The member's feedback, oldest first. */
  List<Feedback> by(long memberId);
}
