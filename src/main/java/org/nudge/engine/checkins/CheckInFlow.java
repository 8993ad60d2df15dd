package org.nudge.engine.checkins;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.Texts;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
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
    Optional<Pair> pair;
    try {
      pair =
          turn.tx()
              .pairs()
              .byId(Long.parseLong(value.strip()))
              .filter(p -> p.isActive() && p.includes(turn.member().id()));
    } catch (NumberFormatException e) {
      pair = Optional.empty();
    }
    if (pair.isEmpty()) {
      return Reply.text("That pair has ended; nothing was changed.");
    }
    Pair p = pair.get();
    if (verb.equals("met")) {
      CheckIns.record(turn, p, "");
      return Reply.text(
          "Check-in recorded. Add a note next time with `/checkin what you talked about`.");
    }
    if (verb.equals("snooze")) {
      var due = turn.now().plus(SNOOZE_FOR);
      turn.tx().pairs().updateRhythm(p.withCheckin(due, null, null));
      return Reply.text("Snoozed: I'll check again " + Texts.day(due, turn.member().zone()) + ".");
    }
    return Reply.text("That button has expired; nothing was changed.");
  }

  @Override
  public Reply onForm(Turn turn, String verb, Map<String, String> values) {
    return Reply.text("That form has expired; nothing was saved.");
  }

  @Override
  public Reply onText(Turn turn, ConversationState state, String text) {
    turn.tx().conversations().clear(turn.member().id());
    return null;
  }
}
