package org.nudge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.RecordingGateway;
import org.nudge.testing.TestDatabases;

/**
 * A run of Nudge killed in the middle of a batch leaves that batch claimed. Where the database is
 * Nudge's alone (its H2 file) the next run sends those messages at once; where other nodes share it
 * (PostgreSQL) a claim may be a live node's, so it is left to its lease.
 */
@DisplayName("Messages a killed run had claimed")
class EarlierRunClaimsTest {

  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final UserRef ALICE = new UserRef("fake", "w1", "alice");

  @TempDir Path dir;

  private final SimulatedClock clock = new SimulatedClock(NOW, Database.PRECISION);

  private static NudgeConfig config(String url, String user) {
    return new ConfigLoader()
        .load(
            Map.of(
                "NUDGE_CONFIG", "config/nudge.yaml", "NUDGE_DB_URL", url, "NUDGE_DB_USER", user));
  }

  /** A run queues Alice's notice and claims it for 20 s, then dies before sending it. */
  private static void claimedByKilledRun(Store store) {
    store.inTransaction(
        tx ->
            tx.outbox()
                .enqueue(
                    new Outgoing(
                        "win:1:partner",
                        new ConversationRef.Direct(ALICE),
                        Message.text("Maria logged a win"),
                        false),
                    NOW,
                    NOW));
    List<OutboxEntry> claimed =
        store.inTransaction(
            tx -> tx.outbox().claim("killed-run", 100, NOW, Duration.ofSeconds(20)));
    assertThat(claimed).hasSize(1);
  }

  /** What the next run's dispatcher sends now. */
  private List<String> sentByNextRun(Nudge nudge, RecordingGateway platform) {
    Dispatcher dispatcher =
        nudge.dispatcher(nudge.features(Directory.none()), List.of(platform), "next-run");
    dispatcher.drain();
    return platform.sent().stream().map(RecordingGateway.Sent::text).toList();
  }

  @Test
  @DisplayName("on its own H2 file, the next run sends them at once, not after the lease")
  void ownH2File() {
    NudgeConfig config = config("jdbc:h2:file:" + dir.resolve("nudge"), "sa");
    // GIVEN a run that was killed holding Alice's notice
    try (Nudge killed = Nudge.start(config, clock)) {
      claimedByKilledRun(killed.store());
    }
    // WHEN Nudge starts again on the file, at the same instant
    try (Nudge next = Nudge.start(config, clock)) {
      RecordingGateway platform = new RecordingGateway("fake", clock);
      // THEN the notice goes out now
      assertThat(sentByNextRun(next, platform)).containsExactly("Maria logged a win");
    }
  }

  @Test
  @DisplayName("on PostgreSQL, which other nodes share, another node's claim waits for its lease")
  void sharedPostgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      NudgeConfig config =
          config(
              TestDatabases.POSTGRES_URL + "?currentSchema=" + schema.schema(),
              TestDatabases.POSTGRES_USER);
      // GIVEN a node holding Alice's notice (alive or not: another node can't tell)
      claimedByKilledRun(new JdbiStore(schema.database().jdbi(), new MessageCodec()));
      try (Nudge next = Nudge.start(config, clock)) {
        RecordingGateway platform = new RecordingGateway("fake", clock);
        // WHEN another node starts, THEN it leaves the notice alone while the lease lasts
        assertThat(sentByNextRun(next, platform)).isEmpty();
        // AND takes it over once the lease has run out
        clock.advance(Duration.ofSeconds(21));
        assertThat(sentByNextRun(next, platform)).containsExactly("Maria logged a win");
      }
    }
  }
}
