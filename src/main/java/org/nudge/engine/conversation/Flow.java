package org.nudge.engine.conversation;

import java.util.Map;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;

/**
 * A multi-step conversation such as answering a reflection. Its buttons and forms carry ids of the
 * form {@code <name>:<verb>}; text typed in the direct conversation reaches the flow whose state
 * the member is in. State lives in the database, so a restart continues where it was.
 *
 * <p>A flow implements what it offers and inherits the rest: most flows have buttons but no form,
 * and several keep no state between steps. A button, form or verb a flow does not know answers
 * {@link Expired}, so every flow says the same sentence for the same thing.
 */
public interface Flow {

  /** The prefix of this flow's action and form ids, and its name in the conversation state. */
  String name();

  /** A button of this flow was pressed; {@code value} is what the button carried. */
  Reply onAction(Turn turn, String verb, String value);

  /** One of this flow's forms was submitted. A flow without forms has none that is current. */
  default Reply onForm(Turn turn, String verb, Map<String, String> values) {
    return Expired.form();
  }

  /**
   * Text typed while the member is in this flow's conversation; null when the flow does not take it
   * (the engine then tries the other flows, then says it is waiting for nothing). A flow that keeps
   * no state between steps never takes it.
   */
  default Reply onText(Turn turn, ConversationState state, String text) {
    return null;
  }

  /**
   * Text typed while the member is in no conversation: a flow may take it (a reflection answered by
   * simply typing it); null means not taken.
   */
  default Reply onUnpromptedText(Turn turn, String text) {
    return null;
  }

  /**
   * A file sent while the member is in this flow's conversation ({@code /nudge import} waits for
   * one); null when the flow takes no file.
   */
  default Reply onUpload(Turn turn, ConversationState state, Inbound.Upload upload) {
    return null;
  }
}
