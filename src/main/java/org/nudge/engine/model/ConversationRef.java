package org.nudge.engine.model;

/**
 * Where a message goes: a direct conversation with one user, a channel of a workspace, or a pair's
 * shared space. Like a serializable conversation reference, it lets the engine send proactively
 * through any adapter.
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

  /**
   * A pair's shared conversation with Nudge (a Slack group DM, a Discord private thread, {@code
   * [group a+b]} in the console). The engine and the outbox address it by pair only; the dispatcher
   * looks up (or has the gateway open) the platform's conversation, and hands the gateway this ref
   * with {@code conversationId} set. Addressing by pair, not by people and channel, means a message
   * queued before a lead moved the program's channel still finds the pair's one space.
   */
  record PairSpace(String platform, String workspace, long pairId, String conversationId)
      implements ConversationRef {

    /** The space of {@code pairId}, not yet looked up. */
    public static PairSpace of(String platform, String workspace, long pairId) {
      return new PairSpace(platform, workspace, pairId, null);
    }

    /** The same space, at the platform's conversation {@code id}. */
    public PairSpace at(String id) {
      return new PairSpace(platform, workspace, pairId, id);
    }
  }
}
