package org.nudge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.LiveMentions;
import org.nudge.engine.model.Message;

/** An in-memory chat platform that records every delivered message: a fake, not a mock. */
public final class RecordingGateway implements ChatGateway {

  /** One delivered message, and when it was delivered. */
  public record Sent(ConversationRef to, Message message, Instant at) {
    /**
     * The text as a reader sees it: the engine's live mentions as {@code <@id>}, like a mention a
     * member typed (use {@link #liveMentions()} to tell them apart).
     */
    public String text() {
      return shown(message.text());
    }

    /** The users this message notifies: only those the engine mentions itself. */
    public Set<String> liveMentions() {
      return LiveMentions.users(message.text());
    }
  }

  /** The engine's text with its live mentions written as {@code <@id>}. */
  public static String shown(String text) {
    return LiveMentions.render(text, literal -> literal, user -> "<@" + user + ">");
  }

  private final String platform;
  private final Clock clock;
  private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> closedDms = ConcurrentHashMap.newKeySet();
  private final List<SpaceToOpen> spacesOpened = Collections.synchronizedList(new ArrayList<>());
  private volatile SpaceOpening spaceAnswer;
  private volatile int failPostsToSpaces;
  private volatile String spacesGone;

  public RecordingGateway(String platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  @Override
  public String platform() {
    return platform;
  }

  /**
   * Opens a pair's space as {@code space-<pair>} (or answers what {@link #answerSpaces} set),
   * recording each call: a platform opens one only when asked.
   */
  @Override
  public SpaceOpening openSpace(SpaceToOpen space) {
    spacesOpened.add(space);
    SpaceOpening answer = spaceAnswer;
    return answer != null ? answer : new SpaceOpening.Opened("space-" + space.pairId());
  }

  /** From now on, opening a space answers {@code answer} (a refusal, a retry). */
  public void answerSpaces(SpaceOpening answer) {
    spaceAnswer = answer;
  }

  /** The next {@code count} posts to spaces fail as a passing error (a 5xx). */
  public void failPostsToSpaces(int count) {
    failPostsToSpaces = count;
  }

  /** From now on, posts to spaces fail for good with {@code reason} (deleted, access lost). */
  public void loseSpaces(String reason) {
    spacesGone = reason;
  }

  /** Every space the dispatcher asked this platform to open, in order. */
  public List<SpaceToOpen> spacesOpened() {
    synchronized (spacesOpened) {
      return List.copyOf(spacesOpened);
    }
  }

  /** Texts posted to pairs' spaces, by conversation id, in order. */
  public List<String> postsInSpace(String conversationId) {
    List<String> texts = new ArrayList<>();
    for (Sent s : sent()) {
      if (s.to() instanceof ConversationRef.PairSpace p
          && conversationId.equals(p.conversationId())) {
        texts.add(s.text());
      }
    }
    return texts;
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
    if (to instanceof ConversationRef.PairSpace && spacesGone != null) {
      return new Delivery.Failed(spacesGone);
    }
    if (to instanceof ConversationRef.PairSpace && failPostsToSpaces > 0) {
      failPostsToSpaces--;
      return new Delivery.RetryLater(Duration.ZERO, "the platform answered 502");
    }
    if (to instanceof ConversationRef.Direct d && closedDms.contains(d.user().userId())) {
      return new Delivery.DirectMessagesClosed(
          d.user().userId() + " doesn't accept direct messages", "Open your DMs to Nudge.");
    }
    sent.add(new Sent(to, message, clock.instant()));
    return new Delivery.Delivered();
  }

  public List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Texts of direct messages to the user with this platform id. */
  public List<String> dmsTo(String userId) {
    List<String> texts = new ArrayList<>();
    for (Sent s : sent()) {
      if (s.to() instanceof ConversationRef.Direct d && d.user().userId().equals(userId)) {
        texts.add(s.text());
      }
    }
    return texts;
  }

  /** Everything delivered to the user with this platform id, in order. */
  public List<Sent> sentTo(String userId) {
    List<Sent> to = new ArrayList<>();
    for (Sent s : sent()) {
      if (s.to() instanceof ConversationRef.Direct d && d.user().userId().equals(userId)) {
        to.add(s);
      }
    }
    return to;
  }

  /** Texts posted to the channel with this id. */
  public List<String> postsIn(String channelId) {
    List<String> texts = new ArrayList<>();
    for (Sent s : sent()) {
      if (s.to() instanceof ConversationRef.Channel c && c.channelId().equals(channelId)) {
        texts.add(s.text());
      }
    }
    return texts;
  }

  /** From now on, direct messages to this user fail as closed (like Discord's 50007). */
  public void closeDirectMessages(String userId) {
    closedDms.add(userId);
  }

  public void clear() {
    sent.clear();
  }
}
