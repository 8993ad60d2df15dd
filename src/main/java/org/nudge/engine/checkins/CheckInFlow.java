package org.nudge.engine.checkins;

import java.time.Duration;
import java.util.Optional;
import org.nudge.engine.command.Texts;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Reply;

/** The buttons on a check-in reminder: "We met" records it, "Snooze" asks again later. */
public final class CheckInFlow implements Flow {

  public static final String NAME = "checkin";
  public static final String MET = NAME + ":met";
  public static final String SNOOZE = NAME + ":snooze";
  static final Duration SNOOZE_FOR = Duration.ofDays(3);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    if (!verb.equals("met") && !verb.equals("snooze")) {
      return Expired.button();
    }
    Optional<Pair> pair =
        turn.tx()
            .pairs()
            .byId(ConversationData.parseId(value))
            .filter(p -> p.isActive() && p.includes(turn.member().id()));
    if (pair.isEmpty()) {
      return Reply.text("That pair has ended; nothing was changed.");
    }
    Pair p = pair.get();
    if (verb.equals("met")) {
      CheckIns.record(turn, p, "");
      return Reply.text(
          "Check-in recorded. Add a note next time with `/checkin what you talked about`.");
    }
    var due = turn.now().plus(SNOOZE_FOR);
    turn.tx().pairs().updateRhythm(p.withCheckin(due, null, null));
    return Reply.text("Snoozed: I'll check again " + Texts.day(due, turn.member().zone()) + ".");
  }
}
