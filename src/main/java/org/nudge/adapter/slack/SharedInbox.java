package org.nudge.adapter.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.nudge.engine.domain.Inbox;
import org.nudge.engine.domain.Inbox.Queued;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each member's Slack inputs in the order they arrived across every node on one database
 * (PostgreSQL with several nodes), through the {@link Inbox} table; on one node the {@link
 * MemberLanes} alone keep that order.
 *
 * <p>A request is stored before it is acknowledged, so an acknowledged input survives the node and
 * a member's next request, on any node, has a later id. Then this node's lane for the member tries
 * to claim it: it succeeds if it is the member's oldest input and nobody holds it. Otherwise an
 * earlier input of theirs is running on some node, which, when done, claims the member's next input
 * itself (the "chain"), whichever node received it; whichever node answers posts to the
 * interaction's {@code response_url} or the member's DM, which any node can. A poller takes inputs
 * whose turn came while nobody was looking (their node died, or its lease ran out).
 */
final class SharedInbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SharedInbox.class);

  /** How long a claim holds; an input runs in milliseconds, so only a dead node's claim expires. */
  static final Duration LEASE = Duration.ofSeconds(20);

  /** How long an input is left to the node that received it before the poller may take it. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private static final long POLL_MILLIS = 500;
  private static final int POLL_BATCH = 50;
  private static final int CHAIN = 20;
  private static final int MAX_ATTEMPTS = 3;

  /** Runs the engine on an input, with the inbox's bookkeeping in the same transaction. */
  interface Runner {
    /** Handles one input; {@code finish} runs in the transaction of its effect. */
    Reply run(QueuedInput input, Consumer<org.nudge.engine.domain.Tx> finish);

    /** Sends {@code reply} where {@code input}'s answer goes; {@code ageNanos} since it arrived. */
    void answer(QueuedInput input, Reply reply, long ageNanos);

    /** The sentence for an input that failed again and again. */
    Reply sorry(QueuedInput input);
  }

  private final Store store;
  private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
  private final String node;
  private final String token;
  private final MemberLanes lanes;
  private final Runner runner;
  private final Map<Long, CompletableFuture<Reply>> waiters = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  SharedInbox(Store store, String node, MemberLanes lanes, Runner runner) {
    this.store = store;
    this.node = node;
    this.token = node + "/" + UUID.randomUUID();
    this.lanes = lanes;
    this.runner = runner;
    this.poller = new Thread(this::poll, "nudge-slack-inbox");
    poller.setDaemon(true);
    poller.start();
  }

  /**
   * Stores {@code input} and queues it to run after the acks; false when it could not be stored
   * (the database failed), and then nothing will happen.
   */
  boolean accept(QueuedInput input) {
    long id;
    try {
      id = store.inTransaction(tx -> tx.inbox().add(input.user(), input.encode(), node, now()));
    } catch (RuntimeException e) {
      log.error("A Slack input could not be stored: {}", e.getClass().getName());
      return false;
    }
    queue(input.user(), id);
    return true;
  }

  /** The outcome of storing a direct message. */
  enum Stored {
    QUEUED,
    DUPLICATE,
    FAILED
  }

  /**
   * Stores a direct message unless its event id was seen before, recorded in the same transaction,
   * so a copy Slack sends again, to any node, is skipped.
   */
  Stored acceptDirect(QueuedInput input, Instant engineNow) {
    String eventId = input.direct().eventId();
    Long id;
    try {
      id =
          store.inTransaction(
              tx -> {
                if (eventId != null
                    && !tx.keyValues().firstDelivery(SlackAdapter.PLATFORM, eventId, engineNow)) {
                  return null;
                }
                return tx.inbox().add(input.user(), input.encode(), node, now());
              });
    } catch (RuntimeException e) {
      log.error("A Slack direct message could not be stored: {}", e.getClass().getName());
      return Stored.FAILED;
    }
    if (id == null) {
      return Stored.DUPLICATE;
    }
    queue(input.user(), id);
    return Stored.QUEUED;
  }

  /**
   * Stores a modal submission and runs it at once if it is the member's turn, for its answer to
   * ride in the ack: the reply if it came within {@code budgetNanos}, else empty, and the reply
   * goes to {@code late} when it comes (or to the DM, when another node runs it).
   *
   * @throws RejectedExecutionException when it could not be stored: nothing was saved
   */
  Optional<Reply> withinAck(
      QueuedInput input, long deadlineNanos, Consumer<Reply> late, java.util.concurrent.Executor io)
      throws InterruptedException {
    long id;
    try {
      id = store.inTransaction(tx -> tx.inbox().add(input.user(), input.encode(), node, now()));
    } catch (RuntimeException e) {
      log.error("A Slack form submission could not be stored: {}", e.getClass().getName());
      throw new RejectedExecutionException("The inbox could not store it");
    }
    CompletableFuture<Reply> done = new CompletableFuture<>();
    waiters.put(id, done);
    try {
      lanes.urgent(input.user(), () -> runUntil(id, input.user(), deadlineNanos));
    } catch (RejectedExecutionException e) {
      // Stored: the poller runs it, and the answer goes to the DM.
      waiters.remove(id);
      return Optional.empty();
    }
    try {
      return Optional.of(
          done.get(
              Math.max(0, deadlineNanos - System.nanoTime()),
              java.util.concurrent.TimeUnit.NANOSECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      if (!waiters.remove(id, done)) {
        done.thenAcceptAsync(late, io); // taken on this node just now: it completes
      }
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException e) {
      return Optional.empty();
    }
  }

  /** Inputs stored and not yet handled, on every node. */
  long backlog() {
    return store.inTransaction(tx -> tx.inbox().backlog());
  }

  private void queue(UserRef member, long id) {
    try {
      lanes.afterAcks(member, () -> runFrom(id, member));
    } catch (RejectedExecutionException e) {
      // Stored all the same: the poller takes it once this node has room, or another node does.
      log.warn("The Slack workers are full; a stored input waits for the poller");
    }
  }

  /** A modal's turn: tries until its deadline, as an earlier input may be finishing elsewhere. */
  private void runUntil(long id, UserRef member, long deadlineNanos) {
    while (running) {
      Optional<Queued> claimed = claim(id);
      if (claimed.isPresent()) {
        run(claimed.get());
        break;
      }
      if (System.nanoTime() > deadlineNanos || !store.inTransaction(tx -> tx.inbox().waiting(id))) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    chain(member);
  }

  private void runFrom(long id, UserRef member) {
    claim(id).ifPresent(this::run);
    chain(member);
  }

  /** Runs the member's next inputs, whichever node received them, while it is their turn. */
  private void chain(UserRef member) {
    for (int i = 0; i < CHAIN && running; i++) {
      Optional<Queued> next;
      try {
        next = store.inTransaction(tx -> tx.inbox().claimNext(member, token, now(), LEASE));
      } catch (RuntimeException e) {
        log.warn("Claiming a member's next Slack input failed: {}", e.getClass().getName());
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      run(next.get());
    }
    if (running) {
      // A long run of inputs: the rest goes behind other members' work.
      try {
        lanes.afterAcks(member, () -> chain(member));
      } catch (RejectedExecutionException e) {
        log.debug("The poller takes the rest of a member's inputs");
      }
    }
  }

  private Optional<Queued> claim(long id) {
    try {
      return store.inTransaction(tx -> tx.inbox().claim(id, token, now(), LEASE));
    } catch (RuntimeException e) {
      log.warn("Claiming a Slack input failed: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  /** Runs one claimed input and sends its answer; a failure leaves it to run again later. */
  private void run(Queued queued) {
    QueuedInput input;
    try {
      input = QueuedInput.decode(queued.payload());
    } catch (IllegalArgumentException e) {
      log.error("A stored Slack input could not be read and is dropped: {}", e.getMessage());
      store.inTransaction(
          tx -> {
            tx.inbox().finish(queued.id(), token);
            return null;
          });
      return;
    }
    Reply reply;
    try {
      reply = runner.run(input, tx -> tx.inbox().finish(queued.id(), token));
    } catch (Inbox.NotClaimed e) {
      log.info("A Slack input was taken over by another node while this one ran it");
      return;
    } catch (RuntimeException e) {
      reply = failed(queued, input, e);
      if (reply == null) {
        return;
      }
    }
    long age = Math.max(0, Duration.between(queued.receivedAt(), now()).toNanos());
    CompletableFuture<Reply> waiting = waiters.remove(queued.id());
    if (waiting != null) {
      waiting.complete(reply);
    } else {
      runner.answer(input, reply, age);
    }
  }

  /**
   * An input the engine could not run (the database failed): it stays, claimed, and runs again when
   * the claim expires; after a few attempts it is dropped with an apology that echoes it.
   */
  private Reply failed(Queued queued, QueuedInput input, RuntimeException e) {
    log.error(
        "A Slack {} failed: {}",
        input.inbound().getClass().getSimpleName(),
        e.getClass().getName());
    try {
      int attempts = store.inTransaction(tx -> tx.inbox().failedAttempt(queued.id()));
      if (attempts < MAX_ATTEMPTS) {
        return null;
      }
      store.inTransaction(
          tx -> {
            tx.inbox().finish(queued.id(), token);
            return null;
          });
      return runner.sorry(input);
    } catch (RuntimeException again) {
      return null;
    }
  }

  private void poll() {
    while (running) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      if (!running) {
        return;
      }
      try {
        Instant now = now();
        List<Queued> due =
            store.inTransaction(
                tx -> tx.inbox().claimWaiting(token, POLL_BATCH, now.minus(SETTLE), now, LEASE));
        for (Queued queued : due) {
          try {
            lanes.afterAcks(
                queued.member(),
                () -> {
                  run(queued);
                  chain(queued.member());
                });
          } catch (RejectedExecutionException e) {
            break; // full: the claim expires, and this node or another takes it then
          }
        }
      } catch (RuntimeException e) {
        log.warn("Looking for waiting Slack inputs failed: {}", e.getClass().getName());
      }
    }
  }

  private Instant now() {
    return clock.instant();
  }

  /**
   * Stops looking for inputs and gives back what this node holds, once its lanes have finished
   * (call after they have), so another node takes them at once rather than after the lease.
   */
  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      int released = store.inTransaction(tx -> tx.inbox().releaseAll(token));
      if (released > 0) {
        log.info("Handed back {} Slack inputs for another node", released);
      }
    } catch (RuntimeException e) {
      log.warn("Handing back Slack inputs failed: {}", e.getClass().getName());
    }
  }
}
