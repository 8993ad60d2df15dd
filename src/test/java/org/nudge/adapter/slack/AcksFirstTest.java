package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The engine's work after an ack gives way to acks in progress")
class AcksFirstTest {

  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  @Test
  @DisplayName("With no request being acked, work starts at once")
  void quietStartsAtOnce() throws Exception {
    AcksFirst acks = new AcksFirst(Duration.ofMillis(5), Duration.ofMinutes(1));
    CountDownLatch ran = new CountDownLatch(1);

    worker.execute(acks.afterAcks(ran::countDown));

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("Work waits while a request is being acked, and starts once it is acked")
  void waitsForTheAckInProgress() throws Exception {
    AcksFirst acks = new AcksFirst(Duration.ofMillis(5), Duration.ofMinutes(1));
    CountDownLatch ran = new CountDownLatch(1);

    // GIVEN a request being acked
    acks.acking();
    // WHEN the engine's work for an earlier command comes up
    worker.execute(acks.afterAcks(ran::countDown));

    // THEN it waits while the ack is in progress
    assertThat(ran.await(300, TimeUnit.MILLISECONDS)).isFalse();
    // AND starts once the ack is done
    acks.acked();
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("Work waits for requests arriving back to back, and starts when they pause")
  void waitsForAPause() throws Exception {
    AcksFirst acks = new AcksFirst(Duration.ofSeconds(1), Duration.ofMinutes(1));
    CountDownLatch ran = new CountDownLatch(1);

    // GIVEN a request that was acked just now
    acks.acking();
    acks.acked();
    worker.execute(acks.afterAcks(ran::countDown));
    // WHEN another arrives within the quiet time, is acked, and then nothing comes
    Thread.sleep(100);
    acks.acking();
    acks.acked();

    // THEN the work starts only once Slack has been quiet (for a second since the second request)
    assertThat(ran.await(500, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("Acks that never stop hold work back no longer than the hold")
  void holdsNoLongerThanTheHold() throws Exception {
    AcksFirst acks = new AcksFirst(Duration.ofMillis(5), Duration.ofMillis(200));
    CountDownLatch ran = new CountDownLatch(1);

    acks.acking(); // never acked: a flood that doesn't end
    worker.execute(acks.afterAcks(ran::countDown));

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("With no hold, work never waits, whatever is being acked")
  void noHoldNeverWaits() throws Exception {
    AcksFirst acks = AcksFirst.never();
    CountDownLatch ran = new CountDownLatch(1);

    acks.acking();
    worker.execute(acks.afterAcks(ran::countDown));

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
