package org.nudge.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.schedule.DueTimes;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

@DisplayName("The outbox dispatcher")
class DispatcherTest {

  static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
  static final UserRef ALICE = new UserRef("fake", "w1", "alice");
  static final UserRef MARIA = new UserRef("fake", "w1", "maria");

  /** A platform whose answers the test scripts; it records what it accepted, in order. */
  static final class ScriptedPlatform implements ChatGateway {
    final Deque<Delivery> answers = new ArrayDeque<>();
    final List<String> accepted = new ArrayList<>();
    int attempts;

    @Override
    public String platform() {
      return "fake";
    }

    @Override
    public Delivery deliver(ConversationRef to, Message message) {
      attempts++;
      Delivery answer = answers.isEmpty() ? new Delivery.Delivered() : answers.poll();
      if (answer instanceof Delivery.Delivered) {
        accepted.add(message.text());
      }
      return answer;
    }
  }

  private final SimulatedClock clock = new SimulatedClock(T0, Database.PRECISION);
  private final Database database = TestDatabases.h2Memory();
  private final JdbiStore store = new JdbiStore(database.jdbi(), new MessageCodec());
  private final ScriptedPlatform platform = new ScriptedPlatform();
  private final Outreach outreach =
      new Outreach(new DueTimes(), EngineSettings.defaults(java.util.Set.of()).rhythm());
  private final Dispatcher dispatcher =
      new Dispatcher(store, clock, List.of(platform), "node-1", outreach);

  @AfterEach
  void close() {
    database.close();
  }

  private List<OutboxEntry> failures(String platformId) {
    return store.inTransaction(tx -> tx.outbox().failures(platformId, "w1", 10));
  }

  private void queue(String key, UserRef to, String text) {
    store.inTransaction(
        tx ->
            tx.outbox()
                .enqueue(
                    new Outgoing(key, new ConversationRef.Direct(to), Message.text(text)),
                    clock.instant(),
                    clock.instant()));
  }

  @Test
  @DisplayName(
      "a 429 waits for Retry-After, and later messages to the same person keep their order")
  void retryAfterKeepsOrder() {
    queue("k1", ALICE, "first");
    queue("k2", ALICE, "second");
    queue("k3", MARIA, "for maria");
    platform.answers.add(new ChatGateway.Delivery.RetryLater(Duration.ofSeconds(30), "429"));

    dispatcher.drain();
    assertThat(platform.accepted).isEmpty();

    clock.advance(Duration.ofSeconds(29));
    dispatcher.drain();
    assertThat(platform.accepted).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    dispatcher.drain();
    assertThat(platform.accepted).containsExactly("first", "second", "for maria");
  }

  @Test
  @DisplayName(
      "a passing error is retried with growing backoff, then given up and kept for the lead")
  void backoffThenGiveUp() {
    queue("k1", ALICE, "hello");
    for (int i = 0; i < 20; i++) {
      platform.answers.add(new ChatGateway.Delivery.RetryLater(Duration.ZERO, "500"));
    }

    List<Integer> attemptsAfterEachHour = new ArrayList<>();
    for (int hour = 0; hour < 3; hour++) {
      for (int step = 0; step < 60; step++) {
        dispatcher.drain();
        clock.advance(Duration.ofMinutes(1));
      }
      attemptsAfterEachHour.add(platform.attempts);
    }

    // 2 s, 4 s, 8 s ... capped at 15 minutes: 8 attempts, then it stops for good
    assertThat(platform.attempts).isEqualTo(8);
    assertThat(platform.accepted).isEmpty();
    List<OutboxEntry> failures = store.inTransaction(tx -> tx.outbox().failures("fake", "w1", 10));
    assertThat(failures)
        .singleElement()
        .satisfies(f -> assertThat(f.lastError()).contains("gave up after 8 attempts"));
  }

  @Test
  @DisplayName("a permanent failure is recorded once with its reason and never retried")
  void permanentFailure() {
    queue("k1", ALICE, "hello");
    platform.answers.add(new ChatGateway.Delivery.Failed("DMs are closed"));

    dispatcher.drain();
    clock.advance(Duration.ofHours(1));
    dispatcher.drain();

    assertThat(platform.attempts).isEqualTo(1);
    assertThat(failures("fake"))
        .singleElement()
        .satisfies(f -> assertThat(f.lastError()).isEqualTo("DMs are closed"));
  }

  @Test
  @DisplayName("a gateway that throws is treated as a passing error, not a crash")
  void throwingGateway() {
    ChatGateway broken =
        new ChatGateway() {
          @Override
          public String platform() {
            return "fake";
          }

          @Override
          public Delivery deliver(ConversationRef to, Message message) {
            throw new IllegalStateException("socket closed");
          }
        };
    queue("k1", ALICE, "hello");

    new Dispatcher(store, clock, List.of(broken), "node-1", outreach).drain();
    dispatcher.drain(); // the retry waits for its backoff
    clock.advance(Duration.ofSeconds(3));
    dispatcher.drain();

    assertThat(platform.accepted).containsExactly("hello");
  }

