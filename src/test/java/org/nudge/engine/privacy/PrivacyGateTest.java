package org.nudge.engine.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Quote;
import org.nudge.engine.model.Quote.Kind;
import org.nudge.testing.Chat;
import org.nudge.testing.PrivacyRefusals;

@DisplayName("The privacy gate: who may read a member's words")
class PrivacyGateTest {

  private static final String WORDS = "SECRET-WORDS";

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  private Member member(String who) {
    return chat.store()
        .inTransaction(tx -> tx.members().find(Chat.user(who)))
        .orElseThrow(() -> new AssertionError(who + " is not a member"));
  }

  private Pair pairOf(String who) {
    return chat.store().inTransaction(tx -> tx.pairs().activeFor(member(who).id()).get(0));
  }

  private static Outgoing toMember(String who, String key, Quote quote) {
    return new Outgoing(
            key, new ConversationRef.Direct(Chat.user(who)), Message.text("quoting " + WORDS))
        .quoting(quote);
  }

  private static Outgoing toChannel(String key, Quote quote) {
    return new Outgoing(
            key,
            new ConversationRef.Channel(Chat.PLATFORM, Chat.WORKSPACE, "mentoring"),
            Message.text("quoting " + WORDS))
        .quoting(quote);
  }

  /** Sends through the gate and delivers; true if the message reached the outbox. */
  private boolean send(Outgoing message) {
    boolean stored =
        chat.store()
            .inTransaction(
                tx -> PrivacyGate.of(tx).send(message, chat.clock.instant(), chat.clock.instant()));
    chat.dispatcher().drain();
    return stored;
  }

  @Test
  @DisplayName("an author reads their own private words; their partner does not until shared")
  void privateUntilShared() {
    long alice = member("alice").id();
    long pair = pairOf("alice").id();

    assertThat(send(toMember("alice", "k1", new Quote(Kind.REFLECTION, alice, pair, false))))
        .isTrue();
    assertThat(send(toMember("maria", "k2", new Quote(Kind.REFLECTION, alice, pair, false))))
        .isFalse();
    assertThat(send(toMember("maria", "k3", new Quote(Kind.REFLECTION, alice, pair, true))))
        .isTrue();

    assertThat(chat.dmsTo("alice")).hasSize(1);
    assertThat(chat.dmsTo("maria")).hasSize(1);
    // THEN the refusal is one log line naming kinds and ids, never the words
    assertThat(PrivacyRefusals.take())
        .singleElement()
        .asString()
        .contains("reflection by member " + alice)
        .contains("(not shared)")
        .doesNotContain(WORDS);
  }

  @Test
  @DisplayName("a shared entry reaches only the partner of its own pair, and only while it lasts")
  void onlyTheEntrysOwnActivePair() {
    long alice = member("alice").id();
    long oldPair = pairOf("alice").id();
    chat.say("lead", "/nudge unpair @maria @alice");
    chat.say("lead", "/nudge pair @dave @alice Spring");
    chat.platform.clear();

    for (Kind kind :
        List.of(Kind.REFLECTION, Kind.ADVICE, Kind.FEEDBACK, Kind.CHECK_IN_NOTE, Kind.GOAL)) {
      Quote shared = new Quote(kind, alice, oldPair, true);
      assertThat(send(toMember("dave", "dave:" + kind, shared))).as("%s to dave", kind).isFalse();
      assertThat(send(toMember("maria", "maria:" + kind, shared)))
          .as("%s to maria", kind)
          .isFalse();
    }

    assertThat(chat.platform.sent()).isEmpty();
    assertThat(PrivacyRefusals.take()).hasSize(10);
  }

  @Test
  @DisplayName("private kinds never reach a channel or a lead, even when shared")
  void neverChannelsOrLeads() {
    long alice = member("alice").id();
    long pair = pairOf("alice").id();

    for (Kind kind :
        List.of(Kind.REFLECTION, Kind.ADVICE, Kind.FEEDBACK, Kind.CHECK_IN_NOTE, Kind.GOAL)) {
      assertThat(send(toChannel("c:" + kind, new Quote(kind, alice, pair, true)))).isFalse();
      assertThat(send(toMember("lead", "l:" + kind, new Quote(kind, alice, pair, true)))).isFalse();
    }
    assertThat(send(toChannel("enrolment", new Quote(Kind.ENROLMENT, alice, null, false))))
        .isFalse();

    assertThat(chat.platform.sent()).isEmpty();
    assertThat(PrivacyRefusals.take()).hasSize(11).noneMatch(line -> line.contains(WORDS));
  }

  @Test
  @DisplayName("wins reach the partner as a notice, and the channel and leads once shared")
  void winsAndEnrolment() {
    long alice = member("alice").id();
    long pair = pairOf("alice").id();
    Quote privateWin = new Quote(Kind.WIN, alice, pair, false);
    Quote sharedWin = new Quote(Kind.WIN, alice, pair, true);

    assertThat(send(toMember("maria", "w1", privateWin))).isTrue();
    assertThat(send(toChannel("w2", privateWin))).isFalse();
    assertThat(send(toMember("lead", "w3", privateWin))).isFalse();
    assertThat(send(toChannel("w4", sharedWin))).isTrue();
    assertThat(send(toMember("lead", "w5", sharedWin))).isTrue();
    // Enrolment answers are for the leads who match people
    assertThat(send(toMember("lead", "e1", new Quote(Kind.ENROLMENT, alice, null, false))))
        .isTrue();
    assertThat(send(toMember("maria", "e2", new Quote(Kind.ENROLMENT, alice, null, false))))
        .isFalse();

    assertThat(chat.dmsTo("maria")).hasSize(1);
    assertThat(chat.dmsTo("lead")).hasSize(2);
    assertThat(chat.postsIn("mentoring")).hasSize(1);
    assertThat(PrivacyRefusals.take()).hasSize(3);
  }

  @Test
  @DisplayName("a batch queues what may go and drops only what may not")
  void batch() {
    long alice = member("alice").id();
    long pair = pairOf("alice").id();
    var now = chat.clock.instant();
    List<Outbox.Queued> batch =
        List.of(
            new Outbox.Queued(
                toMember("alice", "b1", new Quote(Kind.ADVICE, alice, pair, false)), now),
            new Outbox.Queued(
                toMember("maria", "b2", new Quote(Kind.ADVICE, alice, pair, false)), now),
            new Outbox.Queued(
                new Outgoing(
                    "b3", new ConversationRef.Direct(Chat.user("maria")), Message.text("hello")),
                now));

    List<Boolean> stored = chat.store().inTransaction(tx -> PrivacyGate.of(tx).sendAll(batch, now));
    chat.dispatcher().drain();

    assertThat(stored).containsExactly(true, false, true);
    assertThat(chat.dmsTo("maria")).containsExactly("hello");
    assertThat(PrivacyRefusals.take()).hasSize(1);
  }
}
