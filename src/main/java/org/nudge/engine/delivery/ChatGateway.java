package org.nudge.engine.delivery;

import java.time.Duration;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.UserRef;

/**
 * How the dispatcher reaches one chat platform. Each adapter implements it; the engine never sees a
 * platform API.
 */
public interface ChatGateway {

  /** The platform id this gateway serves, as in {@code UserRef.platform()}. */
  String platform();

  /**
   * How many messages a second this platform accepts from one workspace (Slack about 1 a second per
   * channel, Discord 50 a second per bot). The dispatcher paces itself to stay under it, so 429s
   * are the exception, not the flow control.
   */
  default double messagesPerSecond() {
    return Double.POSITIVE_INFINITY;
  }

  /** Sends one message; must not throw for platform errors, which it reports as a result. */
  Delivery deliver(ConversationRef to, Message message);

  /**
   * Opens a pair's shared conversation with Nudge, once per pair (the dispatcher stores the id it
   * returns and never asks twice for an open space). A platform without such spaces refuses, and
   * the pair's messages go to each member's DM.
   */
  default SpaceOpening openSpace(SpaceToOpen space) {
    return new SpaceOpening.Refused(
        platform() + " has no shared conversations for pairs",
        "Nudge can only use direct messages there");
  }

  /**
   * What a gateway needs to open a pair's space: both people (their names, for a thread's title or
   * the console's label) and the program's channel, a Discord thread's parent (null if none).
   */
  record SpaceToOpen(
      String platform,
      String workspace,
      long pairId,
      UserRef mentor,
      String mentorName,
      UserRef mentee,
      String menteeName,
      String programName,
      String programChannelId) {}

  /** How opening a pair's space ended. */
  sealed interface SpaceOpening {

    /** The space is open at the platform's conversation {@code conversationId}. */
    record Opened(String conversationId) implements SpaceOpening {}

    /**
     * The platform refused for good until someone changes a setting: {@code reason} for the record,
     * {@code remedy} the clause telling a lead what to grant or set ("add the `mpim:write` scope to
     * the Slack app and reinstall it").
     */
    record Refused(String reason, String remedy) implements SpaceOpening {}

    /** A passing problem (a 429, a 5xx, a timeout): try again after {@code after}. */
    record RetryLater(Duration after, String reason) implements SpaceOpening {}
  }

  /** What happened to one delivery attempt. */
  sealed interface Delivery {

    /** The platform accepted the message. */
    record Delivered() implements Delivery {}

    /** Try again later: a 429 (with the platform's {@code Retry-After}) or a passing error. */
    record RetryLater(Duration after, String reason) implements Delivery {}

    /**
     * One kind of call the message needs is limited on its own (Discord asks bots to open DM
     * channels gently): this message waits {@code after}, not counted as an attempt, while the
     * workspace's other messages (a digest for a channel) go on.
     */
    record CallLimited(Duration after, String call) implements Delivery {}

    /** Will never work as it is (DMs closed, channel archived…): recorded for the lead. */
    record Failed(String reason) implements Delivery {}

    /**
     * The person has closed direct messages to Nudge (Discord's error 50007): a permanent failure
     * that they can fix themselves. {@code howToReopen} is the platform's own instructions; the
     * dispatcher tells them once, in their program's channel.
     */
    record DirectMessagesClosed(String reason, String howToReopen) implements Delivery {}
  }
}
