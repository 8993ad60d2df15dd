package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Entries.Feedback;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.Inbox;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.PairSpaces;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.UserRef;

/**
 * What the engine relies on from storage, run on every database Nudge supports: an H2 file and the
 * PostgreSQL server on this machine.
 */
abstract class StorageContractTest {

  static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");
  static final UserRef ALICE = new UserRef("slack", "T1", "U1");

  Store store;

  abstract Database database();

  @BeforeEach
  void openStore() {
    store = new JdbiStore(database().jdbi(), new MessageCodec());
  }

  @Test
  @DisplayName("a member is created with defaults and keeps every preference saved")
  void memberRoundTrip() {
    Member created =
        store.inTransaction(
            tx -> tx.members().create(ALICE, "Alice", ZoneId.of("Europe/Berlin"), NOW));
    store.inTransaction(
        tx -> {
          tx.members()
              .update(
                  created
                      .withQuietHours(22, 7, false)
                      .withPausedUntil(NOW.plusSeconds(60))
                      .withLead(true));
          return null;
        });

    Member read = store.inTransaction(tx -> tx.members().find(ALICE)).orElseThrow();

    assertThat(read.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(read.promptHour()).isEqualTo(15);
    assertThat(read.quietStartHour()).isEqualTo(22);
    assertThat(read.quietWeekends()).isFalse();
    assertThat(read.pausedUntil()).isEqualTo(NOW.plusSeconds(60));
    assertThat(read.lead()).isTrue();
    assertThat(read.createdAt()).isEqualTo(NOW);
  }

  @Test
  @DisplayName("two transactions meeting a new person at once end with one member, and no error")
  void concurrentFirstContact() throws Exception {
    java.util.concurrent.CountDownLatch bothInserting = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Member>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(
            pool.submit(
                () ->
                    store.inTransaction(
                        tx -> {
                          bothInserting.countDown();
                          try {
                            bothInserting.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return tx.members().create(ALICE, "Alice", ZoneId.of("UTC"), NOW);
                        })));
      }
      long first = results.get(0).get().id();
      long second = results.get(1).get().id();
      assertThat(first).isEqualTo(second);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "many members are read by id at once, across the query's chunks, unknown ids left out")
  void membersByIds() {
    // GIVEN 1,200 members, more than two of the IN lists the store sends at once
    List<Member> people = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      people.add(
          Member.newcomer(
              new UserRef("slack", "T1", "U" + i), "Person " + i, ZoneId.of("Asia/Tokyo"), NOW));
    }
    List<Member> created = store.inTransaction(tx -> tx.members().insertAll(people));
    List<Long> ids = new ArrayList<>(created.stream().map(Member::id).toList());
    long unknown = ids.stream().mapToLong(Long::longValue).max().orElseThrow() + 1_000;
    ids.add(unknown);
    ids.add(ids.get(0));

    // WHEN they are read back by id, with an unknown id and a repeated one among them
    Map<Long, Member> read = store.inTransaction(tx -> tx.members().byIds(ids));

    // THEN each member comes back once, whole, under their id; the unknown id is left out
    assertThat(read).hasSize(1_200).doesNotContainKey(unknown);
    Member someone = created.get(1111);
    assertThat(read.get(someone.id()).displayName()).isEqualTo("Person 1111");
    assertThat(read.get(someone.id()).zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(read.get(someone.id()).ref()).isEqualTo(new UserRef("slack", "T1", "U1111"));
    Map<Long, Member> none = store.inTransaction(tx -> tx.members().byIds(List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  @DisplayName("many members' active pairs are read at once, a pair split across chunks included")
  void activePairsOfMany() {
    // GIVEN 1,200 members, member i mentoring member i + 600, and one pair ended
    List<Member> people = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      people.add(
          Member.newcomer(
              new UserRef("slack", "T1", "U" + i), "Person " + i, ZoneId.of("UTC"), NOW));
    }
    List<Member> created = store.inTransaction(tx -> tx.members().insertAll(people));
    List<Pair> made =
        store.inTransaction(
            tx -> {
              long program = tx.programs().create("slack", "T1", "Spring", null, NOW).id();
              List<Pair> drafts = new ArrayList<>();
              for (int i = 0; i < 600; i++) {
                drafts.add(
                    Pair.draft(
                        program, created.get(i).id(), created.get(i + 600).id(), null, null, NOW));
              }
              return tx.pairs().insertAll(drafts);
            });
    store.inTransaction(
        tx -> {
          tx.pairs().end(made.get(7).id(), NOW);
          return null;
        });
    List<Long> ids = created.stream().map(Member::id).toList();

    // WHEN their active pairs are read in one call, more ids than one IN list takes
    Map<Long, List<Pair>> active = store.inTransaction(tx -> tx.pairs().activeForAll(ids));

    // THEN both sides of every active pair find it, the ended pair's two find nothing
    assertThat(active).hasSize(1_198);
    Pair split = made.get(123);
    assertThat(active.get(created.get(123).id())).extracting(Pair::id).containsExactly(split.id());
    assertThat(active.get(created.get(723).id())).extracting(Pair::id).containsExactly(split.id());
    assertThat(active).doesNotContainKeys(created.get(7).id(), created.get(607).id());
  }

  @Test
  @DisplayName("instants come back exactly, whatever the JVM's default zone (DST night in Berlin)")
  void instantsIgnoreJvmZone() {
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
      Instant inGap = Instant.parse("2026-03-29T01:30:00Z"); // 03:30 CEST, just after the gap
      Member m =
          store.inTransaction(tx -> tx.members().create(ALICE, "Alice", ZoneId.of("UTC"), inGap));
      assertThat(store.inTransaction(tx -> tx.members().byId(m.id())).orElseThrow().createdAt())
          .isEqualTo(inGap);
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  @DisplayName("an idempotency key is stored once; a second enqueue is ignored")
  void outboxDeduplicates() {
    Outgoing message = dm("win:1:partner", "hello");

    boolean first = store.inTransaction(tx -> tx.outbox().enqueue(message, NOW, NOW));
    boolean second = store.inTransaction(tx -> tx.outbox().enqueue(message, NOW, NOW));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(claim("n1", NOW, Duration.ofMinutes(1))).hasSize(1);
  }

  @Test
  @DisplayName("a node named like a Kubernetes pod can claim messages")
  void longNodeNamesClaim() {
    store.inTransaction(tx -> tx.outbox().enqueue(dm("win:1:partner", "hello"), NOW, NOW));

    String pod = "nudge-deployment-7f9c8d6b5-x2k4p.nudge.svc.cluster.local-4194303";
    assertThat(claim(pod, NOW, Duration.ofMinutes(1))).hasSize(1);
  }

  @Test
  @DisplayName(
      "messages to others about a member, queued or sent, one by one or in a batch, go when the member is forgotten")
  void outboxRowsAboutAMember() {
    long carol =
        store
            .inTransaction(
                tx ->
                    tx.members()
                        .create(new UserRef("slack", "T1", "U3"), "Carol", ZoneId.of("UTC"), NOW))
            .id();
    long bob =
        store
            .inTransaction(
                tx ->
                    tx.members()
                        .create(new UserRef("slack", "T1", "U2"), "Bob", ZoneId.of("UTC"), NOW))
            .id();
    store.inTransaction(tx -> tx.outbox().enqueue(dm("sent", "x").naming(carol, bob), NOW, NOW));
    store.inTransaction(
        tx -> {
          tx.outbox()
              .markSent(tx.outbox().claim("n1", 10, NOW, Duration.ofMinutes(1)).get(0).id(), NOW);
          return tx.outbox()
              .enqueueAll(
                  List.of(
                      new org.nudge.engine.domain.Outbox.Queued(
                          dm("queued", "x").naming(carol), NOW),
                      new org.nudge.engine.domain.Outbox.Queued(dm("bob's", "x").naming(bob), NOW),
                      new org.nudge.engine.domain.Outbox.Queued(dm("nobody's", "x"), NOW)),
                  NOW);
        });

    store.inTransaction(
        tx -> {
          tx.memberData().forget(tx.members().byId(carol).orElseThrow());
          return null;
        });

    List<String> left =
        database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT idempotency_key FROM outbox ORDER BY id")
                        .mapTo(String.class)
                        .list());
    assertThat(left).containsExactly("bob's", "nobody's");
    List<Long> about =
        database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT member_id FROM outbox_about").mapTo(Long.class).list());
    assertThat(about).containsExactly(bob);
  }

  @Test
  @DisplayName("a message with buttons and a form survives the outbox as it was written")
  void outboxKeepsActions() {
    Form form =
        new Form(
            "reflect:answer",
            "This week",
            "Save",
            List.of(new Form.Field("answer", "Your answer", true, true, 3000, "")));
    Message message =
        new Message(
            "What did you learn? ✨",
            List.of(
                new Action.Button("reflect:skip", "Skip", "2026-W13", false),
                new Action.Choice("rating", "Rate", List.of(new Action.Option("5", "Great"))),
                new Action.OpenForm("reflect:open", "Answer", form)));
    store.inTransaction(
        tx ->
            tx.outbox()
                .enqueue(new Outgoing("k", new ConversationRef.Direct(ALICE), message), NOW, NOW));

    OutboxEntry entry =
        store.inTransaction(tx -> tx.outbox().claim("n1", 10, NOW, Duration.ofMinutes(1))).get(0);

    assertThat(entry.message().message()).isEqualTo(message);
    assertThat(entry.message().to()).isEqualTo(new ConversationRef.Direct(ALICE));
  }

  @Test
  @DisplayName("a structured message with sections and files survives the outbox as it was written")
  void outboxKeepsSectionsAndAttachments() {
    Message message =
        Message.structured(
                "Weekly digest: Spring",
                List.of(
                    Message.Section.of("Participation", "• 3 active pairs", "• 80% answered ✨"),
                    Message.Section.of("At risk")))
            .withAttachments(
                List.of(new Message.Attachment("spring.csv", "text/csv", "pair,score\n1,80")));
    store.inTransaction(
        tx ->
            tx.outbox()
                .enqueue(
                    new Outgoing("digest", new ConversationRef.Direct(ALICE), message), NOW, NOW));

    OutboxEntry entry =
        store.inTransaction(tx -> tx.outbox().claim("n1", 10, NOW, Duration.ofMinutes(1))).get(0);

    assertThat(entry.message().message()).isEqualTo(message);
    assertThat(entry.message().message().text())
        .startsWith("*Weekly digest: Spring*\n\n*Participation*\n• 3 active pairs");
  }

  @Test
  @DisplayName("a payload written before messages had sections still reads as text and actions")
  void oldPayloadsStillRead() {
    Message old =
        new MessageCodec()
            .decode(
                "{\"text\":\"hello\",\"actions\":[{\"type\":\"button\",\"id\":\"a:b\","
                    + "\"label\":\"Go\",\"value\":\"1\",\"primary\":false}]}");
    assertThat(old).isEqualTo(new Message("hello", List.of(Action.Button.of("a:b", "Go", "1"))));
    assertThat(old.hasLayout()).isFalse();
  }

  @Test
  @DisplayName("claimed rows are leased: another node gets none until the lease runs out")
  void claimsAreLeased() {
    store.inTransaction(tx -> tx.outbox().enqueue(dm("a", "1"), NOW, NOW));
    store.inTransaction(tx -> tx.outbox().enqueue(dm("b", "2"), NOW, NOW));

    List<OutboxEntry> first =
        store.inTransaction(tx -> tx.outbox().claim("n1", 10, NOW, Duration.ofMinutes(2)));
    List<OutboxEntry> second =
        store.inTransaction(
            tx -> tx.outbox().claim("n2", 10, NOW.plusSeconds(60), Duration.ofMinutes(2)));
    List<OutboxEntry> afterLease =
        store.inTransaction(
            tx -> tx.outbox().claim("n2", 10, NOW.plusSeconds(121), Duration.ofMinutes(2)));

    assertThat(first).extracting(e -> e.message().idempotencyKey()).containsExactly("a", "b");
    assertThat(second).isEmpty();
    assertThat(afterLease).hasSize(2);
  }

  @Test
  @DisplayName("a node renews the lease on the rows it still holds, and on no one else's")
  void claimsAreRenewed() {
    for (String key : List.of("a", "b", "c")) {
      store.inTransaction(tx -> tx.outbox().enqueue(dm(key, key), NOW, NOW));
    }
    // GIVEN node_1 holds a and b, and n%1 (a name LIKE would confuse with it) holds c
    List<OutboxEntry> mine =
        store.inTransaction(tx -> tx.outbox().claim("node_1", 2, NOW, Duration.ofSeconds(20)));
    List<OutboxEntry> theirs =
        store.inTransaction(tx -> tx.outbox().claim("node%1", 2, NOW, Duration.ofSeconds(20)));
    store.inTransaction(
        tx -> {
          tx.outbox().markSent(mine.get(1).id(), NOW);
          // WHEN node_1 renews everything it was given, 15 s on
          tx.outbox()
              .renew(
                  "node_1",
                  List.of(mine.get(0).id(), mine.get(1).id(), theirs.get(0).id()),
                  NOW.plusSeconds(35));
          return null;
        });
    // THEN at 25 s its unsent row is still its own, while c is free for others
    List<OutboxEntry> later = claim("n3", NOW.plusSeconds(25), Duration.ofSeconds(20));
    assertThat(later).extracting(e -> e.message().idempotencyKey()).containsExactly("c");
  }

  @Test
  @DisplayName(
      "a retry waits until its time; a permanent failure is kept for the lead and never retried")
  void retriesAndFailures() {
    store.inTransaction(tx -> tx.outbox().enqueue(dm("retry", "1"), NOW, NOW));
    store.inTransaction(tx -> tx.outbox().enqueue(dm("dead", "2"), NOW, NOW));
    List<OutboxEntry> claimed =
        store.inTransaction(tx -> tx.outbox().claim("n1", 10, NOW, Duration.ofMinutes(1)));
    store.inTransaction(
        tx -> {
          tx.outbox().markFailed(claimed.get(0).id(), "429", NOW.plusSeconds(30));
          tx.outbox().markFailed(claimed.get(1).id(), "DMs closed", null);
          return null;
        });

    assertThat(claim("n1", NOW.plusSeconds(29), Duration.ofMinutes(1))).isEmpty();
    List<OutboxEntry> retried =
        store.inTransaction(
            tx -> tx.outbox().claim("n1", 10, NOW.plusSeconds(30), Duration.ofMinutes(1)));
    assertThat(retried).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
    assertThat(failures())
        .singleElement()
        .satisfies(e -> assertThat(e.lastError()).isEqualTo("DMs closed"));
  }

  @Test
  @DisplayName("the outbox counts what waits and what failed for good, whatever was sent")
  void backlogCounts() {
    assertThat(backlog()).isEqualTo(new Outbox.Backlog(0, 0));
    for (String key : List.of("sent", "dead", "retry", "later", "new")) {
      store.inTransaction(tx -> tx.outbox().enqueue(dm(key, key), NOW, NOW));
    }
    List<OutboxEntry> claimed =
        store.inTransaction(tx -> tx.outbox().claim("n1", 3, NOW, Duration.ofMinutes(1)));
    store.inTransaction(
        tx -> {
          tx.outbox().markSent(claimed.get(0).id(), NOW);
          tx.outbox().markFailed(claimed.get(1).id(), "DMs closed", null);
          tx.outbox().markFailed(claimed.get(2).id(), "429", NOW.plusSeconds(30));
          return null;
        });

    assertThat(backlog()).isEqualTo(new Outbox.Backlog(3, 1));
  }

  private Outbox.Backlog backlog() {
    return store.inTransaction(tx -> tx.outbox().backlog());
  }

  @Test
  @DisplayName("pruning deletes sent messages older than the cut-off, in batches; others stay")
  void pruneSent() {
    for (String key : List.of("old-1", "old-2", "old-3", "recent", "waiting", "dead")) {
      store.inTransaction(tx -> tx.outbox().enqueue(dm(key, key), NOW, NOW));
    }
    List<OutboxEntry> claimed = claim("n1", NOW, Duration.ofMinutes(1));
    store.inTransaction(
        tx -> {
          for (OutboxEntry e : claimed) {
            switch (e.message().idempotencyKey()) {
              case "recent" -> tx.outbox().markSent(e.id(), NOW.plus(Duration.ofDays(2)));
              case "waiting" -> tx.outbox().release(e.id(), NOW.plus(Duration.ofDays(1)));
              case "dead" -> tx.outbox().markFailed(e.id(), "DMs closed", null);
              default -> tx.outbox().markSent(e.id(), NOW);
            }
          }
          return null;
        });
    Instant cutOff = NOW.plus(Duration.ofDays(1));

    int first = store.inTransaction(tx -> tx.outbox().pruneSent(cutOff, 2));
    int second = store.inTransaction(tx -> tx.outbox().pruneSent(cutOff, 2));
    int third = store.inTransaction(tx -> tx.outbox().pruneSent(cutOff, 2));

    assertThat(List.of(first, second, third)).containsExactly(2, 1, 0);
    assertThat(failures()).hasSize(1);
    assertThat(claim("n2", NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(1)))
        .extracting(e -> e.message().idempotencyKey())
        .containsExactly("waiting");
    // the recent one is still known: enqueuing its key again is refused
    boolean again = store.inTransaction(tx -> tx.outbox().enqueue(dm("recent", "x"), NOW, NOW));
    assertThat(again).isFalse();
  }

  @Test
  @DisplayName("a platform event id is handled once; its re-delivery is recognised")
  void eventDeduplication() {
    assertThat(firstDelivery("slack", "Ev1")).isTrue();
    assertThat(firstDelivery("slack", "Ev1")).isFalse();
    assertThat(firstDelivery("discord", "Ev1")).isTrue();
  }

  @Test
  @DisplayName("a failed transaction leaves nothing behind: no win without its partner notice")
  void transactionsAreAtomic() {
    Member alice =
        store.inTransaction(tx -> tx.members().create(ALICE, "Alice", ZoneId.of("UTC"), NOW));
    try {
      store.inTransaction(
          tx -> {
            tx.wins().add(alice.id(), null, "won", "", false, NOW);
            tx.outbox().enqueue(dm("win:x", "told"), NOW, NOW);
            throw new IllegalStateException("crash before commit");
          });
    } catch (IllegalStateException expected) {
      // the point of the test
    }

    assertThat(winsOf(alice.id())).isEmpty();
    assertThat(claim("n", NOW, Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  @DisplayName(
      "forgetting a member erases their words but keeps an anonymous row for the pair's history")
  void anonymise() {
    Member alice =
        store.inTransaction(tx -> tx.members().create(ALICE, "Alice", ZoneId.of("UTC"), NOW));
    store.inTransaction(
        tx -> {
          tx.wins().add(alice.id(), null, "secret", "", false, NOW);
          tx.memberData().forget(alice);
          return null;
        });

    assertThat(find(ALICE)).isEmpty();
    assertThat(store.inTransaction(tx -> tx.members().byId(alice.id())).orElseThrow().displayName())
        .isEqualTo("a former member");
    assertThat(winsOf(alice.id())).isEmpty();
  }

  // Weekly tallies: what the writes keep must be what a recount from the events finds.

  /** Monday 2 March 2026, 09:00 UTC: a program week's start (Monday 09:00 UTC by default). */
  static final Instant WEEK = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  @DisplayName("weekly tallies kept as events are written match a recount from the events")
  void talliesMatchRecount() {
    long[] ids = pairOfTwo();
    long program = ids[0];
    long pair = ids[1];
    long mentor = ids[2];
    long mentee = ids[3];
    Instant w1 = WEEK.plus(Duration.ofDays(1));
    Instant w2 = WEEK.plus(Duration.ofDays(8));
    Instant w3 = WEEK.plus(Duration.ofDays(15));
    store.inTransaction(
        tx -> {
          tx.wins().add(mentee, pair, "first", "", false, w1);
          tx.wins().add(mentee, pair, "second", "", true, w2);
          tx.wins().add(mentee, null, "unpaired", "", false, w2);
          tx.checkIns().add(pair, mentor, "met", w1);
          tx.checkIns().add(pair, mentee, "met again", w2.plusSeconds(60));
          long advice = tx.advice().add(mentee, pair, "try it", w2, w1).id();
          tx.advice().setOutcome(advice, "tried", "it worked", w2);
          // a second report moves the outcome to its new week and kind
          tx.advice().setOutcome(advice, "not-yet", "later", w3);
          long reflection =
              tx.prompts().record(prompt(mentee, pair, "reflection", "r1", w1, "open")).get().id();
          tx.prompts().setStatus(reflection, "answered", w2);
          tx.prompts()
              .recordAll(
                  List.of(
                      prompt(mentor, pair, "reflection", "r2", w2, "open"),
                      prompt(mentee, pair, "reminder", "c1", w2, "open"), // asks nothing
                      prompt(mentee, pair, "feedback", "f1", w3, "skipped"),
                      prompt(mentor, pair, "reflection", "r3", null, "missed")));
          long expired = tx.prompts().open(mentor, "reflection").get(0).id();
          tx.prompts().setStatus(expired, "expired", w3);
          return null;
        });

    List<Map<String, Object>> kept = tallies(program);
    database()
        .jdbi()
        .useTransaction(
            h ->
                new JdbiTallies(h)
                    .recount(program, store.inTransaction(tx -> weeks(tx, program)), WEEK));

    assertThat(tallies(program)).isEqualTo(kept);
    assertThat(kept)
        .anySatisfy(
            row ->
                assertThat(row)
                    .containsEntry("member_id", mentee)
                    .containsEntry("wins", 1)
                    .containsEntry("prompts", 1)
                    .containsEntry("responded", 1)
                    .containsEntry("advice_logged", 1))
        .anySatisfy(
            row ->
                assertThat(row)
                    .containsEntry("member_id", mentee)
                    .containsEntry("advice_reported", 1)
                    .containsEntry("advice_tried", 0)
                    .containsEntry("prompts", 1)
                    .containsEntry("responded", 1));
    assertThat(kept.stream().mapToInt(r -> (Integer) r.get("advice_tried")).sum()).isZero();
    assertThat(kept.stream().mapToInt(r -> (Integer) r.get("prompts")).sum()).isEqualTo(3);
  }

  @Test
  @DisplayName("a new digest day counts the tallies again in the program's new weeks")
  void newDigestDayRecounts() {
    long[] ids = pairOfTwo();
    long program = ids[0];
    Instant thursday = WEEK.plus(Duration.ofDays(3)); // Thu 5 March 09:00 UTC
    store.inTransaction(
        tx -> tx.wins().add(ids[3], ids[1], "a win", "", false, thursday.plusSeconds(3600)));
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant fridayFive = Instant.parse("2026-03-06T16:00:00Z");

    store.inTransaction(
        tx -> {
          tx.digests().setSchedule(program, java.time.DayOfWeek.FRIDAY, 17, berlin, fridayFive);
          return null;
        });

    assertThat(tallies(program))
        .singleElement()
        .satisfies(
            row ->
                assertThat(((java.time.OffsetDateTime) row.get("week_start")).toInstant())
                    .isEqualTo(Instant.parse("2026-02-27T16:00:00Z")));
  }

  @Test
  @DisplayName("two transactions tallying a member's first event of a week at once both count")
  void concurrentFirstTally() throws Exception {
    long[] ids = pairOfTwo();
    java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String text = "win " + i;
        done.add(
            pool.submit(
                () ->
                    store.inTransaction(
                        tx -> {
                          both.countDown();
                          try {
                            both.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return tx.wins().add(ids[3], ids[1], text, "", false, WEEK);
                        })));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tallies(ids[0]))
        .singleElement()
        .satisfies(r -> assertThat(r.get("wins")).isEqualTo(2));
  }

  @Test
  @DisplayName("a member who is forgotten leaves no tallies behind")
  void forgetMeForgetsTallies() {
    long[] ids = pairOfTwo();
    store.inTransaction(
        tx -> {
          tx.wins().add(ids[3], ids[1], "mine", "", false, WEEK);
          tx.checkIns().add(ids[1], ids[3], "met", WEEK);
          tx.wins().add(ids[2], ids[1], "theirs", "", false, WEEK);
          tx.memberData().forget(tx.members().byId(ids[3]).orElseThrow());
          return null;
        });

    assertThat(tallies(ids[0]))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("member_id", ids[2]));
  }

  @Test
  @DisplayName("a digest window that doesn't start on one of the program's weeks is refused")
  void windowOffTheProgramsWeeks() {
    long program = pairOfTwo()[0];
    Instant to = WEEK.plus(Duration.ofDays(7));
    var offGrid =
        new org.nudge.engine.domain.ProgramStats.Window(
            to, to.minus(Duration.ofDays(7)).plusSeconds(60), WEEK, WEEK, WEEK, WEEK);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx ->
                        tx.digests()
                            .stats(tx.programs().byId(program).orElseThrow(), offGrid, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("A digest's week starts where one of the program's weeks does");
  }

  @Test
  @DisplayName(
      "ratings by role count each person once; a published feedback figure is replaced, not added")
  void feedbackFigures() {
    long[] ids = pairOfTwo();
    Instant nextWeek = WEEK.plus(Duration.ofDays(7));
    store.inTransaction(
        tx -> {
          tx.feedback().add(new Feedback(0, ids[3], ids[1], "mentee", 4, null, false, WEEK));
          tx.feedback()
              .add(new Feedback(0, ids[3], ids[1], "mentee", 2, "", false, WEEK.plusSeconds(60)));
          tx.feedback().add(new Feedback(0, ids[2], ids[1], "mentor", 5, null, false, nextWeek));
          return null;
        });

    var byRole =
        store.inTransaction(
            tx ->
                tx.digests()
                    .feedbackByRole(tx.programs().byId(ids[0]).orElseThrow(), WEEK, nextWeek));
    assertThat(byRole).containsOnlyKeys("mentee");
    assertThat(byRole.get("mentee"))
        .isEqualTo(new org.nudge.engine.domain.ProgramStats.RoleFeedback(2, 1, 3.0));

    var first = new org.nudge.engine.domain.Digests.PublishedFeedback("mentee", 7, 3, WEEK, WEEK);
    var second =
        new org.nudge.engine.domain.Digests.PublishedFeedback("mentee", 9, 6, nextWeek, nextWeek);
    store.inTransaction(
        tx -> {
          tx.digests().publishFeedback(ids[0], first);
          tx.digests().publishFeedback(ids[0], second);
          return null;
        });
    Map<String, org.nudge.engine.domain.Digests.PublishedFeedback> published =
        store.inTransaction(tx -> tx.digests().publishedFeedback(ids[0]));
    assertThat(published).isEqualTo(Map.of("mentee", second));
  }

  // The sweep's set-based writes: one statement for many rows must leave what one per row did.

  @Test
  @DisplayName(
      "a batch of next due instants naming a member twice leaves what two updates in a row would")
  void nextPromptsNamingAMemberTwice() {
    long[] ids = pairOfTwo();
    long alice = ids[2];
    long bob = ids[3];
    Instant first = WEEK.plus(Duration.ofDays(7));
    Instant second = WEEK.plus(Duration.ofDays(14));
    store.inTransaction(
        tx -> {
          tx.members()
              .setNextPrompts(
                  List.of(
                      new org.nudge.engine.domain.Members.NextPrompt(alice, first, 1, 41L),
                      new org.nudge.engine.domain.Members.NextPrompt(bob, first, 0, 42L),
                      new org.nudge.engine.domain.Members.NextPrompt(alice, second, 1, null)));
          return null;
        });

    Member a = store.inTransaction(tx -> tx.members().byId(alice)).orElseThrow();
    Member b = store.inTransaction(tx -> tx.members().byId(bob)).orElseThrow();
    assertThat(a.nextPromptAt()).isEqualTo(second);
    assertThat(a.unansweredInRow()).isEqualTo(2);
    assertThat(openReflectionOf(alice)).isEqualTo(41L);
    assertThat(b.nextPromptAt()).isEqualTo(first);
    assertThat(b.unansweredInRow()).isZero();
    assertThat(openReflectionOf(bob)).isEqualTo(42L);
  }

  @Test
  @DisplayName("expiring last week's reflections expires only those still open, each member once")
  void expireOnlyOpenReflections() {
    long[] ids = pairOfTwo();
    long alice = ids[2];
    long bob = ids[3];
    long carol =
        store.inTransaction(
            tx ->
                tx.members()
                    .create(new UserRef("slack", "T1", "U3"), "Carol", ZoneId.of("UTC"), WEEK)
                    .id());
    Instant at = WEEK.plus(Duration.ofDays(7));
    store.inTransaction(
        tx -> {
          var open = tx.prompts().record(prompt(alice, ids[1], "reflection", "a1", WEEK, "open"));
          var answered =
              tx.prompts().record(prompt(bob, ids[1], "reflection", "b1", WEEK, "answered"));
          tx.members()
              .setNextPrompts(
                  List.of(
                      new org.nudge.engine.domain.Members.NextPrompt(
                          alice, at, 0, open.orElseThrow().id()),
                      new org.nudge.engine.domain.Members.NextPrompt(
                          bob, at, 0, answered.orElseThrow().id())));
          return null;
        });

    var expired =
        store.inTransaction(
            tx -> tx.prompts().expireOpenReflections(List.of(alice, bob, carol, alice), at));
    var again = store.inTransaction(tx -> tx.prompts().expireOpenReflections(List.of(alice), at));

    assertThat(expired).containsExactly(alice);
    assertThat(again).isEmpty();
    List<org.nudge.engine.domain.Entries.Prompt> stillOpen =
        store.inTransaction(tx -> tx.prompts().open(alice, "reflection"));
    String bobs =
        store.inTransaction(tx -> tx.prompts().byId(openReflectionOf(bob)).orElseThrow().status());
    assertThat(stillOpen).isEmpty();
    assertThat(bobs).isEqualTo("answered");
  }

  @Test
  @DisplayName(
      "more prompts than one insert takes are all recorded, each returned with its own row")
  void recordAllBeyondOneStatement() {
    long[] ids = pairOfTwo();
    int count = ValuesList.MAX_ROWS + 7;
    List<org.nudge.engine.domain.Entries.Prompt> prompts = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      prompts.add(prompt(ids[2], ids[1], "reflection", "k" + i, WEEK.plusSeconds(i), "open"));
    }
    prompts.add(prompt(ids[2], ids[1], "reflection", "k3", WEEK, "open")); // a key twice

    var recorded = store.inTransaction(tx -> tx.prompts().recordAll(prompts));

    assertThat(recorded).hasSize(count + 1);
    assertThat(recorded.get(count)).isEmpty();
    for (int i = 0; i < count; i++) {
      var p = recorded.get(i).orElseThrow();
      assertThat(p.idemKey()).isEqualTo("k" + i);
      assertThat(p.sentAt()).isEqualTo(WEEK.plusSeconds(i));
      assertThat(store.inTransaction(tx -> tx.prompts().byId(p.id())).orElseThrow().idemKey())
          .isEqualTo("k" + i);
    }
    List<Optional<org.nudge.engine.domain.Entries.Prompt>> twice =
        store.inTransaction(tx -> tx.prompts().recordAll(prompts.subList(0, 2)));
    assertThat(twice).containsExactly(Optional.empty(), Optional.empty());
  }

  @Test
  @DisplayName("more member weeks than one statement takes are all tallied, and added to after")
  void tallyBeyondOneStatement() {
    long[] ids = pairOfTwo();
    int weeks = ValuesList.MAX_ROWS + 3;
    List<JdbiTallies.Change> changes = new java.util.ArrayList<>();
    for (int w = 0; w < weeks; w++) {
      changes.add(
          new JdbiTallies.Change(
              ids[1], ids[3], WEEK.plus(Duration.ofDays(7L * w + 1)), JdbiTallies.Delta.WIN));
    }

    database().jdbi().useTransaction(h -> new JdbiTallies(h).addAll(changes));
    database().jdbi().useTransaction(h -> new JdbiTallies(h).addAll(changes.subList(0, 2)));

    List<Map<String, Object>> rows = tallies(ids[0]);
    assertThat(rows).hasSize(weeks);
    assertThat(rows.stream().mapToInt(r -> (Integer) r.get("wins")).sum()).isEqualTo(weeks + 2);
    assertThat(rows.get(0)).containsEntry("wins", 2);
    assertThat(rows.get(weeks - 1)).containsEntry("wins", 1);
  }

  private long openReflectionOf(long member) {
    return database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT open_reflection_id FROM member WHERE id = :id")
                    .bind("id", member)
                    .mapTo(Long.class)
                    .one());
  }

  /** A program and one pair in it: {program, pair, mentor, mentee}. */
  private long[] pairOfTwo() {
    return store.inTransaction(
        tx -> {
          long program = tx.programs().create("slack", "T1", "Spring", "C1", WEEK).id();
          long mentor = tx.members().create(ALICE, "Alice", ZoneId.of("UTC"), WEEK).id();
          long mentee =
              tx.members()
                  .create(new UserRef("slack", "T1", "U2"), "Bob", ZoneId.of("UTC"), WEEK)
                  .id();
          long pair = tx.pairs().create(program, mentor, mentee, WEEK).id();
          return new long[] {program, pair, mentor, mentee};
        });
  }

  private static org.nudge.engine.domain.DigestWeeks weeks(
      org.nudge.engine.domain.Tx tx, long program) {
    return tx.digests().schedule(program).weeks();
  }

  private static org.nudge.engine.domain.Entries.Prompt prompt(
      long member, long pair, String kind, String key, Instant sent, String status) {
    return new org.nudge.engine.domain.Entries.Prompt(
        0, member, pair, kind, key, null, null, null, WEEK, sent, status, true, null);
  }

  private List<Map<String, Object>> tallies(long program) {
    return database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT pair_id, member_id, week_start, prompts, responded, wins,"
                            + " advice_logged, advice_reported, advice_tried, check_ins,"
                            + " last_check_in_at FROM weekly_tally WHERE program_id = :p"
                            + " ORDER BY pair_id, week_start, member_id")
                    .bind("p", program)
                    .map(
                        (rs, ctx) -> {
                          Map<String, Object> row = new java.util.LinkedHashMap<>();
                          for (String c :
                              List.of(
                                  "prompts",
                                  "responded",
                                  "wins",
                                  "advice_logged",
                                  "advice_reported",
                                  "advice_tried",
                                  "check_ins")) {
                            row.put(c, rs.getInt(c));
                          }
                          row.put("pair_id", rs.getLong("pair_id"));
                          row.put("member_id", rs.getLong("member_id"));
                          row.put(
                              "week_start",
                              rs.getObject("week_start", java.time.OffsetDateTime.class)
                                  .withOffsetSameInstant(java.time.ZoneOffset.UTC));
                          row.put("last_check_in_at", Rows.instant(rs, "last_check_in_at"));
                          return row;
                        })
                    .list());
  }

  private List<OutboxEntry> claim(String node, Instant at, Duration lease) {
    return store.inTransaction(tx -> tx.outbox().claim(node, 10, at, lease));
  }

  private List<OutboxEntry> failures() {
    return store.inTransaction(tx -> tx.outbox().failures("slack", "T1", 10));
  }

  private boolean firstDelivery(String platform, String eventId) {
    return store.inTransaction(tx -> tx.keyValues().firstDelivery(platform, eventId, NOW));
  }

  private List<Win> winsOf(long memberId) {
    return store.inTransaction(tx -> tx.wins().by(memberId));
  }

  private Optional<Member> find(UserRef ref) {
    return store.inTransaction(tx -> tx.members().find(ref));
  }

  private static Outgoing dm(String key, String text) {
    return new Outgoing(key, new ConversationRef.Direct(ALICE), Message.text(text));
  }

  // ---------------------------------------------------------------------------------------------
  // The shared inbox: each member's inputs one at a time, in arrival order, across nodes

  private static final UserRef BOB = new UserRef("slack", "T1", "U2");
  private static final Duration LEASE = Duration.ofSeconds(20);

  @Test
  @DisplayName(
      "the inbox lets a member's inputs run one at a time in arrival order, and different members'"
          + " side by side")
  void inboxKeepsEachMembersOrder() {
    long a1 = store.inTransaction(tx -> tx.inbox().add(ALICE, "a1", "node-a", NOW));
    long a2 = store.inTransaction(tx -> tx.inbox().add(ALICE, "a2", "node-b", NOW));
    long b1 = store.inTransaction(tx -> tx.inbox().add(BOB, "b1", "node-b", NOW));

    // alice's second input can't run before her first, on any node
    assertThat(claim(a2, "node-b/1", NOW, LEASE)).isEmpty();
    Optional<Inbox.Queued> first = claim(a1, "node-a/1", NOW, LEASE);
    assertThat(first).map(Inbox.Queued::payload).contains("a1");
    assertThat(first.get().member()).isEqualTo(ALICE);
    assertThat(first.get().receivedBy()).isEqualTo("node-a");
    // nor may another node take her first while node a holds it
    assertThat(claim(a1, "node-b/1", NOW, LEASE)).isEmpty();
    assertThat(claimNext(ALICE, "node-b/1", NOW, LEASE)).isEmpty();
    // bob's runs meanwhile
    assertThat(claim(b1, "node-b/1", NOW, LEASE)).map(Inbox.Queued::payload).contains("b1");

    store.inTransaction(
        tx -> {
          tx.inbox().finish(a1, "node-a/1");
          return null;
        });
    assertThat((boolean) inbox(i -> i.waiting(a1))).isFalse();
    // then her second is next, for whichever node asks first
    assertThat(claimNext(ALICE, "node-a/1", NOW, LEASE)).map(Inbox.Queued::id).contains(a2);
    assertThat((long) inbox(Inbox::backlog)).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "an input whose claim ran out and was taken over can't be finished by the slow node: its"
          + " effect rolls back, so it takes effect once")
  void inboxLostClaimRollsBack() {
    long id = store.inTransaction(tx -> tx.inbox().add(ALICE, "win", "node-a", NOW));
    claim(id, "node-a/1", NOW, LEASE);
    Instant later = NOW.plus(LEASE).plusSeconds(1);
    // node a is slow; its lease ran out and the poller of node b took the input
    assertThat(claimWaiting("node-b/1", 10, later, later, LEASE))
        .extracting(Inbox.Queued::id)
        .containsExactly(id);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.keyValues().put("effect", "node a");
                      tx.inbox().finish(id, "node-a/1");
                      return null;
                    }))
        .isInstanceOf(Inbox.NotClaimed.class);
    assertThat(effect()).isEmpty();

