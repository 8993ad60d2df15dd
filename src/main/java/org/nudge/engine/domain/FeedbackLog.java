package org.nudge.engine.domain;

import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Feedback;

/** Members' feedback on the mentoring process. */
public interface FeedbackLog {

  /** Stores a new rating (its id is ignored) and returns it as stored. */
  Feedback add(Feedback rating);

  void update(long id, String comment, boolean shared);

  Optional<Feedback> find(long id);

  /** The member's feedback, oldest first. */
  List<Feedback> by(long memberId);
}
