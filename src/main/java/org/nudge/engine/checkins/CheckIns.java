package org.nudge.engine.checkins;

import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Message;
import org.nudge.engine.privacy.Quotes;

/** Recording that a pair met, from {@code /checkin} or a reminder's "We met" button. */
final class CheckIns {

  private CheckIns() {}

  static CheckIn record(Turn turn, Pair pair, String note) {
    CheckIn checkIn = turn.tx().checkIns().add(pair.id(), turn.member().id(), note, turn.now());
    turn.services().pairRhythm().checkedIn(turn.tx(), pair, turn.now());
    Member partner = turn.partnerIn(pair);
    turn.tell(
        partner,
        "checkin:" + checkIn.id() + ":partner",
        Message.text(
            turn.member().displayName()
                + " recorded your check-in"
                + (note.isEmpty() ? "." : ": " + note)),
        Quotes.of(checkIn));
    return checkIn;
  }
}
