package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.domain.Enrolments.Answers;
import org.nudge.engine.domain.Enrolments.Enrolment;
import org.nudge.engine.domain.Enrolments.Proposed;
import org.nudge.engine.domain.Enrolments.Settings;
import org.nudge.engine.domain.Enrolments.State;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.prompts.Role;
import org.nudge.testing.TestDatabases;

@DisplayName("Enrolments, programs' enrolment settings and proposals are stored on both databases")
class EnrolmentStorageTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;

  @Test
  @DisplayName("on an H2 file")
  void h2() {
    Database database = TestDatabases.h2File(dir.resolve("nudge"));
    try {
      roundTrip(new JdbiStore(database.jdbi(), new MessageCodec()));
    } finally {
      database.close();
    }
  }

  @Test
  @DisplayName("on PostgreSQL")
  void postgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      roundTrip(new JdbiStore(schema.database().jdbi(), new MessageCodec()));
    }
  }

  private static void roundTrip(Store store) {
    // GIVEN a program and two members
    Program program =
        store.inTransaction(tx -> tx.programs().create("slack", "T1", "Spring", null, NOW));
    Member ana =
        store.inTransaction(
            tx ->
                tx.members()
                    .create(new UserRef("slack", "T1", "U1"), "Ana", ZoneId.of("UTC"), NOW));
    Member bo =
        store.inTransaction(
            tx ->
                tx.members().create(new UserRef("slack", "T1", "U2"), "Bo", ZoneId.of("UTC"), NOW));

    // WHEN a lead sets topics and opens enrolment
    Settings before = store.inTransaction(tx -> tx.enrolments().settings(program.id()));
    store.inTransaction(
        tx -> {
          tx.enrolments().setTopics(program.id(), List.of("career growth", "public speaking"));
          tx.enrolments().setOpen(program.id(), true);
          return null;
        });
    // THEN they are kept; a program no lead touched is closed with no topics
    assertThat(before.open()).isFalse();
    assertThat(before.topics()).isEmpty();
    Settings after = store.inTransaction(tx -> tx.enrolments().settings(program.id()));
    assertThat(after.topics()).containsExactly("career growth", "public speaking");
    assertThat(after.open()).isTrue();

    // WHEN ana enrolls, then enrolls again with other answers
    Answers first =
        new Answers(
            program.id(), ana.id(), Role.MENTEE, List.of("career growth"), List.of("en"), 1, null);
    Enrolment e1 = store.inTransaction(tx -> tx.enrolments().enrol(first, NOW));
    Answers second =
        new Answers(
            program.id(),
            ana.id(),
            Role.MENTOR,
            List.of("career growth", "public speaking"),
            List.of("en", "es"),
            2,
            "someone who likes to argue");
    Enrolment e2 = store.inTransaction(tx -> tx.enrolments().enrol(second, NOW.plusSeconds(60)));

    // THEN one enrolment holds the latest answers, with when it was first made
    assertThat(e2.id()).isEqualTo(e1.id());
    assertThat(e2.answers()).isEqualTo(second);
    assertThat(e2.createdAt()).isEqualTo(NOW);
    assertThat(e2.updatedAt()).isEqualTo(NOW.plusSeconds(60));
    List<Enrolment> all = store.inTransaction(tx -> tx.enrolments().in(program.id()));
    assertThat(all).containsExactly(e2);

    // AND a proposal is replaced whole
    store.inTransaction(
        tx -> {
          tx.enrolments()
              .saveProposal(
                  program.id(), List.of(new Proposed(bo.id(), null, State.UNMATCHED)), NOW);
          tx.enrolments()
              .saveProposal(
                  program.id(),
                  List.of(
                      new Proposed(bo.id(), ana.id(), State.PINNED),
                      new Proposed(ana.id(), null, State.EXCLUDED)),
                  NOW);
          return null;
        });
    List<Proposed> proposal = store.inTransaction(tx -> tx.enrolments().proposal(program.id()));
    assertThat(proposal)
        .containsExactly(
            new Proposed(bo.id(), ana.id(), State.PINNED),
            new Proposed(ana.id(), null, State.EXCLUDED));

    // AND leaving removes the enrolment, once
    boolean left = store.inTransaction(tx -> tx.enrolments().leave(program.id(), ana.id()));
    boolean leftAgain = store.inTransaction(tx -> tx.enrolments().leave(program.id(), ana.id()));
    Optional<Enrolment> gone =
        store.inTransaction(tx -> tx.enrolments().find(program.id(), ana.id()));
    assertThat(left).isTrue();
    assertThat(leftAgain).isFalse();
    assertThat(gone).isEmpty();
  }
}
