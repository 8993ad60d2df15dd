package org.nudge.engine.model;

/**
 * Where a message goes: a direct conversation with one user, or a channel of a workspace. Like a
 * serializable conversation reference, it lets the engine send proactively through any adapter.
 */
public sealed interface ConversationRef {

  String platform();

  String workspace();

  /** A direct message to one user; the adapter opens (and caches) the DM channel. */
  record Direct(UserRef user) implements ConversationRef {
    @Override
    public String platform() {
      return user.platform();
    }

    @Override
    public String workspace() {
      return user.workspace();
    }
  }

  /** A channel the bot posts to, such as a program's channel for digests and shared wins. */
  record Channel(String platform, String workspace, String channelId) implements ConversationRef {
    public Channel {
      if (channelId == null || channelId.isBlank()) {
        throw new IllegalArgumentException("A channel needs an id.");
      }
    }
  }
}
