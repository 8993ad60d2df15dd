package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.UserRef;

@DisplayName("Each member's work runs in the order it arrived, members side by side")
class MemberLanesTest {

  private static final UserRef ALICE = new UserRef("slack", "T1", "UALICE");
  private static final UserRef MARIA = new UserRef("slack", "T1", "UMARIA");
  private static final UserRef ALICE_ELSEWHERE = new UserRef("slack", "T2", "UALICE");

  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ExecutorService urgentWorkers = Executors.newFixedThreadPool(2);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    workers.shutdownNow();
    urgentWorkers.shutdownNow();
  }

  private MemberLanes lanes(int capacity, AcksFirst acks) {
    return new MemberLanes(capacity, acks, workers, urgentWorkers);
  }

  @Test
  @DisplayName("2,000 pieces of work from one member run one at a time, in order, on 4 workers")
  void oneMemberInOrder() throws Exception {
    MemberLanes lanes = lanes(10_000, AcksFirst.never());
    AtomicInteger atOnce = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(2000);

    for (int i = 0; i < 2000; i++) {
      int n = i;
      lanes.afterAcks(
          ALICE,
          () -> {
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            order.add(n);
            atOnce.decrementAndGet();
            done.countDown();
          });
    }

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      expected.add(i);
    }
    assertThat(order).isEqualTo(expected);
    assertThat(mostAtOnce.get()).isEqualTo(1);
    awaitIdle(lanes);
  }

  @Test
  @DisplayName(
      "While one member's work is stuck, other members' work runs, the same id elsewhere too")
  void membersSideBySide() throws Exception {
    MemberLanes lanes = lanes(100, AcksFirst.never());
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch others = new CountDownLatch(2);

    lanes.afterAcks(ALICE, () -> await(stuck));
    lanes.afterAcks(ALICE, () -> ran.add("alice's second"));
    lanes.afterAcks(MARIA, others::countDown);
    lanes.afterAcks(ALICE_ELSEWHERE, others::countDown);

    assertThat(others.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isEmpty();
    stuck.countDown();
    awaitIdle(lanes);
    assertThat(ran).containsExactly("alice's second");
  }

  @Test
  @DisplayName(
      "Past its capacity new work is refused and nothing is queued; running work is not counted")
  void bounded() throws Exception {
    MemberLanes lanes = lanes(2, AcksFirst.never());
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    lanes.afterAcks(
        ALICE,
        () -> {
          started.countDown();
          await(stuck);
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    lanes.afterAcks(ALICE, () -> ran.add("second"));
    lanes.afterAcks(MARIA, () -> ran.add("maria's"));
    awaitTrue(() -> ran.contains("maria's"));
    lanes.afterAcks(ALICE, () -> ran.add("third"));

    assertThatThrownBy(() -> lanes.afterAcks(MARIA, () -> ran.add("too many")))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(lanes.waiting()).isEqualTo(2);
    stuck.countDown();
    awaitIdle(lanes);
    assertThat(ran).containsExactly("maria's", "second", "third");
  }

  @Test
  @DisplayName("Urgent work starts at once on its own workers while every worker is busy")
  void urgentWorkDoesNotQueueBehindOthers() throws Exception {
    MemberLanes lanes = lanes(100, AcksFirst.never());
    CountDownLatch stuck = new CountDownLatch(1);
    for (int i = 0; i < 8; i++) {
      lanes.afterAcks(new UserRef("slack", "T1", "U" + i), () -> await(stuck));
    }
    CountDownLatch urgent = new CountDownLatch(1);

    lanes.urgent(ALICE, urgent::countDown);

    assertThat(urgent.await(5, TimeUnit.SECONDS)).isTrue();
    stuck.countDown();
    awaitIdle(lanes);
  }

  @Test
  @DisplayName(
      "A member's work held back for acks stops waiting when their urgent work queues behind it,"
          + " and runs first")
  void urgentWorkHurriesTheMembersEarlierWork() throws Exception {
    AcksFirst acks = new AcksFirst(Duration.ofMillis(5), Duration.ofMinutes(1));
    MemberLanes lanes = lanes(100, acks);
    CountDownLatch urgentRan = new CountDownLatch(1);
    // GIVEN a request being acked, and Alice's earlier work waiting for it
    acks.acking();
    lanes.afterAcks(ALICE, () -> ran.add("earlier"));
    lanes.afterAcks(MARIA, () -> ran.add("maria's"));
    Thread.sleep(100);
    assertThat(ran).isEmpty();

    // WHEN Alice's urgent work arrives (its own ack waits for it)
    lanes.urgent(
        ALICE,
        () -> {
          ran.add("urgent");
          urgentRan.countDown();
        });

    // THEN her earlier work runs, then the urgent one, while Maria's still waits for the ack
    assertThat(urgentRan.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("earlier", "urgent");
    acks.acked();
    awaitIdle(lanes);
    assertThat(ran).containsExactly("earlier", "urgent", "maria's");
  }

  @Test
  @DisplayName("Once closed, new work is refused and what was queued still runs")
  void closed() throws Exception {
    MemberLanes lanes = lanes(100, AcksFirst.never());
    CountDownLatch stuck = new CountDownLatch(1);
    lanes.afterAcks(ALICE, () -> await(stuck));
    lanes.afterAcks(ALICE, () -> ran.add("queued"));

    lanes.close();

    assertThatThrownBy(() -> lanes.afterAcks(MARIA, () -> ran.add("late")))
        .isInstanceOf(RejectedExecutionException.class);
    stuck.countDown();
    awaitIdle(lanes);
    assertThat(ran).containsExactly("queued");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitIdle(MemberLanes lanes) throws InterruptedException {
    awaitTrue(lanes::idle);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
