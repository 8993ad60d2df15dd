package org.nudge.engine.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Quote;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a message reaches the outbox (an architecture test keeps it so). It resolves who the
 * message goes to (a member's direct conversation or a channel) and checks every member's words the
 * message declares ({@link Outgoing#quotes()}) against README's "Who sees what"
 * (docs/architecture.md, The privacy gate):
 *
 * <ul>
 *   <li>the author may read their own words anywhere they are sent to them;
 *   <li>reflections, advice and outcomes, feedback comments, check-in notes and goals reach besides
 *       the author only the partner of the pair the entry belongs to, while that pair is active,
 *       and only when shared; never a channel, never a lead as such;
 *   <li>wins and thanks reach the partner of their pair as a notice, and anyone (a program channel,
 *       leads' highlights) once their author shared them;
 *   <li>enrolment answers reach program leads, for matching, and no channel;
 *   <li>a pair's shared space is read by both members, so each quote must be one both may read: the
 *       pair's wins, what either shared with the other, the pair's own goals; never what only one
 *       of them may see (a member's unshared advice or reflection).
 * </ul>
 *
 * A refused message is not queued and is logged as one line naming no text: a refusal is a bug in
 * the code that built the message, and the tests fail on it.
 */
public final class PrivacyGate {

  private static final Logger log = LoggerFactory.getLogger(PrivacyGate.class);

  private final Tx tx;
  private final Map<UserRef, Optional<Member>> members = new HashMap<>();
  private final Map<Long, Optional<Pair>> pairs = new HashMap<>();
  private final Map<Long, Optional<Member>> readers = new HashMap<>();

  private PrivacyGate(Tx tx) {
    this.tx = tx;
  }

  /** The gate for the messages of one transaction. */
  public static PrivacyGate of(Tx tx) {
    return new PrivacyGate(tx);
  }

  /**
   * Queues the message at {@code notBefore} if its recipient may read everything it quotes; true if
   * it was stored (false for a refusal or an idempotency key already queued).
   */
  public boolean send(Outgoing message, Instant notBefore, Instant now) {
    if (refused(message)) {
      return false;
    }
    return tx.outbox().enqueue(message, notBefore, now);
  }

  /** {@link #send}, to go at once. */
  public boolean sendNow(Outgoing message, Instant now) {
    return send(message, now, now);
  }

  /** {@link #send} for many messages, queued in one batch; true at each index that was stored. */
  public List<Boolean> sendAll(List<Outbox.Queued> messages, Instant now) {
    List<Outbox.Queued> allowed = new ArrayList<>(messages.size());
    List<Integer> indices = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      if (!refused(messages.get(i).message())) {
        allowed.add(messages.get(i));
        indices.add(i);
      }
    }
    List<Boolean> stored = new ArrayList<>(java.util.Collections.nCopies(messages.size(), false));
    List<Boolean> queued = tx.outbox().enqueueAll(allowed, now);
    for (int i = 0; i < indices.size(); i++) {
      stored.set(indices.get(i), queued.get(i));
    }
    return stored;
  }

  /** Why the message's recipient may not read one of its quotes; empty when it may read all. */
  public Optional<String> refusal(Outgoing message) {
    for (Quote quote : message.quotes()) {
      Optional<String> why;
      if (message.to() instanceof ConversationRef.Direct direct) {
        why = refusalFor(quote, recipient(direct.user()));
      } else if (message.to() instanceof ConversationRef.PairSpace space) {
        why = refusalInSpace(quote, space.pairId());
      } else {
        why = refusalInChannel(quote);
      }
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  /** A quote in a pair's space must be one each of its two members may read. */
  private Optional<String> refusalInSpace(Quote quote, long pairId) {
    Optional<Pair> pair = pairs.computeIfAbsent(pairId, id -> tx.pairs().byId(id));
    if (pair.isEmpty()) {
      return Optional.of(describe(quote) + " may not reach the space of an unknown pair");
    }
    for (long reader : new long[] {pair.get().mentorId(), pair.get().menteeId()}) {
      Optional<String> why =
          refusalFor(quote, readers.computeIfAbsent(reader, id -> tx.members().byId(id)));
      if (why.isPresent()) {
        return Optional.of(why.get() + ", who reads pair " + pairId + "'s space");
      }
    }
    return Optional.empty();
  }

  private boolean refused(Outgoing message) {
    Optional<String> why = refusal(message);
    why.ifPresent(
        reason ->
            log.error(
                "Privacy gate refused a message ({}): {}",
                kindOf(message.idempotencyKey()),
                reason));
    return why.isPresent();
  }

  private Optional<String> refusalFor(Quote quote, Optional<Member> to) {
    if (to.isEmpty()) {
      return Optional.of(describe(quote) + " may not reach someone who isn't a member");
    }
    Member reader = to.get();
    if (reader.id() == quote.authorId()) {
      return Optional.empty();
    }
    boolean allowed =
        switch (quote.kind().reach()) {
          case PAIR -> quote.shared() && isActivePartner(quote, reader);
          case CELEBRATION -> quote.shared() || isActivePartner(quote, reader);
          case LEADS -> reader.lead();
        };
    return allowed
        ? Optional.empty()
        : Optional.of(
            describe(quote)
                + " may not reach member "
                + reader.id()
                + (quote.shared() || quote.kind().reach() == Quote.Reach.LEADS
                    ? ""
                    : " (not shared)"));
  }

  private static Optional<String> refusalInChannel(Quote quote) {
    return quote.kind().reach() == Quote.Reach.CELEBRATION && quote.shared()
        ? Optional.empty()
        : Optional.of(describe(quote) + " may not reach a channel");
  }

  /** Whether {@code reader} is the author's partner in the entry's own pair, still active. */
  private boolean isActivePartner(Quote quote, Member reader) {
    if (quote.pairId() == null) {
      return false;
    }
    return pairs
        .computeIfAbsent(quote.pairId(), id -> tx.pairs().byId(id))
        .filter(Pair::isActive)
        .filter(p -> p.includes(quote.authorId()))
        .map(p -> p.partnerOf(quote.authorId()) == reader.id())
        .orElse(false);
  }

  private Optional<Member> recipient(UserRef user) {
    return members.computeIfAbsent(user, u -> tx.members().find(u));
  }

  private static String describe(Quote quote) {
    return quote.kind().words()
        + " by member "
        + quote.authorId()
        + (quote.pairId() == null ? " outside a pair" : " in pair " + quote.pairId());
  }

  /** The kind of message, from its key ({@code win:12:partner} is a "win"), which holds no text. */
  private static String kindOf(String idempotencyKey) {
    int colon = idempotencyKey.indexOf(':');
    return colon < 0 ? idempotencyKey : idempotencyKey.substring(0, colon);
  }
}
