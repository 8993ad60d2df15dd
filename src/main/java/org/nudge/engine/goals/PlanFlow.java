package org.nudge.engine.goals;

import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.model.Reply;

/** The answer to a plan revisit that keeps the plan as it is. */
public final class PlanFlow implements Flow {

  public static final String NAME = "plan";
  public static final String STILL_RIGHT = NAME + ":still-right";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    long id = ConversationData.parseId(value);
    var prompt =
        turn.tx().prompts().byId(id).filter(p -> p.memberId() == turn.member().id() && p.isOpen());
    if (prompt.isEmpty() || !verb.equals("still-right")) {
      return Expired.button();
    }
    turn.tx().prompts().setStatus(id, "answered", turn.now());
    turn.services().outreach().answered(turn.tx(), turn.member());
    return Reply.text("Good to hear. I'll ask again next quarter.");
  }
}
