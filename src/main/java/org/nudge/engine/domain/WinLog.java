package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import org.nudge.engine.domain.Entries.Win;

/** The wins members log. A win in a pair counts in that pair's digest week. */
public interface WinLog {

  Win add(long memberId, Long pairId, String text, String tags, boolean shared, Instant now);

  /** The member's wins, oldest first. */
  List<Win> by(long memberId);

  /** The pair's wins logged since {@code since}, oldest first. */
  List<Win> inPair(long pairId, Instant since);
}