    store.inTransaction(
        tx -> {
          tx.keyValues().put("effect", "node b");
          tx.inbox().finish(id, "node-b/1");
          return null;
        });
    assertThat(effect()).contains("node b");
    assertThat((long) inbox(Inbox::backlog)).isZero();
  }

  @Test
  @DisplayName(
      "the poller takes only settled inputs that are their member's oldest and free; a stopping"
          + " node's inputs are free at once")
  void inboxPollerAndRelease() {
    long a1 = store.inTransaction(tx -> tx.inbox().add(ALICE, "a1", "node-a", NOW));
    store.inTransaction(tx -> tx.inbox().add(ALICE, "a2", "node-a", NOW));
    long b1 = store.inTransaction(tx -> tx.inbox().add(BOB, "b1", "node-a", NOW.plusSeconds(5)));

    // not settled yet: left to the node that received them
    assertThat(claimWaiting("node-b/1", 10, NOW, NOW, LEASE)).isEmpty();
    claim(a1, "node-a/1", NOW, LEASE);
    Instant settled = NOW.plusSeconds(1);
    // alice's first is held and her second must wait for it; bob's arrived later than settled
    assertThat(claimWaiting("node-b/1", 10, settled, settled, LEASE)).isEmpty();

    assertThat((int) inbox(i -> i.releaseAll("node-a/1"))).isEqualTo(1);
    Instant late = NOW.plusSeconds(10);
    assertThat(claimWaiting("node-b/1", 10, late, settled, LEASE))
        .extracting(Inbox.Queued::id)
        .containsExactly(a1, b1);
    assertThat((int) inbox(i -> i.failedAttempt(a1))).isEqualTo(1);
    assertThat((int) inbox(i -> i.failedAttempt(a1))).isEqualTo(2);
  }

  private Optional<Inbox.Queued> claim(long id, String token, Instant now, Duration lease) {
    return inbox(i -> i.claim(id, token, now, lease));
  }

  private Optional<Inbox.Queued> claimNext(UserRef m, String token, Instant now, Duration lease) {
    return inbox(i -> i.claimNext(m, token, now, lease));
  }

  private List<Inbox.Queued> claimWaiting(
      String token, int limit, Instant settled, Instant now, Duration lease) {
    return inbox(i -> i.claimWaiting(token, limit, settled, now, lease));
  }

  private Optional<String> effect() {
    return store.inTransaction(tx -> tx.keyValues().get("effect"));
  }

  private <T> T inbox(java.util.function.Function<Inbox, T> work) {
    return store.inTransaction(tx -> work.apply(tx.inbox()));
  }

  @Test
  @DisplayName(
      "a pair's space is opened by one claimant at a time, stored, refused and retried; the outbox"
          + " keeps a message to it by pair")
  void pairSpaces() {
    long pair =
        store.inTransaction(
            tx -> {
              var mentor = tx.members().create(ALICE, "Alice", ZoneId.of("UTC"), NOW);
              var mentee = tx.members().create(ALICE.sibling("U2"), "Bob", ZoneId.of("UTC"), NOW);
              var program = tx.programs().create("slack", "T1", "Spring", "C1", NOW);
              tx.programs().setPairSpace(program.id(), "group");
              return tx.pairs().create(program.id(), mentor.id(), mentee.id(), NOW).id();
            });
    Instant until = NOW.plusSeconds(30);

    // one node takes the opening; another, before it runs out, doesn't; after, it may
    assertThat(claim(pair, until, NOW)).isTrue();
    assertThat(claim(pair, until, NOW)).isFalse();
    Instant later = until.plusSeconds(1);
    assertThat(claim(pair, later.plusSeconds(30), later)).isTrue();

    // opened: stored with its conversation, and nobody opens it again
    store.inTransaction(
        tx -> {
          tx.pairSpaces().opened(pair, "G0123", later);
          return null;
        });
    assertThat(space(pair))
        .hasValueSatisfying(
            s -> {
              assertThat(s.state()).isEqualTo(PairSpaces.State.OPEN);
              assertThat(s.conversationId()).isEqualTo("G0123");
            });
    assertThat(claim(pair, later.plusSeconds(99), later)).isFalse();

    // refused, and forgotten when a lead sets the program's space again
    store.inTransaction(
        tx -> {
          tx.pairSpaces().refused(pair, "missing_scope", later);
          return null;
        });
    assertThat(space(pair).orElseThrow().state()).isEqualTo(PairSpaces.State.REFUSED);
    long program = store.inTransaction(tx -> tx.pairs().byId(pair).orElseThrow().programId());
    assertThat(firstRefusal(program, later)).isTrue();
    assertThat(firstRefusal(program, later)).isFalse();
    store.inTransaction(
        tx -> {
          tx.programs().setPairSpace(program, "group");
          tx.pairSpaces().retryRefused(program);
          return null;
        });
    assertThat(space(pair)).isEmpty();
    String mode = store.inTransaction(tx -> tx.programs().byId(program).orElseThrow().pairSpace());
    assertThat(mode).isEqualTo("group");
    assertThat(firstRefusal(program, later)).isTrue();

    // the outbox keeps a message to the space by pair, and gives it back as such
    store.inTransaction(
        tx ->
            tx.outbox()
                .enqueue(
                    new Outgoing(
                        "pair:" + pair + ":welcome:space",
                        org.nudge.engine.model.ConversationRef.PairSpace.of("slack", "T1", pair),
                        Message.text("hello")),
                    NOW,
                    NOW));
    List<OutboxEntry> claimed =
        store.inTransaction(tx -> tx.outbox().claim("n1", 10, later, Duration.ofMinutes(1)));
    assertThat(claimed)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message().to())
                    .isEqualTo(
                        org.nudge.engine.model.ConversationRef.PairSpace.of("slack", "T1", pair)));
  }

  private boolean claim(long pair, Instant until, Instant now) {
    return store.inTransaction(tx -> tx.pairSpaces().claimOpening(pair, until, now));
  }

  private java.util.Optional<PairSpaces.Space> space(long pair) {
    return store.inTransaction(tx -> tx.pairSpaces().of(pair));
  }

  private boolean firstRefusal(long program, Instant now) {
    return store.inTransaction(tx -> tx.programs().firstSpaceRefusal(program, now));
  }
}
