package org.nudge.engine.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.rhythm.Outreach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due rows with a lease, hands each to its platform's gateway at the
 * platform's pace, and records the outcome.
 *
 * <ul>
 *   <li>At least once: a crash between the platform accepting a message and the row being marked
 *       sent re-sends that one message after the lease expires (the documented crash window).
 *       Otherwise a key is delivered once.
 *   <li>Per-conversation order: when a message to someone must wait (a retry, a pause), later
 *       messages to them in the same batch wait too.
 *   <li>Last look: nothing reaches a paused member, and nothing Nudge started reaches anyone in
 *       their quiet hours; such messages are held, not dropped.
 *   <li>Retries with exponential backoff, or the platform's {@code Retry-After}, which holds the
 *       whole workspace; a limit on one kind of call ({@link ChatGateway.Delivery.CallLimited})
 *       holds only the messages that need it. Permanent failures are recorded for the lead.
 *   <li>Stopping ({@link #stop()}): the message in hand is finished, the rest of the batch is
 *       handed back at once rather than left to its lease, and nothing more is claimed.
 * </ul>
 */
public final class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /**
   * How long a claim lasts unless renewed. Short, so a node that dies mid-batch has its messages
   * taken over within seconds; a node at work renews its batch every {@link #RENEW_EVERY}.
   */
  static final Duration LEASE = Duration.ofSeconds(20);

  static final Duration RENEW_EVERY = Duration.ofSeconds(5);
  static final int MAX_ATTEMPTS = 8;
  private static final long MAX_PACING_WAIT_MILLIS = 2_000;

  private final Store store;
  private final Clock clock;
  private final Map<String, ChatGateway> gateways;
  private final String node;
  private final Outreach outreach;
  private final Consumer<SendOutcome> outcomes;
  private final Map<String, Pace> pacers = new ConcurrentHashMap<>();
  private final boolean sharedPace;
  private final PairSpaceDelivery spaces;
  private volatile boolean stopping;

  /**
   * Workspaces a platform told to wait (429 with Retry-After), until when, on the engine's clock.
   */
  private final Map<String, Instant> heldWorkspaces = new ConcurrentHashMap<>();

  public Dispatcher(
      Store store, Clock clock, List<ChatGateway> gateways, String node, Outreach outreach) {
    this(store, clock, gateways, node, outreach, outcome -> {});
  }

  /** As above, telling {@code outcomes} how each send ended (for {@code /metrics}). */
  public Dispatcher(
      Store store,
      Clock clock,
      List<ChatGateway> gateways,
      String node,
      Outreach outreach,
      Consumer<SendOutcome> outcomes) {
    this(store, clock, gateways, node, outreach, outcomes, false);
  }

  /**
   * As above; with {@code sharedPace}, each workspace's rate is shared with every node on the
   * database ({@link SharedPacer}), for several nodes on PostgreSQL.
   */
  public Dispatcher(
      Store store,
      Clock clock,
      List<ChatGateway> gateways,
      String node,
      Outreach outreach,
      Consumer<SendOutcome> outcomes,
      boolean sharedPace) {
    this.sharedPace = sharedPace;
    this.store = store;
    this.clock = clock;
    this.gateways =
        gateways.stream().collect(Collectors.toMap(ChatGateway::platform, Function.identity()));
    this.node = node;
    this.outreach = outreach;
    this.outcomes = outcomes;
    this.spaces = new PairSpaceDelivery(store, clock);
  }

  /**
   * Claims nothing more from now on; a batch being delivered ends after the message in hand, and
   * its other rows are handed back for another node or the next start to send.
   */
  public void stop() {
    stopping = true;
  }

  /** Delivers what is due now, up to {@code batch} messages; returns how many were claimed. */
  public int dispatchDue(int batch) {
    if (stopping) {
      return 0;
    }
    Instant now = clock.instant();
    // The recipients are read with the claim, in one transaction, not one transaction per message.
    Map<UserRef, Member> recipients = new HashMap<>();
    Map<Long, List<Member>> spaceReaders = new HashMap<>();
    List<OutboxEntry> claimed =
        store.inTransaction(
            tx -> {
              List<OutboxEntry> rows = tx.outbox().claim(node, batch, now, LEASE);
              for (OutboxEntry row : rows) {
                if (row.message().to() instanceof ConversationRef.Direct direct
                    && !recipients.containsKey(direct.user())) {
                  tx.members().find(direct.user()).ifPresent(m -> recipients.put(direct.user(), m));
                } else if (row.message().to() instanceof ConversationRef.PairSpace space) {
                  spaceReaders.computeIfAbsent(space.pairId(), id -> readers(tx, id));
                }
              }
              return rows;
            });
    Map<String, Instant> heldTargets = new HashMap<>();
    Instant renewed = now;
    for (int i = 0; i < claimed.size(); i++) {
      if (stopping) {
        handBack(claimed.subList(i, claimed.size()));
        break;
      }
      OutboxEntry entry = claimed.get(i);
      if (!clock.instant().isBefore(renewed.plus(RENEW_EVERY))) {
        renewed = renew(claimed.subList(i, claimed.size()));
      }
      String target = targetKey(entry.message().to());
      Instant held = heldTargets.get(target);
      if (held != null) {
        release(entry, held);
        continue;
      }
      Optional<Instant> wait = holdFor(entry, recipients, spaceReaders);
      if (wait.isPresent()) {
        heldTargets.put(target, wait.get());
        release(entry, wait.get());
        continue;
      }
      Optional<Instant> retry = deliver(entry);
      retry.ifPresent(at -> heldTargets.put(target, at));
    }
    return claimed.size();
  }

  /** Keeps the lease on what is left of the batch; returns when. */
  private Instant renew(List<OutboxEntry> left) {
    Instant now = clock.instant();
    List<Long> ids = left.stream().map(OutboxEntry::id).toList();
    store.inTransaction(
        tx -> {
          tx.outbox().renew(node, ids, now.plus(LEASE));
          return null;
        });
    return now;
  }

  /**
   * Gives back rows claimed but not sent, due as they were: another node takes them at once, not
   * after the lease, and in their order.
   */
  private void handBack(List<OutboxEntry> left) {
    store.inTransaction(
        tx -> {
          for (OutboxEntry entry : left) {
            tx.outbox().release(entry.id(), entry.notBefore());
          }
          return null;
        });
    log.info("Handed back {} claimed messages", left.size());
  }

  /** Delivers until nothing is due (the console does this after every line). */
  public void drain() {
    while (dispatchDue(100) > 0) {
      // keep going until the due rows are all sent, held or failed
    }
  }

  /** Both members of a pair, who read its space. */
  private static List<Member> readers(Tx tx, long pairId) {
    return tx.pairs()
        .byId(pairId)
        .map(
            p ->
                Stream.of(p.mentorId(), p.menteeId())
                    .map(id -> tx.members().byId(id))
                    .flatMap(Optional::stream)
                    .toList())
        .orElse(List.of());
  }

  /**
   * When a message to a pair's space may go instead: nothing while either member is paused (it
   * would reach them), and a nudge only when at least one of them is outside quiet hours (it is the
   * pair's shared conversation; waiting for both could wait for ever across timezones).
   */
  private Optional<Instant> holdForSpace(OutboxEntry entry, List<Member> readers) {
    Instant now = clock.instant();
    Optional<Instant> paused =
        readers.stream()
            .filter(m -> m.isPausedAt(now))
            .map(m -> outreach.nextDeliveryTime(m, now, false))
            .max(Instant::compareTo);
    if (paused.isPresent()) {
      return paused;
    }
    boolean bot = entry.message().botInitiated();
    if (readers.isEmpty() || readers.stream().anyMatch(m -> outreach.mayDeliverNow(m, now, bot))) {
      return Optional.empty();
    }
    return readers.stream()
        .map(m -> outreach.nextDeliveryTime(m, now, bot))
        .min(Instant::compareTo);
  }

  /** When a message to a paused member, or a nudge in quiet hours, may go instead. */
  private Optional<Instant> holdFor(
      OutboxEntry entry, Map<UserRef, Member> recipients, Map<Long, List<Member>> spaceReaders) {
    if (entry.message().to() instanceof ConversationRef.PairSpace space) {
      return holdForSpace(entry, spaceReaders.getOrDefault(space.pairId(), List.of()));
    }
    if (!(entry.message().to() instanceof ConversationRef.Direct direct)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Member> member = Optional.ofNullable(recipients.get(direct.user()));
    boolean bot = entry.message().botInitiated();
    if (member.isEmpty() || outreach.mayDeliverNow(member.get(), now, bot)) {
      return Optional.empty();
    }
    return Optional.of(outreach.nextDeliveryTime(member.get(), now, bot));
  }

  /** Sends one entry; returns when to retry if the platform asked to wait. */
  private Optional<Instant> deliver(OutboxEntry entry) {
    ConversationRef to = entry.message().to();
    ChatGateway gateway = gateways.get(to.platform());
    if (gateway == null) {
      fail(entry, "Nudge is not connected to " + to.platform());
      return Optional.empty();
    }
    String workspace = to.platform() + "/" + to.workspace();
    Instant heldUntil = heldWorkspaces.get(workspace);
    if (heldUntil != null && heldUntil.isAfter(clock.instant())) {
      release(entry, heldUntil);
      return Optional.of(heldUntil);
    }
    Pace pacer = pacers.computeIfAbsent(workspace, k -> pace(k, gateway.messagesPerSecond()));
    if (to instanceof ConversationRef.PairSpace) {
      PairSpaceDelivery.Route route = spaces.route(entry, gateway);
      if (route instanceof PairSpaceDelivery.Route.Deliver open) {
        to = open.to();
      } else if (route instanceof PairSpaceDelivery.Route.Retry retry) {
        // The space couldn't be opened now: an attempt like a failed delivery, retried alike.
        return settle(
            entry,
            to,
            workspace,
            pacer,
            new ChatGateway.Delivery.RetryLater(retry.after(), retry.reason()));
      } else if (route instanceof PairSpaceDelivery.Route.Wait wait) {
        release(entry, wait.at());
        return Optional.of(wait.at());
      } else {
        return Optional.empty(); // Done: it went to the members' DMs, or the pair has ended
      }
    }
    try {
      if (!pacer.acquire(MAX_PACING_WAIT_MILLIS)) {
        Instant at = clock.instant().plusMillis(pacer.millisUntilFree());
        release(entry, at);
        return Optional.of(at);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(entry, clock.instant());
      return Optional.empty();
    }
    ChatGateway.Delivery result;
    try {
      result = gateway.deliver(to, entry.message().message());
    } catch (RuntimeException e) {
      result = new ChatGateway.Delivery.RetryLater(Duration.ZERO, "gateway error: " + e);
    }
    return settle(entry, to, workspace, pacer, result);
  }

  /** Records how one attempt ended; returns when to retry if the platform asked to wait. */
  private Optional<Instant> settle(
      OutboxEntry entry,
      ConversationRef to,
      String workspace,
      Pace pacer,
      ChatGateway.Delivery result) {
    Instant now = clock.instant();
    if (result instanceof ChatGateway.Delivery.Delivered) {
      outcomes.accept(SendOutcome.DELIVERED);
      store.inTransaction(
          tx -> {
            tx.outbox().markSent(entry.id(), now);
            return null;
          });
      return Optional.empty();
    }
    if (result instanceof ChatGateway.Delivery.CallLimited limited) {
      // Only this kind of call waits: the message goes back to the outbox, and nothing else to
      // the workspace is held (a DM channel opening must not hold a digest for a channel).
      outcomes.accept(SendOutcome.RATE_LIMITED);
      Instant at = now.plus(limited.after());
      release(entry, at);
      return Optional.of(at);
    }
    if (result instanceof ChatGateway.Delivery.DirectMessagesClosed closed) {
      outcomes.accept(SendOutcome.FAILED);
      log.warn("Delivery {} failed for good: {}", entry.id(), closed.reason());
      store.inTransaction(
          tx -> {
            tx.outbox().markFailed(entry.id(), closed.reason(), null);
            ClosedDirectMessages.tellOnce(tx, entry.message().to(), closed.howToReopen(), now);
            return null;
          });
      return Optional.empty();
    }
    if (result instanceof ChatGateway.Delivery.RetryLater retry
        && entry.attempts() + 1 < MAX_ATTEMPTS) {
      Duration wait = retry.after().isZero() ? backoff(entry.attempts()) : retry.after();
      Instant at = now.plus(wait);
      outcomes.accept(retry.after().isZero() ? SendOutcome.RETRIED : SendOutcome.RATE_LIMITED);
      if (!retry.after().isZero()) {
        // The platform's rate limit covers the workspace, so nothing goes there until then.
        heldWorkspaces.merge(workspace, at, (a, b) -> a.isAfter(b) ? a : b);
        pacer.holdFor(retry.after());
      }
      log.warn("Delivery {} will be retried in {}: {}", entry.id(), wait, retry.reason());
      store.inTransaction(
          tx -> {
            tx.outbox().markFailed(entry.id(), retry.reason(), at);
            return null;
          });
      return Optional.of(at);
    }
    String reason =
        result instanceof ChatGateway.Delivery.Failed failed
            ? failed.reason()
            : "gave up after "
                + MAX_ATTEMPTS
                + " attempts: "
                + ((ChatGateway.Delivery.RetryLater) result).reason();
    if (to instanceof ConversationRef.PairSpace) {
      // The message goes to both DMs instead, not lost. Only a refusal for good means the space
      // itself is lost; after passing errors (an outage, a busy opening) the pair keeps it.
      outcomes.accept(SendOutcome.FAILED);
      if (result instanceof ChatGateway.Delivery.Failed) {
        spaces.lost(entry, reason);
      } else {
        spaces.gaveUp(entry, reason);
      }
      return Optional.empty();
    }
    fail(entry, reason);
    return Optional.empty();
  }

  private Pace pace(String workspace, double perSecond) {
    if (!sharedPace || Double.isInfinite(perSecond) || perSecond <= 0) {
      return new Pacer(perSecond);
    }
    // Real time, not the engine's clock: a platform's limit counts real seconds.
    return new SharedPacer(store, Clock.systemUTC(), workspace, perSecond);
  }

  /** 2 s, 4 s, 8 s … up to 15 minutes between attempts. */
  static Duration backoff(int attempts) {
    long seconds = Math.min(900, 2L << Math.min(attempts, 10));
    return Duration.ofSeconds(seconds);
  }

  private void fail(OutboxEntry entry, String reason) {
    outcomes.accept(SendOutcome.FAILED);
    log.warn("Delivery {} failed for good: {}", entry.id(), reason);
    store.inTransaction(
        tx -> {
          tx.outbox().markFailed(entry.id(), reason, null);
          return null;
        });
  }

  private void release(OutboxEntry entry, Instant at) {
    store.inTransaction(
        tx -> {
          tx.outbox().release(entry.id(), at);
          return null;
        });
  }

  private static String targetKey(ConversationRef to) {
    if (to instanceof ConversationRef.PairSpace space) {
      return "space/" + space.pairId();
    }
    return to instanceof ConversationRef.Direct d
        ? "dm/" + d.user().key()
        : "channel/"
            + to.platform()
            + "/"
            + to.workspace()
            + "/"
            + ((ConversationRef.Channel) to).channelId();
  }
}
