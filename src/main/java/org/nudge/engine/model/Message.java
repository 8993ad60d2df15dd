package org.nudge.engine.model;

import java.util.List;

/**
 * What the engine says: text plus optional actions. Each adapter renders it natively (Block Kit,
 * JDA components, plain text in the console). Text uses a small markdown subset: {@code *bold*},
 * {@code _italic_} and line breaks.
 */
public record Message(String text, List<Action> actions) {

  public Message {
    if (text == null) {
      throw new IllegalArgumentException("A message needs text.");
    }
    actions = List.copyOf(actions);
  }

  public static Message text(String text) {
    return new Message(text, List.of());
  }

  public Message withActions(Action... more) {
    return new Message(text, List.of(more));
  }
}
