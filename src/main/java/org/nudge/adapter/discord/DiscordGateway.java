package org.nudge.adapter.discord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.AttachedFile;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to Discord: DMs as plain messages with components, channel posts as embeds.
 * JDA keeps Discord's rate limits (per route and global) and waits out a short 429 itself; a wait
 * longer than the send timeout, a 5xx or an I/O error becomes {@link Delivery.RetryLater}, so the
 * dispatcher retries with nothing lost. Permanent errors (unknown channel, missing access or
 * permission, unknown user) are {@link Delivery.Failed} with a sentence a lead can act on, and
 * 50007 ("cannot send messages to this user") is {@link Delivery.DirectMessagesClosed}. Each piece
 * carries a nonce Discord enforces, so a retry after a lost answer doesn't post it twice.
 */
final class DiscordGateway implements ChatGateway {

  private static final Logger log = LoggerFactory.getLogger(DiscordGateway.class);
  static final String HOW_TO_OPEN_DMS =
      "To let me write to you, right-click (or long-press) this server's name, open *Privacy"
          + " Settings* and turn on *Direct Messages*; then `/nudge help` here shows what I do.";

  private final DiscordConnection connection;
  private final DiscordRenderer renderer;
  private final DmChannels dms;
  private final long timeoutMillis;

  DiscordGateway(
      DiscordConnection connection, DiscordRenderer renderer, DmChannels dms, Duration timeout) {
    this.connection = connection;
    this.renderer = renderer;
    this.dms = dms;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public String platform() {
    return DiscordAdapter.PLATFORM;
  }

  /**
   * Half of Discord's 50 requests a second per bot, leaving room for interaction answers; JDA
   * enforces the real per-route and global limits underneath.
   */
  @Override
  public double messagesPerSecond() {
    return 25;
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
    try {
      if (to instanceof ConversationRef.Direct direct) {
        return direct(direct.user().userId(), message);
      }
      if (to instanceof ConversationRef.PairSpace space) {
        // A private thread: posted by id like any channel this node doesn't hold in its cache.
        return sendByRest(space.conversationId(), renderer.asEmbeds(message));
      }
      ConversationRef.Channel channel = (ConversationRef.Channel) to;
      Optional<GuildMessageChannel> target = connection.channel(channel.channelId());
      if (target.isEmpty()) {
        // A server on another node's shard: posting needs no gateway, only REST.
        return sendByRest(channel.channelId(), renderer.asEmbeds(message));
      }
      GuildMessageChannel where = target.get();
      return withoutChartIfRefused(
          message, m -> send(where, renderer.asEmbeds(m), channel.channelId()));
    } catch (RuntimeException e) {
      return classify(e, to);
    }
  }

  /**
   * Opens the pair's private thread (type 12, not invitable, archived after a week of silence) in
   * the program's channel and adds both people. Discord's answers: 50013 Missing Permissions or
   * 50001 Missing Access when Nudge lacks Create Private Threads or Send Messages in Threads or
   * can't see the channel, which a lead fixes. If adding a member still fails after the thread was
   * made (a passing failure is tried three times), the thread is deleted and the space refused: a
   * private thread only one of the two can read is no shared space.
   */
  @Override
  public SpaceOpening openSpace(SpaceToOpen space) {
    String parent = space.programChannelId();
    String setChannel =
        "set a channel for the program with `/nudge program channel "
            + space.programName()
            + " #channel`";
    if (parent == null || parent.isEmpty() || !parent.chars().allMatch(Character::isDigit)) {
      return new SpaceOpening.Refused(
          "the program has no channel to hold its pairs' private threads", setChannel);
    }
    String thread;
    try {
      JDA jda = connection.any();
      DataObject body =
          DataObject.empty()
              .put("name", threadName(space))
              .put("type", 12)
              .put("invitable", false)
              .put("auto_archive_duration", 10080);
      thread =
          new RestActionImpl<String>(
                  jda,
                  Route.Channels.CREATE_THREAD.compile(parent),
                  body,
                  (response, request) -> response.getObject().getString("id"))
              .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
              .complete();
    } catch (ErrorResponseException e) {
      return spaceRefused(e, setChannel);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new SpaceOpening.RetryLater(Duration.ZERO, cause.toString());
    }
    for (var member : List.of(space.mentor(), space.mentee())) {
      Optional<String> refusal = addToThread(thread, member.userId());
      if (refusal.isPresent()) {
        // A private thread only one of the two can read is no shared space, and opening it again
        // later would make a second thread: it goes, and the pair stays on DMs.
        deleteThread(thread);
        return new SpaceOpening.Refused(
            "Discord wouldn't add a member to the pair's private thread (" + refusal.get() + ")",
            "check that both people are still in the server, and give Nudge's role *Send"
                + " Messages in Threads* in the program's channel");
      }
    }
    return new SpaceOpening.Opened(thread);
  }

  /** Adds a person to a thread, trying a passing failure again; the refusal, if any. */
  private Optional<String> addToThread(String thread, String userId) {
    String last = "no answer";
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        new RestActionImpl<Void>(
                connection.any(), Route.Channels.ADD_THREAD_MEMBER.compile(thread, userId))
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .complete();
        return Optional.empty();
      } catch (ErrorResponseException e) {
        if (!e.isServerError()) {
          return Optional.of(describe(e));
        }
        last = describe(e);
      } catch (RuntimeException e) {
        last = (e.getCause() != null ? e.getCause() : e).toString();
      }
    }
    return Optional.of(last);
  }

  private void deleteThread(String thread) {
    try {
      new RestActionImpl<Void>(connection.any(), Route.Channels.DELETE_CHANNEL.compile(thread))
          .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
          .complete();
    } catch (RuntimeException e) {
      log.warn("A pair's thread that couldn't hold both members was not deleted: {}", e.toString());
    }
  }

  private static String threadName(SpaceToOpen space) {
    String name = space.mentorName() + " + " + space.menteeName();
    return name.length() > 100 ? name.substring(0, 100) : name;
  }

  private static SpaceOpening spaceRefused(ErrorResponseException e, String setChannel) {
    if (e.isServerError()) {
      return new SpaceOpening.RetryLater(Duration.ZERO, "Discord answered " + describe(e));
    }
    String grant =
        "give Nudge's role the *Create Private Threads* and *Send Messages in Threads*"
            + " permissions in the program's channel";
    return switch (e.getErrorResponse()) {
      case MISSING_PERMISSIONS ->
          new SpaceOpening.Refused("Discord answered 50013 Missing Permissions", grant);
      case MISSING_ACCESS ->
          new SpaceOpening.Refused(
              "Discord answered 50001 Missing Access",
              "let Nudge see the program's channel, and " + grant);
      case UNKNOWN_CHANNEL ->
          new SpaceOpening.Refused("the program's channel no longer exists", setChannel);
      default -> new SpaceOpening.Refused("Discord answered " + describe(e), grant);
    };
  }

  private Delivery direct(String userId, Message message) {
    if (dms.knownClosed(userId)) {
      return closed(userId);
    }
    DmChannels.Opening opening;
    try {
      opening = dms.open(connection.any(), userId, timeoutMillis);
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
        dms.markClosed(userId);
        return closed(userId);
      }
      throw e;
    }
    if (opening.channel() == null) {
      // Only DM openings wait: a channel post, or a DM whose channel is open, goes on.
      return new Delivery.CallLimited(opening.retryAfter(), "opening DM channels gently");
    }
    try {
      MessageChannel where = opening.channel();
      return withoutChartIfRefused(
          message, m -> send(where, renderer.asContent(m, userId), userId));
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
        dms.markClosed(userId);
        return closed(userId);
      }
      throw e;
    }
  }

  /**
   * Sends {@code message}; when Discord refuses the one that carries the chart (a file too large,
   * no Attach Files permission), sends it again without the picture, so the digest's text is never
   * lost for it. The chart rides on the first piece, so nothing was posted before the refusal.
   */
  private static Delivery withoutChartIfRefused(
      Message message, Function<Message, Delivery> sending) {
    try {
      return sending.apply(message);
    } catch (ErrorResponseException e) {
      if (message.chart() == null
          || e.isServerError()
          || e.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
        throw e;
      }
      log.warn("Discord refused a trend chart ({}); sending the digest without it", describe(e));
    } catch (InsufficientPermissionException e) {
      if (message.chart() == null) {
        throw e;
      }
      log.warn(
          "Discord refused a trend chart (no {}); sending the digest without it",
          e.getPermission().getName());
    }
    return sending.apply(message.withChart(null));
  }

  private Delivery send(MessageChannel channel, List<MessageCreateData> pieces, String target) {
    for (int i = 0; i < pieces.size(); i++) {
      channel
          .sendMessage(pieces.get(i))
          .setNonce(nonce(target, i, pieces.get(i)))
          .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
          .complete();
    }
    return new Delivery.Delivered();
  }

  /**
   * Posts to a channel by id with JDA's own request machinery (its rate limits and retries), for a
   * channel no shard of this node holds in its cache. JDA offers no public action for a channel it
   * hasn't cached, so the route is built as JDA's channels build it.
   */
  private Delivery sendByRest(String channelId, List<MessageCreateData> pieces) {
    if (!channelId.chars().allMatch(Character::isDigit) || channelId.isEmpty()) {
      return cantSee(channelId);
    }
    JDA jda = connection.any();
    Route.CompiledRoute route = Route.Messages.SEND_MESSAGE.compile(channelId);
    for (int i = 0; i < pieces.size(); i++) {
      MessageCreateData piece = pieces.get(i);
      DataObject json =
          piece.toData().put("nonce", nonce(channelId, i, piece)).put("enforce_nonce", true);
      RestAction<Void> post =
          piece.getFiles().isEmpty()
              ? new RestActionImpl<>(jda, route, json)
              : new RestActionImpl<>(
                  jda, route, AttachedFile.createMultipartBody(piece.getFiles(), json).build());
      try {
        post.timeout(timeoutMillis, TimeUnit.MILLISECONDS).complete();
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL
            || e.getErrorResponse() == ErrorResponse.MISSING_ACCESS) {
          return cantSee(channelId);
        }
        throw e;
      }
    }
    return new Delivery.Delivered();
  }

  private static Delivery cantSee(String channelId) {
    return new Delivery.Failed(
        "Nudge can't see channel "
            + channelId
            + ": it was deleted, or Nudge isn't in that server or can't view it.");
  }

  private static Delivery closed(String userId) {
    return new Delivery.DirectMessagesClosed(
        "Discord user " + userId + " doesn't accept direct messages from Nudge (50007).",
        HOW_TO_OPEN_DMS);
  }

  private Delivery classify(RuntimeException e, ConversationRef to) {
    if (e instanceof ErrorResponseException error) {
      if (error.isServerError()) {
        // No Retry-After with a 5xx: zero lets the dispatcher back off as it sees fit.
        return new Delivery.RetryLater(Duration.ZERO, "Discord answered " + describe(error));
      }
      return switch (error.getErrorResponse()) {
        case UNKNOWN_CHANNEL -> new Delivery.Failed("Discord says the channel no longer exists.");
        case MISSING_ACCESS ->
            new Delivery.Failed("Nudge has no access to that channel; add it to the channel.");
        case MISSING_PERMISSIONS ->
            new Delivery.Failed("Nudge lacks a permission there (Send Messages, Embed Links).");
        case UNKNOWN_USER -> new Delivery.Failed("Discord doesn't know that user any more.");
        default -> new Delivery.Failed("Discord refused the message: " + describe(error));
      };
    }
    if (e instanceof InsufficientPermissionException permission) {
      return new Delivery.Failed(
          "Nudge lacks the " + permission.getPermission().getName() + " permission there.");
    }
    // Timeouts (including a 429 longer than our wait), I/O errors and anything unexpected.
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    log.info("Discord delivery to a {} will be retried: {}", kind(to), cause.toString());
    return new Delivery.RetryLater(Duration.ZERO, cause.toString());
  }

  private static String describe(ErrorResponseException e) {
    return e.getResponse() == null
        ? e.getMeaning()
        : e.getResponse().code + " " + e.getErrorCode() + " " + e.getMeaning();
  }

  private static String kind(ConversationRef to) {
    if (to instanceof ConversationRef.PairSpace) {
      return "pair's thread";
    }
    return to instanceof ConversationRef.Direct ? "DM" : "channel";
  }

  /** Same target, piece and content: same nonce, which Discord enforces for a few minutes. */
  static String nonce(String target, int piece, MessageCreateData data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((target + "/" + piece + "/" + data.getContent()).getBytes(StandardCharsets.UTF_8));
      // The whole embed (title, fields), so two digests with the same shape never share a nonce.
      data.getEmbeds()
          .forEach(e -> sha.update(e.toData().toString().getBytes(StandardCharsets.UTF_8)));
      data.getFiles().forEach(f -> sha.update(f.getName().getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 25);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
