package org.nudge.engine.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.model.UserRef;

/**
 * What members sent, accepted but not handled yet, shared by every node on one database: each
 * member's inputs take effect one at a time in the order they arrived, whichever node received
 * them, while different members' inputs run side by side.
 *
 * <p>An input is added, and only then acknowledged to the platform, so the order of ids is the
 * order in which a member's acknowledged requests arrived. A node runs an input only once it has
 * claimed it: it must be its member's oldest, and no other node may hold it (a lease, as the
 * outbox's, so a node that dies is taken over). It is {@linkplain #finish finished} (deleted) in
 * the same transaction as its effect, so it takes effect exactly once and its words are kept only
 * until then. The payload is the adapter's own: the input and where to answer it.
 */
public interface Inbox {

  /** One input waiting or claimed. */
  record Queued(long id, UserRef member, String payload, String receivedBy, Instant receivedAt) {}

  /** Stores an input from {@code member} received by {@code node}; returns its id. */
  long add(UserRef member, String payload, String node, Instant now);

  /**
   * Claims input {@code id} for {@code token} if it is still there, is its member's oldest and no
   * one else holds it; empty otherwise.
   */
  Optional<Queued> claim(long id, String token, Instant now, Duration lease);

  /** Claims {@code member}'s oldest input, as {@link #claim} would; empty if none or held. */
  Optional<Queued> claimNext(UserRef member, String token, Instant now, Duration lease);

  /**
   * Claims up to {@code limit} inputs received before {@code settled} that are their member's
   * oldest and that no one holds: those of a node that died, or whose turn came while no node was
   * looking.
   */
  List<Queued> claimWaiting(String token, int limit, Instant settled, Instant now, Duration lease);

  /**
   * Deletes input {@code id}, in the transaction of its effect.
   *
   * @throws NotClaimed when {@code token} no longer holds it (its lease ran out and another node
   *     took it): the transaction must roll back, so the input takes effect once
   */
  void finish(long id, String token);

  /** True while input {@code id} is still there (not yet handled). */
  boolean waiting(long id);

  /** Counts an attempt that failed; returns how many there were. */
  int failedAttempt(long id);

  /** Gives back every input {@code token} holds (a node that stops); returns how many. */
  int releaseAll(String token);

  /** Inputs waiting or claimed, for {@code /metrics}. */
  long backlog();

  /** Thrown by {@link #finish} when the claim was lost: the effect must be rolled back. */
  final class NotClaimed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotClaimed(long id) {
      super("Input " + id + " is no longer claimed by this node", null, false, false);
    }
  }
}
