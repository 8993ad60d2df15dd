package org.nudge.adapter.slack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nudge.chart.TrendPng;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.Chart;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to Slack with {@code chat.postMessage} (and their attached files with
 * {@code files.uploadV2}, after the text): direct messages through the channel {@code
 * conversations.open} returns (cached; only a cache, any node can rebuild it), and channel posts
 * (digests, shared wins) straight to the channel (public ones need no invitation, thanks to the
 * {@code chat:write.public} scope; private ones need Nudge invited). Slack's answers become the
 * dispatcher's outcomes: 429 waits exactly as long as {@code Retry-After} says, Slack's 5xx and
 * network errors back off, and errors that will never heal (archived channel, deactivated account,
 * revoked token) fail with a sentence for the lead.
 */
public final class SlackGateway implements ChatGateway {

  private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);
  private static final int MAX_CACHED_CHANNELS = 50_000;

  private final SlackApi api;
  // The dispatcher paces each workspace at this rate (slack.messagesPerSecond, 4 by default).
  private final double messagesPerSecond;
  private final Map<UserRef, String> directChannels = new ConcurrentHashMap<>();

  SlackGateway(SlackApi api, double messagesPerSecond) {
    this.api = api;
    this.messagesPerSecond = messagesPerSecond;
  }

  @Override
  public String platform() {
    return SlackAdapter.PLATFORM;
  }

  @Override
  public double messagesPerSecond() {
    return messagesPerSecond;
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
    List<BlockKit.Rendered> parts = BlockKit.render(message);
    if (parts.isEmpty() && message.attachments().isEmpty() && message.chart() == null) {
      return new Delivery.Delivered();
    }
    try {
      String channel;
      if (to instanceof ConversationRef.Direct direct) {
        channel = deliverDirect(direct.user(), parts);
      } else if (to instanceof ConversationRef.PairSpace space) {
        channel = space.conversationId();
        post(channel, parts);
      } else {
        channel = ((ConversationRef.Channel) to).channelId();
        post(channel, parts);
      }
      // Files go after the text that introduces them, into the same conversation.
      for (Message.Attachment file : message.attachments()) {
        api.uploadFile(channel, file.fileName(), file.fileName(), file.content());
      }
      if (message.chart() != null) {
        uploadChart(channel, message.chart());
      }
      return new Delivery.Delivered();
    } catch (SlackCallFailed e) {
      return outcome(to, e);
    }
  }

  /**
   * Opens the pair's group DM ({@code conversations.open} with both users; Slack includes the bot
   * and returns the same conversation if it exists). A refusal says what a lead must grant.
   */
  @Override
  public SpaceOpening openSpace(SpaceToOpen space) {
    try {
      return new SpaceOpening.Opened(
          api.openGroup(List.of(space.mentor().userId(), space.mentee().userId())));
    } catch (SlackCallFailed e) {
      if (e.isTransient()) {
        Duration after = e.retryAfter() != null ? e.retryAfter() : Duration.ZERO;
        return new SpaceOpening.RetryLater(
            after, "Slack answered " + e.error() + " to " + e.method() + "; trying again later");
      }
      log.warn("Slack refused a group DM: {} {}", e.method(), e.error());
      return switch (e.error()) {
        case "missing_scope" ->
            new SpaceOpening.Refused(
                "Slack's app lacks the mpim:write scope",
                "add the `mpim:write` scope to the Slack app and reinstall it"
                    + " (config/slack-app-manifest.yaml lists it)");
        case "user_not_found", "user_disabled", "user_not_visible", "cannot_dm_bot" ->
            new SpaceOpening.Refused(
                "Slack says one of them is deactivated, unknown or a bot",
                "check that both are active people in the workspace");
        case "restricted_action" ->
            new SpaceOpening.Refused(
                "the workspace's settings don't let apps start group DMs",
                "ask a Slack admin to allow it");
        case "account_inactive", "invalid_auth", "not_authed", "token_revoked", "token_expired" ->
            new SpaceOpening.Refused(
                "Slack no longer accepts Nudge's bot token",
                "reinstall the app and update SLACK_BOT_TOKEN");
        default ->
            new SpaceOpening.Refused(
                "Slack answered " + e.error(),
                "check the Slack app's scopes against config/slack-app-manifest.yaml and"
                    + " reinstall it");
      };
    }
  }

  /**
   * Uploads the chart after the text it illustrates. The text is already posted, so a refusal (a
   * workspace that forbids uploads, a missing {@code files:write} scope, a 429 here) leaves the
   * digest without its picture rather than sending the text again on a retry; the alt text says the
   * trend in words for those who can't see it.
   */
  private void uploadChart(String channel, Chart chart) {
    try {
      api.uploadImage(
          channel, chart.fileName(), chart.title(), TrendPng.draw(chart), chart.altText());
    } catch (SlackCallFailed e) {
      log.warn(
          "Slack refused a trend chart ({} {}); the digest went without it", e.method(), e.error());
    }
  }

  /** Uploads {@code chart} to {@code user}'s DM (a preview's, whose reply can carry no file). */
  void chartToDirect(UserRef user, Chart chart) {
    try {
      uploadChart(directChannel(user), chart);
    } catch (SlackCallFailed e) {
      log.warn("Slack refused a DM for a trend chart ({} {})", e.method(), e.error());
    }
  }

  /** The DM channel with {@code user}, opened once and cached. */
  String directChannel(UserRef user) throws SlackCallFailed {
    String cached = directChannels.get(user);
    if (cached != null) {
      return cached;
    }
    String channel = api.openDirect(user.userId());
    if (directChannels.size() >= MAX_CACHED_CHANNELS) {
      directChannels.clear();
    }
    directChannels.put(user, channel);
    return channel;
  }

  /** Posts to the user's DM channel and returns its id. */
  private String deliverDirect(UserRef user, List<BlockKit.Rendered> parts) throws SlackCallFailed {
    boolean wasCached = directChannels.containsKey(user);
    try {
      String channel = directChannel(user);
      post(channel, parts);
      return channel;
    } catch (SlackCallFailed e) {
      if (wasCached && e.error().equals("channel_not_found")) {
        // The cached DM channel is gone (e.g. the workspace was migrated): open it afresh once.
        directChannels.remove(user);
        String channel = directChannel(user);
        post(channel, parts);
        return channel;
      } else {
        throw e;
      }
    }
  }

  private void post(String channel, List<BlockKit.Rendered> parts) throws SlackCallFailed {
    for (BlockKit.Rendered part : parts) {
      api.postMessage(channel, part);
    }
  }

  private Delivery outcome(ConversationRef to, SlackCallFailed e) {
    if (e.isTransient()) {
      // Zero lets the dispatcher back off by attempt; a 429's Retry-After is Slack's own wait.
      Duration after = e.retryAfter() != null ? e.retryAfter() : Duration.ZERO;
      return new Delivery.RetryLater(
          after, "Slack answered " + e.error() + " to " + e.method() + "; trying again later");
    }
    String reason = "Slack " + e.method() + " " + e.error() + ": " + explain(to, e.error());
    log.warn("Slack delivery failed for good: {} {}", e.method(), e.error());
    return new Delivery.Failed(reason);
  }

  /** A sentence a program lead can act on. */
  static String explain(ConversationRef to, String error) {
    String where;
    if (to instanceof ConversationRef.Channel channel) {
      where = "channel <#" + channel.channelId() + ">";
    } else if (to instanceof ConversationRef.PairSpace space) {
      where = "the group DM of pair " + space.pairId();
    } else {
      where = "a direct message to <@" + ((ConversationRef.Direct) to).user().userId() + ">";
    }
    return switch (error) {
      case "channel_not_found" ->
          "Nudge can't see "
              + where
              + "; it was deleted, or it is private and Nudge isn't in it (invite it with"
              + " /invite @Nudge).";
      case "not_in_channel" ->
          "Nudge isn't a member of " + where + "; invite it with /invite @Nudge.";
      case "is_archived" -> where + " is archived; pick another with /nudge program channel.";
      case "account_inactive", "invalid_auth", "not_authed", "token_revoked", "token_expired" ->
          "Slack no longer accepts Nudge's bot token; reinstall the app and update"
              + " SLACK_BOT_TOKEN.";
      case "user_not_found", "user_disabled", "user_not_visible" ->
          "the Slack account behind " + where + " is deactivated or unknown.";
      case "cannot_dm_bot" -> "the recipient of " + where + " is a bot.";
      case "missing_scope" ->
          "the Slack app lacks a permission; reinstall it from config/slack-app-manifest.yaml.";
      case "restricted_action",
          "restricted_action_read_only_channel",
          "restricted_action_thread_only_channel",
          "restricted_action_non_threadable_channel" ->
          "the workspace's settings don't let Nudge post in " + where + ".";
      case "msg_too_long", "invalid_blocks", "invalid_blocks_format", "no_text" ->
          "Slack refused the message's format; this is a Nudge bug, please report it.";
      default -> "Slack refused " + where + ".";
    };
  }
}
