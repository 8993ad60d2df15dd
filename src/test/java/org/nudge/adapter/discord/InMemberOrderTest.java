package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.UserRef;

/** The unhappy paths of a member's chain of work: a failure, and a pool that refuses work. */
@DisplayName("Discord: a member's work in order, when a piece fails")
class InMemberOrderTest {

  private static final UserRef ALICE = new UserRef("discord", "g1", "alice");

  private final ExecutorService workers = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  @DisplayName("a failed piece of work fails alone: the member's next piece still runs after it")
  void failureDoesNotBlockTheNext() throws Exception {
    InMemberOrder order = new InMemberOrder(workers);
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    // GIVEN Alice's first piece of work will throw once released
    CompletableFuture<String> first =
        order.run(
            ALICE,
            () -> {
              await(release);
              ran.add("first");
              throw new IllegalStateException("engine failed");
            });
    // WHEN her second arrives while the first still runs
    CompletableFuture<String> second =
        order.run(
            ALICE,
            () -> {
              ran.add("second");
              return "done";
            });
    release.countDown();
    // THEN the first fails with its own error, the second runs after it and answers
    assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(ran).containsExactly("first", "second");
    // AND nothing is left behind for Alice
    assertThat(order.members()).isZero();
  }

  @Test
  @DisplayName("work the pool refuses fails its future, and the member's later work still runs")
  void refusedWorkFails() throws Exception {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    InMemberOrder refusing = new InMemberOrder(stopped);
    // GIVEN a pool that takes no more work
    CompletableFuture<String> refused = refusing.run(ALICE, () -> "never");
    // THEN the future fails rather than hanging, and Alice's entry is gone
    assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(refusing.members()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
