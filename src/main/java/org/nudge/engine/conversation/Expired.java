package org.nudge.engine.conversation;

import org.nudge.engine.model.Reply;

/**
 * The one answer to a button or form that leads nowhere any more: its prompt was answered or
 * replaced, its entry is gone, its flow or verb no longer exists, or its value was forged. Nothing
 * changes, and the sentence says so. Adapters use the same words when the platform has lost what
 * the button pointed to before the engine sees it.
 */
public final class Expired {

  public static final String BUTTON = "That button has expired; nothing was changed.";
  public static final String FORM = "That form has expired; nothing was saved.";

  private Expired() {}

  public static Reply button() {
    return Reply.text(BUTTON);
  }

  public static Reply form() {
    return Reply.text(FORM);
  }
}
