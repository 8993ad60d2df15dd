package org.nudge.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.schedule.DueTimes;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

/**
 * Two nodes delivering one workspace's messages share its rate: together they never send faster
 * than the platform allows, where each with its own pace would send at twice the rate.
 */
@DisplayName("The send rate of a workspace, shared by every node")
class SharedPaceTest {

  private static final double RATE = 10;
  private static final int MESSAGES = 40;
  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

  /** A platform that records when (real time) each message arrived, across nodes. */
  private static final class TimedPlatform implements ChatGateway {
    private final List<Long> arrivals;
    private final List<String> texts;

    TimedPlatform(List<Long> arrivals, List<String> texts) {
      this.arrivals = arrivals;
      this.texts = texts;
    }

    @Override
    public String platform() {
      return "fake";
    }

    @Override
    public double messagesPerSecond() {
      return RATE;
    }

    @Override
    public Delivery deliver(ConversationRef to, Message message) {
      arrivals.add(System.nanoTime());
      texts.add(message.text());
      return new Delivery.Delivered();
    }
  }

  @Test
  @DisplayName(
      "on PostgreSQL, two nodes sending 40 messages to one workspace at 10 a second never put more"
          + " than 10 into any second, and every message goes once")
  void twoNodesShareTheRate() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
      List<String> texts = Collections.synchronizedList(new ArrayList<>());
      deliverOnTwoNodes(schema.database(), arrivals, texts);

      assertThat(texts).hasSize(MESSAGES).doesNotHaveDuplicates();
      assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo((int) RATE);
      // AND the two nodes together still use most of the rate
      List<Long> sorted = new ArrayList<>(arrivals);
      Collections.sort(sorted);
      double seconds = (sorted.get(sorted.size() - 1) - sorted.get(0)) / 1e9;
      System.out.printf(
          "Shared pace: %d messages in %.2f s (%.1f a second, limit %.0f), busiest second %d%n",
          MESSAGES, seconds, (MESSAGES - 1) / seconds, RATE, busiestSecond(arrivals));
      assertThat((MESSAGES - 1) / seconds).isGreaterThan(RATE * 0.8);
    }
  }

  @Test
  @DisplayName(
      "a 429 told to one node holds the workspace on every node: another node finds no slot"
          + " before the Retry-After has passed")
  void retryAfterHoldsEveryNode() {
    try (Database database = TestDatabases.h2Memory()) {
      Store store = new JdbiStore(database.jdbi(), new MessageCodec());
      // Real time, as the dispatcher gives it: without the hold, the next slot is a fraction of a
      // second away and acquire(1 s) would take it.
      Clock wall = Clock.systemUTC();
      SharedPacer told = new SharedPacer(store, wall, "fake/w1", RATE);
      SharedPacer other = new SharedPacer(store, wall, "fake/w1", RATE);
      // GIVEN one node sent, and the platform told it to wait 30 seconds
      assertThat(told.acquire(1_000)).isTrue();
      told.holdFor(Duration.ofSeconds(30));
      // THEN the other node gets no slot within a second, and knows how long to wait
      assertThat(other.acquire(1_000)).isFalse();
      assertThat(other.millisUntilFree()).isGreaterThan(25_000);
      // AND another workspace is not held
      assertThat(new SharedPacer(store, wall, "fake/w2", RATE).acquire(1_000)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void deliverOnTwoNodes(Database database, List<Long> arrivals, List<String> texts)
      throws Exception {
    Store store = new JdbiStore(database.jdbi(), new MessageCodec());
    SimulatedClock clock = new SimulatedClock(T0, Database.PRECISION);
    Outreach outreach =
        new Outreach(new DueTimes(), EngineSettings.defaults(java.util.Set.of()).rhythm());
    List<Outbox.Queued> queued = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      queued.add(
          new Outbox.Queued(
              new Outgoing(
                  "post:" + i,
                  new ConversationRef.Channel("fake", "w1", "C" + (i % 7)),
                  Message.text("post " + i)),
              T0));
    }
    store.inTransaction(tx -> tx.outbox().enqueueAll(queued, T0));
    List<Dispatcher> nodes = new ArrayList<>();
    for (String node : List.of("node-a", "node-b")) {
      nodes.add(
          new Dispatcher(
              store,
              clock,
              List.of(new TimedPlatform(arrivals, texts)),
              node,
              outreach,
              outcome -> {},
              true));
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (Dispatcher node : nodes) {
        work.add(
            () -> {
              // Small batches, so both nodes keep taking a share of the workspace's messages; a
              // node that found nothing to claim (the other had just taken it) looks again.
              long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
              while (texts.size() < MESSAGES && System.nanoTime() < end) {
                if (node.dispatchDue(5) == 0) {
                  Thread.sleep(20);
                }
              }
              return null;
            });
      }
      for (Future<Void> done : threads.invokeAll(work)) {
        done.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** The most arrivals in any one second, counted from each arrival. */
  private static int busiestSecond(List<Long> arrivals) {
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    int busiest = 0;
    int end = 0;
    for (int start = 0; start < sorted.size(); start++) {
      while (end < sorted.size()
          && sorted.get(end) - sorted.get(start) < Duration.ofSeconds(1).toNanos()) {
        end++;
      }
      busiest = Math.max(busiest, end - start);
    }
    return busiest;
  }
}
