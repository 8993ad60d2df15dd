package org.nudge.engine.model;

import java.util.Map;

/**
 * Everything a user can send the engine, whatever the platform. Mentions inside command text are
 * normalised by the adapter to {@code <@userId>} and channels to {@code <#channelId>}.
 */
public sealed interface Inbound {

  UserRef user();

  /**
   * A slash command, such as {@code /win shipped it}: {@code name} without the slash, {@code text}
   * the rest. {@code channel} is where it was typed, or null for a direct conversation.
   */
  record Command(UserRef user, String name, String text, String channel) implements Inbound {
    public Command {
      text = text == null ? "" : text;
    }
  }

  /** A button pressed or an option chosen. */
  record ActionInvoked(UserRef user, String actionId, String value) implements Inbound {}

  /** A form (modal) submitted, with its field values by field id. */
  record FormSubmitted(UserRef user, String formId, Map<String, String> values) implements Inbound {
    public FormSubmitted {
      values = Map.copyOf(values);
    }
  }

  /** Text typed in the direct conversation with the bot. */
  record DirectText(UserRef user, String text) implements Inbound {}
}
