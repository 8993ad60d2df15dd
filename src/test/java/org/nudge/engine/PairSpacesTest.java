package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.delivery.ChatGateway.SpaceOpening;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.PairSpaces;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Quote;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway;

@DisplayName("Pair spaces: one shared conversation per pair, and DMs when the platform refuses")
class PairSpacesTest {

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  private long pairOf(String mentee) {
    long menteeId = chat.memberId(mentee);
    return chat.store().inTransaction(tx -> tx.pairs().activeFor(menteeId)).get(0).id();
  }

  private void groupProgram() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    assertThat(chat.say("lead", "/nudge program space Spring group"))
        .startsWith("Each new pair in Spring will get a shared space with me");
  }

  private List<String> refusalNotices() {
    return chat.dmsTo("lead").stream().filter(t -> t.startsWith("I couldn't ")).toList();
  }

  private List<String> remindersTo(String who) {
    return chat.dmsTo(who).stream().filter(t -> t.startsWith("⏰")).toList();
  }

  @Test
  @DisplayName("a group program's pair gets one welcome in its space, and its reminders there")
  void welcomeAndRemindersInTheSpace() {
    // GIVEN a program with group spaces; WHEN a lead pairs maria with alice
    groupProgram();
    chat.say("lead", "/nudge pair @maria @alice Spring");
    String space = "space-" + pairOf("alice");

    // THEN the platform opened one space for the two, with both people and the program's channel
    assertThat(chat.platform.spacesOpened())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.mentor()).isEqualTo(Chat.user("maria"));
              assertThat(s.mentee()).isEqualTo(Chat.user("alice"));
              assertThat(s.programChannelId()).isEqualTo("mentoring");
            });
    // AND one welcome to both went there, and none to their DMs
    assertThat(chat.platform.postsInSpace(space))
        .singleElement()
        .asString()
        .startsWith("👋 Welcome, maria and alice! This is your shared space for Spring")
        .contains("alice, you drive");
    assertThat(chat.dmsTo("maria")).isEmpty();
    assertThat(chat.dmsTo("alice")).isEmpty();

    // WHEN the pair goes 16 days without meeting
    chat.advance(Duration.ofDays(16));

    // THEN the reminders go to the space, saying whom they are for, with no new space opened
    assertThat(chat.platform.postsInSpace(space))
        .filteredOn(t -> t.startsWith("⏰"))
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).startsWith("⏰ alice, it's been"))
        .anySatisfy(t -> assertThat(t).startsWith("⏰ maria, you and alice haven't recorded"));
    assertThat(remindersTo("alice")).isEmpty();
    assertThat(remindersTo("maria")).isEmpty();
    assertThat(chat.platform.spacesOpened()).hasSize(1);
    assertThat(chat.say("lead", "/nudge program list"))
        .contains("*Spring* in <#mentoring>, 1 pair, a shared space per pair");
    // AND private prompts (the weekly reflection) still go to each person's own DM
    assertThat(chat.dmsTo("alice")).isNotEmpty();
  }

  @Test
  @DisplayName(
      "a platform busy when a space is opened (a 429): the welcome waits and goes to the one space"
          + " opened on the retry, with nothing in DMs and no lead told")
  void busyWhenOpeningRetries() {
    // GIVEN a platform that answers 429 to opening a space
    chat.platform.answerSpaces(
        new SpaceOpening.RetryLater(Duration.ofSeconds(30), "the platform answered 429"));
    groupProgram();

    // WHEN a pair is made
    chat.say("lead", "/nudge pair @maria @alice Spring");

    // THEN nothing reached anyone yet, and the space is not marked refused
    assertThat(chat.platform.spacesOpened()).hasSize(1);
    assertThat(chat.platform.postsInSpace("space-" + pairOf("alice"))).isEmpty();
    assertThat(chat.dmsTo("maria")).isEmpty();
    assertThat(chat.dmsTo("alice")).isEmpty();
    long pair = pairOf("alice");
    Optional<PairSpaces.Space> stored = chat.store().inTransaction(tx -> tx.pairSpaces().of(pair));
    assertThat(stored).isEmpty();

    // WHEN the platform is free again and the wait has passed
    chat.platform.answerSpaces(null);
    chat.advance(Duration.ofMinutes(1), Duration.ofSeconds(10));

    // THEN the space opened on the retry holds the one welcome
    assertThat(chat.platform.spacesOpened()).hasSize(2);
    assertThat(chat.platform.postsInSpace("space-" + pair))
        .singleElement()
        .asString()
        .startsWith("👋 Welcome, maria and alice!");
    assertThat(chat.dmsTo("maria")).isEmpty();
    assertThat(chat.dmsTo("lead")).isEmpty();
  }

  @Test
  @DisplayName(
      "posts to a space failing only for a while (an outage) past every retry: the message goes"
          + " to both DMs, but the space is kept for the next one and no lead is told")
  void passingFailuresKeepTheSpace() {
    groupProgram();
    chat.say("lead", "/nudge pair @maria @alice Spring");
    long pair = pairOf("alice");
    String space = "space-" + pair;
    assertThat(chat.platform.postsInSpace(space)).hasSize(1);

    // WHEN every attempt at a message to the space fails with a 5xx
    chat.platform.failPostsToSpaces(1_000);
    chat.store()
        .inTransaction(
            tx ->
                PrivacyGate.of(tx)
                    .sendNow(
                        new Outgoing(
                            "outage-note",
                            ConversationRef.PairSpace.of(Chat.PLATFORM, Chat.WORKSPACE, pair),
                            Message.text("A note to you both."),
                            false),
                        chat.clock.instant()));
    chat.advance(Duration.ofHours(1), Duration.ofMinutes(1));

    // THEN it reached both DMs after the last retry
    assertThat(chat.dmsTo("alice")).anyMatch(t -> t.startsWith("A note to you both."));
    assertThat(chat.dmsTo("maria")).anyMatch(t -> t.startsWith("A note to you both."));
    // AND the space is still the pair's, and no lead was told to fix anything
    Optional<PairSpaces.Space> stored = chat.store().inTransaction(tx -> tx.pairSpaces().of(pair));
    assertThat(stored).map(PairSpaces.Space::state).contains(PairSpaces.State.OPEN);
    assertThat(refusalNotices()).isEmpty();

    // WHEN the platform is back, the next message goes to the space
    chat.platform.failPostsToSpaces(0);
    chat.advance(Duration.ofDays(16));
    assertThat(chat.platform.postsInSpace(space)).anyMatch(t -> t.startsWith("⏰"));
  }

  @Test
  @DisplayName("the We met button of a reminder in the space works for either member")
  void buttonsInTheSpace() {
    groupProgram();
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.advance(Duration.ofDays(16));
    Message reminder =
        chat.platform.sent().stream()
            .filter(s -> s.to() instanceof ConversationRef.PairSpace && s.text().startsWith("⏰"))
            .findFirst()
            .orElseThrow()
            .message();

    assertThat(chat.press("maria", "checkin:met", Chat.button(reminder, "We met")).message().text())
        .startsWith("Check-in recorded.");
  }

  @Test
  @DisplayName("a dm program's pair is welcomed in two DMs, as before, and no space is opened")
  void dmProgramUnchanged() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice Spring");

    assertThat(chat.dmsTo("maria")).singleElement().asString().startsWith("👋 You're mentoring");
    assertThat(chat.dmsTo("alice")).singleElement().asString().startsWith("👋 You're paired");
    assertThat(chat.platform.spacesOpened()).isEmpty();
  }

  @Test
  @DisplayName(
      "a refused space falls back to both DMs, the lead is told once for two pairs, and the pair's"
          + " later messages go to DMs directly")
  void refusedFallsBackToDms() {
    // GIVEN a platform that refuses group conversations (a missing scope)
    chat.platform.answerSpaces(
        new SpaceOpening.Refused(
            "the app lacks the mpim:write scope",
            "add the `mpim:write` scope to the Slack app and reinstall it"));
    groupProgram();

    // WHEN two pairs are made
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.say("lead", "/nudge pair @dave @carl Spring");

    // THEN each member got the shared welcome in their own DM
    for (String who : List.of("maria", "alice", "dave", "carl")) {
      assertThat(chat.dmsTo(who)).as(who).singleElement().asString().startsWith("👋 Welcome, ");
    }
    // AND each copy says it was meant for the space with the partner, so its "This is your shared
    // space" wording doesn't mislead in a DM
    assertThat(chat.dmsTo("alice"))
        .singleElement()
        .asString()
        .endsWith(
            "_(I meant this for your shared space with maria, which I can't use, so it's here"
                + " in our DM instead.)_");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("your shared space with alice, which I can't use");
    // AND the lead was told once, in words, what to grant
    assertThat(chat.dmsTo("lead"))
        .singleElement()
        .asString()
        .isEqualTo(
            "I couldn't open a shared space for maria and alice in Spring (the app lacks the"
                + " mpim:write scope): add the `mpim:write` scope to the Slack app and reinstall"
                + " it. Until then I'll keep using direct messages for its pairs; once it's"
                + " fixed, `/nudge program space Spring group` tries again.");
    assertThat(chat.platform.spacesOpened()).hasSize(2);

    // WHEN the first pair is overdue
    chat.advance(Duration.ofDays(16));

    // THEN its reminders go to the DMs without asking the platform again
    assertThat(remindersTo("alice")).isNotEmpty().allMatch(t -> t.startsWith("⏰ It's been"));
    assertThat(remindersTo("maria")).isNotEmpty();
    assertThat(chat.platform.spacesOpened()).hasSize(2);
    assertThat(refusalNotices()).hasSize(1);

    // WHEN the lead grants the scope and sets the space again, a new refusal is told again
    chat.say("lead", "/nudge program space Spring group");
    chat.say("lead", "/nudge pair @maria @erin Spring");
    assertThat(refusalNotices()).hasSize(2);
  }

  @Test
  @DisplayName("a restart between opening the space and posting uses the stored space")
  void storedSpaceSurvivesRestart() {
    // GIVEN the platform opens the space, but the welcome's post fails (a 502) and the node stops
    groupProgram();
    chat.platform.failPostsToSpaces(1);
    chat.say("lead", "/nudge pair @maria @alice Spring");
    long pair = pairOf("alice");
    assertThat(chat.platform.spacesOpened()).hasSize(1);
    assertThat(chat.platform.postsInSpace("space-" + pair)).isEmpty();
    PairSpaces.Space stored =
        chat.store().inTransaction(tx -> tx.pairSpaces().of(pair)).orElseThrow();
    assertThat(stored)
        .extracting(PairSpaces.Space::state, PairSpaces.Space::conversationId)
        .containsExactly(PairSpaces.State.OPEN, "space-" + pair);

    // WHEN a new node (its own gateway, nothing in memory) delivers after the backoff
    RecordingGateway fresh = new RecordingGateway(Chat.PLATFORM, chat.clock);
    Dispatcher restarted =
        new Dispatcher(chat.store(), chat.clock, List.of(fresh), "node-2", chat.outreach());
    chat.clock.advance(Duration.ofMinutes(1));
    restarted.drain();

    // THEN it posts to the stored space and opens none
    assertThat(fresh.spacesOpened()).isEmpty();
    assertThat(fresh.postsInSpace("space-" + pair)).singleElement().asString().startsWith("👋");
  }

  @Test
  @DisplayName("the gate refuses a space message quoting words only one member may read")
  void gateRuleForSpaces() {
    groupProgram();
    chat.say("lead", "/nudge pair @maria @alice Spring");
    long pair = pairOf("alice");
    long alice = chat.memberId("alice");
    ConversationRef.PairSpace space =
        ConversationRef.PairSpace.of(Chat.PLATFORM, Chat.WORKSPACE, pair);
    Outgoing base = new Outgoing("test:space", space, Message.text("PRIVATE-MARKER"));

    chat.store()
        .inTransaction(
            tx -> {
              PrivacyGate gate = PrivacyGate.of(tx);
              // alice's own unshared advice may reach her DM, never the space maria reads too
              assertThat(
                      gate.refusal(base.quoting(new Quote(Quote.Kind.ADVICE, alice, pair, false))))
                  .get()
                  .asString()
                  .contains("advice by member " + alice)
                  .contains("reads pair " + pair + "'s space");
              assertThat(
                      gate.refusal(
                          base.quoting(new Quote(Quote.Kind.REFLECTION, alice, pair, false))))
                  .isPresent();
              // the pair's win and what she shared with her mentor may
              assertThat(gate.refusal(base.quoting(new Quote(Quote.Kind.WIN, alice, pair, false))))
                  .isEmpty();
              assertThat(
                      gate.refusal(
                          base.quoting(new Quote(Quote.Kind.REFLECTION, alice, pair, true))))
                  .isEmpty();
              return null;
            });
  }

  @Test
  @DisplayName("a reminder in the space leaves out each member's own open advice")
  void agendaInSpaceKeepsAdvicePrivate() {
    groupProgram();
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.say("alice", "/advice PRIVATE-ADVICE ask for reviews earlier");
    chat.say("maria", "/win WIN-MARKER shipped the demo");
    chat.say("alice", "/goals add GOAL-MARKER lead a design review");

    chat.advance(Duration.ofDays(16));

    List<String> reminders =
        chat.platform.postsInSpace("space-" + pairOf("alice")).stream()
            .filter(t -> t.startsWith("⏰"))
            .toList();
    assertThat(reminders).hasSize(2);
    assertThat(reminders)
        .allSatisfy(
            t ->
                assertThat(t)
                    .contains("celebrate: WIN-MARKER")
                    .contains("GOAL-MARKER")
                    .doesNotContain("PRIVATE-ADVICE"));
  }

  @Test
  @DisplayName("after unpairing, nothing more goes to the pair's space")
  void unpairStopsTheSpace() {
    groupProgram();
    chat.platform.failPostsToSpaces(1);
    chat.say("lead", "/nudge pair @maria @alice Spring");
    long pair = pairOf("alice");

    chat.say("lead", "/nudge unpair @maria @alice");
    chat.clock.advance(Duration.ofMinutes(5));
    chat.dispatcher().drain();

    assertThat(chat.platform.postsInSpace("space-" + pair)).isEmpty();
  }

  @Test
  @DisplayName(
      "a space deleted after it opened: the reminder goes to both DMs, and the lead is told")
  void lostSpaceFallsBackToDms() {
    groupProgram();
    chat.say("lead", "/nudge pair @maria @alice Spring");
    assertThat(chat.platform.postsInSpace("space-" + pairOf("alice"))).hasSize(1);

    // WHEN the space is gone by the time the first reminder is due
    chat.platform.loseSpaces("the conversation was deleted");
    chat.advance(Duration.ofDays(16));

    // THEN the reminders reached the members' DMs instead, and the lead was told once
    assertThat(remindersTo("alice"))
        .isNotEmpty()
        .allMatch(t -> t.startsWith("⏰ It's been") || t.startsWith("⏰ alice, it's been"));
    assertThat(remindersTo("maria"))
        .isNotEmpty()
        .anyMatch(t -> t.contains("meant this for your shared space with alice"));
    assertThat(refusalNotices())
        .singleElement()
        .asString()
        .startsWith(
            "I couldn't keep using a shared space for maria and alice in Spring (the conversation"
                + " was deleted): check that the conversation still exists");
    assertThat(chat.platform.spacesOpened()).hasSize(1);
  }

  @Test
  @DisplayName("pairs made by a confirmed import are welcomed in their spaces too")
  void importedPairsGetSpaces() {
    groupProgram();
    chat.say("lead", "/nudge import Spring");
    org.nudge.engine.model.Reply dryRun =
        chat.send(
            new org.nudge.engine.model.Inbound.Upload(
                Chat.user("lead"),
                "spring.csv",
                "mentor,mentee\nmaria,alice\nolga,ben\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null));

    chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));

    assertThat(chat.platform.spacesOpened()).hasSize(2);
    assertThat(chat.platform.postsInSpace("space-" + pairOf("alice")))
        .singleElement()
        .asString()
        .startsWith("👋 Welcome, maria and alice!");
    assertThat(chat.platform.postsInSpace("space-" + pairOf("ben")))
        .singleElement()
        .asString()
        .startsWith("👋 Welcome, olga and ben!");
    assertThat(chat.dmsTo("alice")).isEmpty();
  }
}