  @Test
  @DisplayName(
      "a node that dies after claiming is taken over when its lease runs out, and the key is sent once")
  void leaseTakeover() {
    queue("k1", ALICE, "hello");
    // node-0 claims the row and dies before sending
    store.inTransaction(
        tx -> tx.outbox().claim("node-0", 10, clock.instant(), Duration.ofMinutes(2)));

    dispatcher.drain();
    assertThat(platform.accepted).isEmpty();

    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    dispatcher.drain();
    dispatcher.drain();
    assertThat(platform.accepted).containsExactly("hello");
  }

  @Test
  @DisplayName(
      "a node working through a slow batch keeps its lease, so nobody sends its rows again")
  void longBatchKeepsItsLease() {
    for (int i = 0; i < 20; i++) {
      queue("k" + i, i % 2 == 0 ? ALICE : MARIA, "message " + i);
    }
    // GIVEN a platform that takes 4 s per message, and another node claiming at every send
    List<OutboxEntry> takenByOthers = new ArrayList<>();
    ChatGateway slow =
        new ChatGateway() {
          @Override
          public String platform() {
            return "fake";
          }

          @Override
          public Delivery deliver(ConversationRef to, Message message) {
            clock.advance(Duration.ofSeconds(4));
            takenByOthers.addAll(
                store.inTransaction(
                    tx ->
                        tx.outbox().claim("node-2", 100, clock.instant(), Duration.ofSeconds(20))));
            return platform.deliver(to, message);
          }
        };
    Dispatcher busy = new Dispatcher(store, clock, List.of(slow), "node-1", outreach);

    // WHEN node-1 sends the 20 messages, 80 s of work on a 20 s lease
    busy.drain();

    // THEN it sent them all and the other node was given none
    assertThat(platform.accepted).hasSize(20);
    assertThat(takenByOthers).isEmpty();
  }

  @Test
  @DisplayName("a message for a platform Nudge isn't connected to fails with that reason")
  void unknownPlatform() {
    store.inTransaction(
        tx ->
            tx.outbox()
                .enqueue(
                    new Outgoing(
                        "k1",
                        new ConversationRef.Channel("teams", "w1", "c1"),
                        Message.text("hello")),
                    clock.instant(),
                    clock.instant()));

    dispatcher.drain();

    assertThat(failures("teams"))
        .singleElement()
        .satisfies(f -> assertThat(f.lastError()).isEqualTo("Nudge is not connected to teams"));
  }

  @Test
  @DisplayName(
      "a node told to stop finishes the message in hand and hands the rest back for another node"
          + " at once")
  void stopHandsBack() {
    for (int i = 0; i < 10; i++) {
      queue("k" + i, ALICE, "message " + i);
    }
    // GIVEN node-1 sending a batch, told to stop while it sends the third message
    List<Dispatcher> stopping = new ArrayList<>();
    ChatGateway interrupted =
        new ChatGateway() {
          @Override
          public String platform() {
            return "fake";
          }

          @Override
          public Delivery deliver(ConversationRef to, Message message) {
            if (platform.accepted.size() == 2) {
              stopping.forEach(Dispatcher::stop);
            }
            return platform.deliver(to, message);
          }
        };
    Dispatcher leaving = new Dispatcher(store, clock, List.of(interrupted), "node-1", outreach);
    stopping.add(leaving);

    // WHEN it stops
    leaving.drain();

    // THEN the third message went out, and node-1 claims nothing more
    assertThat(platform.accepted).containsExactly("message 0", "message 1", "message 2");
    assertThat(leaving.dispatchDue(100)).isZero();
    // AND another node sends the rest right away, in order, each once, with no lease to wait for
    new Dispatcher(store, clock, List.of(platform), "node-2", outreach).drain();
    assertThat(platform.accepted)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 10).mapToObj(i -> "message " + i).toList());
  }

  @Test
  @DisplayName("every send is counted by how it ended, for /metrics")
  void outcomesCounted() {
    List<SendOutcome> outcomes = new ArrayList<>();
    Dispatcher counted =
        new Dispatcher(store, clock, List.of(platform), "node-1", outreach, outcomes::add);
    queue("k1", ALICE, "for alice");
    queue("k2", MARIA, "for maria");
    queue("k3", new UserRef("fake", "w2", "bob"), "for bob");
    platform.answers.add(new ChatGateway.Delivery.RetryLater(Duration.ofSeconds(30), "429"));
    platform.answers.add(new ChatGateway.Delivery.Failed("DMs are closed"));

    // GIVEN alice's workspace rate limited for 30 s and bob's DMs closed
    counted.drain();
    // WHEN the retry meets a passing error and then goes through
    clock.advance(Duration.ofSeconds(30));
    platform.answers.add(new ChatGateway.Delivery.RetryLater(Duration.ZERO, "500"));
    counted.drain();
    clock.advance(Duration.ofMinutes(1));
    counted.drain();

    // THEN each attempt was counted once, by how it ended (maria's waited without an attempt)
    assertThat(outcomes)
        .containsExactlyInAnyOrder(
            SendOutcome.RATE_LIMITED,
            SendOutcome.FAILED,
            SendOutcome.RETRIED,
            SendOutcome.DELIVERED,
            SendOutcome.DELIVERED);
  }
}
