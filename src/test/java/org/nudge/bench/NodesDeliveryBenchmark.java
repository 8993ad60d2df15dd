package org.nudge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.schedule.DueTimes;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

/**
 * Delivery rate of one node against two on one PostgreSQL database, against a fake platform that
 * allows more than one node can send: each call takes a 50 ms round trip, so one node's delivery
 * thread manages about 20 a second, while the workspace may take 100 a second (shared by the nodes,
 * as in production). Each node is a dispatcher of its own on its own thread, as each process has
 * one delivery thread.
 */
@Tag("bench")
// A benchmark on a loaded machine may take longer than the tests' 3 minutes.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@DisplayName("Benchmark: delivery rate of one node and of two")
class NodesDeliveryBenchmark {

  private static final int MESSAGES = 400;
  private static final double PLATFORM_RATE = 100;
  private static final Duration ROUND_TRIP = Duration.ofMillis(50);

  @Test
  @DisplayName("two nodes deliver a workspace's backlog faster than one")
  void oneNodeAgainstTwo() throws Exception {
    Run one = run(1);
    Run two = run(2);
    double ratio = two.perSecond() / one.perSecond();
    String body =
        String.format(
            Locale.ROOT,
            "%d messages due at once for one workspace, on a fresh PostgreSQL schema per run; the"
                + " fake platform answers each call after a %d ms round trip and allows %.0f a"
                + " second (a token bucket of 5 shared by the nodes, which answers 429 past it), more"
                + " than one node's delivery thread can send; Nudge's pace for the workspace is"
                + " the platform's rate, shared by the nodes. One run each.\n\n"
                + "| nodes | delivered | 429s | seconds | messages per second |\n"
                + "| ---: | ---: | ---: | ---: | ---: |\n"
                + "| 1 | %d | %d | %.1f | %.1f |\n"
                + "| 2 | %d | %d | %.1f | %.1f |\n\n"
                + "Two nodes: %.2f times one (goal at least 1.8: %s).",
            MESSAGES,
            ROUND_TRIP.toMillis(),
            PLATFORM_RATE,
            one.delivered(),
            one.refused(),
            one.seconds(),
            one.perSecond(),
            two.delivered(),
            two.refused(),
            two.seconds(),
            two.perSecond(),
            ratio,
            ratio >= 1.8 ? "met" : "missed");
    System.out.println(body);
    BenchReport.write(
        "Delivery rate: one node and two",
        body,
        "mvn -Pbench verify -Dtest=NodesDeliveryBenchmark");
  }

  private record Run(long delivered, long refused, double seconds) {
    double perSecond() {
      return delivered / seconds;
    }
  }

  private static Run run(int nodes) throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      Store store = new JdbiStore(schema.database().jdbi(), new MessageCodec());
      // Real time: a 429's Retry-After must pass for the message to be due again.
      java.time.Clock clock = Database.systemClock();
      Instant t0 = clock.instant();
      List<Outbox.Queued> queued = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        queued.add(
            new Outbox.Queued(
                new Outgoing(
                    "post:" + i,
                    new ConversationRef.Channel("fake", "W1", "C" + (i % 20)),
                    Message.text("message " + i)),
                t0));
      }
      store.inTransaction(tx -> tx.outbox().enqueueAll(queued, t0));
      // A bucket of 5: a platform lets a few calls through close together, as Slack's and
      // Discord's do; a bucket of 1 would turn a send that jitters by a millisecond into a 429.
      ThrottledGateway platform = new ThrottledGateway("fake", PLATFORM_RATE, 5, ROUND_TRIP);
      Outreach outreach = new Outreach(new DueTimes(), EngineSettings.defaults(Set.of()).rhythm());
      ExecutorService threads = Executors.newFixedThreadPool(nodes);
      try {
        List<Callable<Void>> work = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
          Dispatcher node =
              new Dispatcher(
                  store, clock, List.of(platform), "node-" + n, outreach, outcome -> {}, true);
          work.add(
              () -> {
                long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (platform.accepted() < MESSAGES && System.nanoTime() < end) {
                  if (node.dispatchDue(20) == 0) {
                    Thread.sleep(10);
                  }
                }
                return null;
              });
        }
        long start = System.nanoTime();
        for (Future<Void> done : threads.invokeAll(work)) {
          done.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(platform.accepted()).isEqualTo(MESSAGES);
        return new Run(platform.accepted(), platform.refused(), seconds);
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
