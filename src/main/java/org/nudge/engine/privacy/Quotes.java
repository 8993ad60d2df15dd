package org.nudge.engine.privacy;

import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Entries.Feedback;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.ThanksLog.Thanks;
import org.nudge.engine.model.Quote;
import org.nudge.engine.model.Quote.Kind;

/**
 * The quote each kind of entry makes when a message carries its words: in one place, the decision
 * of what counts as shared with the partner of the entry's pair.
 */
public final class Quotes {

  private Quotes() {}

  /** A reflection answer and its next step: shared only when its author pressed Share. */
  public static Quote of(Reflection r) {
    return new Quote(Kind.REFLECTION, r.memberId(), r.pairId(), r.shared());
  }

  /**
   * Advice and its outcome: never shared as such. Sending the outcome to the mentor is a share of
   * that one message, which {@link #sent} declares.
   */
  public static Quote of(Advice a) {
    return new Quote(Kind.ADVICE, a.memberId(), a.pairId(), false);
  }

  /** A feedback comment: shared only when its author pressed Share. */
  public static Quote of(Feedback f) {
    return new Quote(Kind.FEEDBACK, f.memberId(), f.pairId(), f.shared());
  }

  /**
   * A check-in note is the pair's record of a meeting both had: writing it with {@code /checkin}
   * tells the partner of that pair (the command's reply says so), so it counts as shared with them,
   * and with nobody else.
   */
  public static Quote of(CheckIn c) {
    return new Quote(Kind.CHECK_IN_NOTE, c.memberId(), c.pairId(), true);
  }

  /**
   * A goal is written into the pair's development plan, which {@code /goals} shows both members and
   * the quarterly revisit lists; adding it shares it with the partner of that pair, and with nobody
   * else (not the author's other pairs, not a later pair, not leads).
   */
  public static Quote of(Goal g) {
    return new Quote(Kind.GOAL, g.createdBy(), g.pairId(), true);
  }

  /** A win: its partner hears of it as a notice; the channel and leads only when shared. */
  public static Quote of(Win w) {
    return new Quote(Kind.WIN, w.memberId(), w.pairId(), w.shared());
  }

  /** Thanks: the partner it thanks reads it as a notice; the channel only when shared. */
  public static Quote of(Thanks t) {
    return new Quote(Kind.THANKS, t.memberId(), t.pairId(), t.shared());
  }

  /** The same words, sent to the partner because the author chose to just now. */
  public static Quote sent(Quote quote) {
    return new Quote(quote.kind(), quote.authorId(), quote.pairId(), true);
  }
}
