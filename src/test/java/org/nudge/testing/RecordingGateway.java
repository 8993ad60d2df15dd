package org.nudge.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  private final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
  private final java.util.Set<String> closedDms =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public RecordingGateway(String platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
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
