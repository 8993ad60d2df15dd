package org.nudge.engine.model;

/**
 * The engine's immediate answer to an {@link Inbound}, shown only to the user who sent it. When
 * {@code form} is set, the adapter opens it at once (Slack's trigger id and Discord's interaction
 * both expire within seconds).
 */
public record Reply(Message message, Form form) {

  public static Reply text(String text) {
    return new Reply(Message.text(text), null);
  }

  public static Reply of(Message message) {
    return new Reply(message, null);
  }

  public static Reply openForm(Form form) {
    return new Reply(Message.text(""), form);
  }

  /** Nothing to show (e.g. a click whose effect arrives as a new message). */
  public static Reply none() {
    return new Reply(Message.text(""), null);
  }

  public boolean isEmpty() {
    return message.text().isEmpty() && message.actions().isEmpty() && form == null;
  }
}
