package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.UserRef;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

/**
 * Meeting someone new asks the platform who they are (Slack's users.info) without holding a
 * database connection while the platform answers.
 */
@DisplayName("Meeting people")
class MeetingPeopleTest {

  private final Database database = TestDatabases.h2Memory();
  private final Store store = new JdbiStore(database.jdbi(), new MessageCodec());

  /** Who the directory was asked about, and how many pooled connections were in use then. */
  private final List<String> asked = new ArrayList<>();

  private final List<Integer> connectionsInUse = new ArrayList<>();

  private final Directory directory =
      user -> {
        asked.add(user.userId());
        connectionsInUse.add(
            ((HikariDataSource) database.dataSource())
                .getHikariPoolMXBean()
                .getActiveConnections());
        return Optional.of(
            new Directory.Profile(
                "Profile of " + user.userId(), ZoneId.of("America/Argentina/Buenos_Aires")));
      };

  private final Engine engine =
      new Engine(
          store,
          Clock.fixed(Chat.START, ZoneOffset.UTC),
          Features.create(
              EngineSettings.defaults(Set.of(Chat.user("lead"))), Chat.QUESTIONS, directory));

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  @DisplayName("a newcomer's profile is fetched once, with no database connection held")
  void newcomer() {
    // WHEN someone Nudge has never met logs a win, twice
    String first =
        engine.handle(Chat.inbound(Chat.user("alice"), "/win shipped it")).message().text();
    engine.handle(Chat.inbound(Chat.user("alice"), "/win shipped it again"));

    // THEN the win is logged, the platform was asked about her once, outside any transaction
    assertThat(first).startsWith("Nice one! Win logged.");
    assertThat(asked).containsExactly("alice");
    assertThat(connectionsInUse).containsOnly(0);
    // AND she is stored with what the platform knows
    Member alice = member(Chat.user("alice"));
    assertThat(alice.displayName()).isEqualTo("Profile of alice");
    assertThat(alice.zone()).isEqualTo(ZoneId.of("America/Argentina/Buenos_Aires"));
  }

  @Test
  @DisplayName("people a lead names are met the same way, each outside the transaction")
  void mentioned() {
    // WHEN a lead Nudge hasn't met yet makes someone else new a lead
    String reply =
        engine.handle(Chat.inbound(Chat.user("lead"), "/nudge lead @dana")).message().text();

    // THEN both were met, one after the other, each with no connection in use
    assertThat(reply).isEqualTo("Profile of dana is now a program lead.");
    assertThat(asked).containsExactly("lead", "dana");
    assertThat(connectionsInUse).containsOnly(0);
    assertThat(member(Chat.user("dana")).lead()).isTrue();
  }

  private Member member(UserRef user) {
    return store.inTransaction(tx -> tx.members().find(user)).orElseThrow();
  }
}
