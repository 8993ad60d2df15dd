package org.nudge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.Directory;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway;
import org.nudge.testing.TestDatabases;

@DisplayName("The delivery loop")
class DeliveryLoopTest {

  @Test
  @DisplayName("one member's notices reach their partner in order while many threads wake delivery")
  void notificationsKeepTheirOrder() throws Exception {
    try (Database database = TestDatabases.h2Memory()) {
      Store store = new JdbiStore(database.jdbi(), new MessageCodec());
      SimulatedClock clock = new SimulatedClock(Chat.START, Database.PRECISION);
      RecordingGateway platform = new RecordingGateway(Chat.PLATFORM, clock);
      Features features =
          Features.create(
              EngineSettings.defaults(Set.of(Chat.user("lead"))), Chat.QUESTIONS, Directory.none());
      Dispatcher dispatcher =
          new Dispatcher(store, clock, List.of(platform), "node", features.services().outreach());
      int notices = 300;
      AtomicInteger next = new AtomicInteger();
      ExecutorService handlers = Executors.newFixedThreadPool(8);
      try (DeliveryLoop delivery = new DeliveryLoop(dispatcher, 500)) {
        // GIVEN eight request threads, each queueing alice's next win notice and waking delivery
        for (int t = 0; t < 8; t++) {
          handlers.execute(
              () -> {
                while (true) {
                  synchronized (next) {
                    int n = next.getAndIncrement();
                    if (n >= notices) {
                      return;
                    }
                    store.inTransaction(
                        tx ->
                            tx.outbox()
                                .enqueue(
                                    new Outgoing(
                                        "win:" + n,
                                        new ConversationRef.Direct(Chat.user("maria")),
                                        Message.text("alice logged win " + n)),
                                    clock.instant(),
                                    clock.instant()));
                  }
                  delivery.wake();
                }
              });
        }
        handlers.shutdown();
        handlers.awaitTermination(30, TimeUnit.SECONDS);
        // THEN maria gets every notice once, in the order alice logged them
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (platform.dmsTo("maria").size() < notices && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        List<String> expected =
            java.util.stream.IntStream.range(0, notices)
                .mapToObj(n -> "alice logged win " + n)
                .toList();
        assertThat(platform.dmsTo("maria")).containsExactlyElementsOf(expected);
      }
    }
  }
}
