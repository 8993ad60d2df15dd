package org.nudge.engine.conversation;

import java.util.Map;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.model.Reply;

/**
 * A multi-step conversation such as answering a reflection. Its buttons and forms carry ids of the
 * form {@code <name>:<verb>}; text typed in the direct conversation reaches the flow whose state
 * the member is in. State lives in the database, so a restart continues where it was.
 */
public interface Flow {

  /** The prefix of this flow's action and form ids, and its name in the conversation state. */
  String name();

  Reply onAction(Turn turn, String verb, String value);

  Reply onForm(Turn turn, String verb, Map<String, String> values);

  /** Text typed while the member is in this flow's conversation. */
  Reply onText(Turn turn, ConversationState state, String text);

  /**
   * Text typed while the member is in no conversation: a flow may take it (a reflection answered by
   * simply typing it); empty reply means not taken.
   */
  default Reply onUnpromptedText(Turn turn, String text) {
    return null;
  }
}
