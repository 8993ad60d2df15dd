package org.nudge.engine.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nudge.engine.model.Outgoing;

/**
 * Messages waiting to be delivered. Rows are claimed with a lease so that several nodes can share
 * the work and a node that dies mid-send is taken over when its lease runs out.
 */
public interface Outbox {

  /**
   * Stores the message unless its idempotency key is already there, with whom it is about ({@link
   * Outgoing#about()}); true if stored. Only the privacy gate calls it.
   */
  boolean enqueue(Outgoing message, Instant notBefore, Instant now);

  /** Claims up to {@code limit} due, unclaimed (or lease-expired) pending rows for {@code node}. */
  List<OutboxEntry> claim(String node, int limit, Instant now, Duration lease);

  void markSent(long id, Instant now);

  /** The members an outbox row is about (the authors it quotes and whom it names). */
  Set<Long> about(long id);

  /** Records a failed attempt; {@code retryAt} null means permanent (never retried). */
  void markFailed(long id, String reason, Instant retryAt);

  /**
   * Extends the lease of those of {@code ids} that {@code node} still holds, so a node that is
   * working through a long batch keeps it while one that died loses it soon.
   */
  void renew(String node, List<Long> ids, Instant until);

  /** Gives a claimed row back, to be tried at {@code notBefore}; not counted as an attempt. */
  void release(long id, Instant notBefore);

  /**
   * Gives back every claimed row, for a process that knows no other one can hold a claim (it has
   * the database to itself): every claim is then left by an earlier process that died. Returns how
   * many rows were claimed.
   */
  int releaseEveryClaim();

  /** Permanent failures, newest first, for leads to see. */
  List<OutboxEntry> failures(String platform, String workspace, int limit);

  /**
   * Deletes up to {@code limit} messages sent before {@code before}; returns how many. Pending and
   * failed messages stay.
   */
  int pruneSent(Instant before, int limit);

  /**
   * How many messages wait to be sent (due or not) and how many failed for good: the figures an
   * operator watches ({@code /metrics}).
   */
  Backlog backlog();

  /** The outbox's size by state, as {@link #backlog()} counts it. */
  record Backlog(long pending, long failed) {}

  /** A message to store, and when it may go. */
  record Queued(Outgoing message, Instant notBefore) {}

  /** {@link #enqueue} for each message in order; true at each index where it was stored. */
  default List<Boolean> enqueueAll(List<Queued> messages, Instant now) {
    List<Boolean> stored = new ArrayList<>(messages.size());
    for (Queued q : messages) {
      stored.add(enqueue(q.message(), q.notBefore(), now));
    }
    return stored;
  }
}
