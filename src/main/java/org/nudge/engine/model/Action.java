package org.nudge.engine.model;

import java.util.List;

/**
 * Something the user can do in reply to a {@link Message}. Ids are routed back to the engine
 * unchanged in an {@link Inbound.ActionInvoked} or {@link Inbound.FormSubmitted}.
 */
public sealed interface Action {

  /** The id the platform sends back when the action is used. */
  String id();

  /** A button; {@code value} travels back with the click. */
  record Button(String id, String label, String value, boolean primary) implements Action {
    public static Button of(String id, String label, String value) {
      return new Button(id, label, value, false);
    }
  }

  /** A single choice among a few options (a select menu). */
  record Choice(String id, String placeholder, List<Option> options) implements Action {
    public Choice {
      options = List.copyOf(options);
    }
  }

  /** One option of a {@link Choice}. */
  record Option(String value, String label) {}

  /** A button that opens a form (a modal where the platform has them). */
  record OpenForm(String id, String label, Form form) implements Action {}
}
