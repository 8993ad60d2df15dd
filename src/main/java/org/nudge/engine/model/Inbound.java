package org.nudge.engine.model;

import java.util.Map;

/**
 * Everything a user can send the engine, whatever the platform. Mentions inside command text are
 * normalised by the adapter to {@code <@userId>} and channels to {@code <#channelId>}; these are
 * references the engine reads, never live mentions, which only the engine writes ({@link
 * LiveMentions}), so everything a person sends is cleared of the characters those are made of.
 */
public sealed interface Inbound {

  UserRef user();

  /**
   * A slash command, such as {@code /win shipped it}: {@code name} without the slash, {@code text}
   * the rest. {@code channel} is where it was typed, or null for a direct conversation.
   */
  record Command(UserRef user, String name, String text, String channel) implements Inbound {
    public Command {
      text = text == null ? "" : LiveMentions.strip(text);
    }
  }

  /** A button pressed or an option chosen. */
  record ActionInvoked(UserRef user, String actionId, String value) implements Inbound {
    public ActionInvoked {
      value = LiveMentions.strip(value);
    }
  }

  /** A form (modal) submitted, with its field values by field id. */
  record FormSubmitted(UserRef user, String formId, Map<String, String> values) implements Inbound {
    public FormSubmitted {
      Map<String, String> cleared = new java.util.LinkedHashMap<>();
      values.forEach((field, value) -> cleared.put(field, LiveMentions.strip(value)));
      values = Map.copyOf(cleared);
    }
  }

  /**
   * A file the user sent Nudge: shared in the DM (Slack), attached to {@code command}'s file option
   * (Discord, where {@code command} comes with it and is handled first), or uploaded in the
   * console. The adapter has downloaded it; {@code content} is at most what the platform allowed.
   */
  record Upload(UserRef user, String fileName, byte[] content, Command command) implements Inbound {
    public Upload {
      fileName = fileName == null || fileName.isBlank() ? "file" : LiveMentions.strip(fileName);
      content = content == null ? new byte[0] : content;
    }
  }

  /** Text typed in the direct conversation with the bot. */
  record DirectText(UserRef user, String text) implements Inbound {
    public DirectText {
      text = LiveMentions.strip(text);
    }
  }
}
