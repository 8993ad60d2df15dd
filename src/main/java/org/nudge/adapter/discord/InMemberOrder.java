package org.nudge.adapter.discord;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.nudge.engine.model.UserRef;

/**
 * Runs each member's work in the order it arrived and different members' work side by side.
 *
 * <p>JDA hands a shard's events over one thread in the order Discord sent them, but a plain pool
 * would then run two interactions of one member on two workers at once, and the second could commit
 * first (a lead's {@code /nudge pair … Spring} right after {@code /nudge program create Spring}
 * answered "There's no program called Spring"). Each member's work is chained behind their previous
 * piece instead; nothing waits on a worker, and a member with nothing queued leaves no entry
 * behind.
 */
final class InMemberOrder {

  private final ConcurrentHashMap<UserRef, CompletableFuture<?>> last = new ConcurrentHashMap<>();
  private final Executor workers;

  InMemberOrder(Executor workers) {
    this.workers = workers;
  }

  /** Runs {@code work} on a worker once {@code member}'s earlier work has finished, however. */
  <T> CompletableFuture<T> run(UserRef member, Supplier<T> work) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<?> before = last.put(member, mine);
    CompletableFuture<?> start = before == null ? CompletableFuture.completedFuture(null) : before;
    start
        .handle((ignored, failure) -> null)
        .thenApplyAsync(ignored -> work.get(), workers)
        .whenComplete(
            (value, failure) -> {
              last.remove(member, mine);
              if (failure != null) {
                mine.completeExceptionally(failure);
              } else {
                mine.complete(value);
              }
            });
    return mine;
  }

  /** How many members have work queued or running (for tests). */
  int members() {
    return last.size();
  }
}
