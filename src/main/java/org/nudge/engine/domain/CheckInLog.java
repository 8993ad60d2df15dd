package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.CheckIn;

/** The records that a pair met. */
public interface CheckInLog {

  /** Records that the pair met; the pair's last check-in moves forward, never back. */
  CheckIn add(long pairId, long memberId, String note, Instant now);

  /** The pair's latest check-in, by either member. */
  Optional<CheckIn> last(long pairId);

  /** The check-ins the member recorded, oldest first. */
  List<CheckIn> by(long memberId);
}
