package org.nudge.engine.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;
import org.nudge.testing.TestDatabases;

@DisplayName("Weekly digests for program leads")
class DigestTest {

  /** Monday 9 March 2026, 09:00 UTC: the first digest of a program created on Monday 2 March. */
  static final Instant FIRST_DIGEST = Instant.parse("2026-03-09T09:00:00Z");

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  private void until(Instant when) {
    chat.advance(Duration.between(chat.clock.instant(), when));
  }

  private List<Sent> posts(String channel) {
    return chat.platform.sent().stream()
        .filter(s -> s.to() instanceof ConversationRef.Channel c && c.channelId().equals(channel))
        .filter(s -> s.message().text().startsWith("*📊"))
        .toList();
  }

  /** The leads' part of digests delivered to {@code who}'s DM. */
  private List<Sent> leadsDigestsTo(String who) {
    return chat.platform.sent().stream()
        .filter(s -> s.to() instanceof ConversationRef.Direct d && d.user().userId().equals(who))
        .filter(s -> s.message().text().startsWith("*🔒"))
        .toList();
  }

  private String preview() {
    return chat.say("lead", "/nudge digest preview");
  }

  @Test
  @DisplayName(
      "goes out on Monday at 09:00, once a week, however often the sweep runs: the celebration to"
          + " the program's channel, pair health and risks to the leads")
  void scheduled() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice");
    chat.say("alice", "/win shipped the parser --share");

    chat.advance(Duration.ofDays(7).plusHours(2), Duration.ofMinutes(5));

    List<Sent> digests = posts("mentoring");
    assertThat(digests).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(FIRST_DIGEST));
    Message digest = digests.get(0).message();
    assertThat(digest.title()).isEqualTo("📊 Spring: weekly digest, Mon 2 Mar to Mon 9 Mar");
    assertThat(digest.sections())
        .extracting(Message.Section::heading)
        .containsExactly("Participation", "Highlights", "Volunteers to mentor");
    assertThat(digest.text()).contains("🌟 alice: shipped the parser");
    assertThat(leadsDigestsTo("lead"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.at()).isEqualTo(FIRST_DIGEST);
              assertThat(s.message().title())
                  .isEqualTo("🔒 Spring, for leads only: weekly digest, Mon 2 Mar to Mon 9 Mar");
              assertThat(s.message().sections())
                  .extracting(Message.Section::heading)
                  .containsExactly("Pair health", "Feedback (twelve weeks)", "Pairs at risk");
            });

    chat.advance(Duration.ofDays(7));
    assertThat(posts("mentoring")).hasSize(2);
    assertThat(leadsDigestsTo("lead")).hasSize(2);
  }

  @Test
  @DisplayName(
      "a program without a channel gets nothing posted, its leads still get their part, and its"
          + " lead can preview")
  void noChannel() {
    chat.say("lead", "/nudge program create Quiet");
    chat.say("lead", "/nudge pair @maria @alice Quiet");

    chat.advance(Duration.ofDays(8));

    assertThat(chat.platform.sent()).noneMatch(s -> s.to() instanceof ConversationRef.Channel);
    assertThat(leadsDigestsTo("lead")).hasSize(1);
    assertThat(chat.say("lead", "/nudge digest now"))
        .isEqualTo(
            "Quiet has no channel to post to, so I sent only its pairs at risk and health to each"
                + " lead's DM; set a channel with `/nudge program channel Quiet #channel`.");
    assertThat(leadsDigestsTo("lead")).hasSize(2);
    assertThat(preview()).startsWith("*📊 Quiet: weekly digest").contains("1 active pair");

    chat.say("lead", "/nudge program create Empty");
    assertThat(chat.say("lead", "/nudge digest now Empty"))
        .startsWith("Empty has no channel to post to; set one with");
  }

  @Test
  @DisplayName("the lead sets the program's day, hour and zone; the digest keeps local time")
  void ownDayAndHour() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    assertThat(chat.say("lead", "/nudge program digest Spring friday 17 Europe/Berlin"))
        .isEqualTo(
            "Spring's digest now goes out on Fridays at 17:00 Europe/Berlin; the next one is on"
                + " Fri 6 Mar 17:00 Europe/Berlin.");
    assertThat(chat.say("lead", "/nudge program digest Spring someday 30"))
        .startsWith("The day is a weekday");

    chat.advance(Duration.ofDays(5));
    assertThat(posts("mentoring"))
        .singleElement()
        .satisfies(s -> assertThat(s.at()).isEqualTo(Instant.parse("2026-03-06T16:00:00Z")));
    // after the clocks go forward in Berlin (29 March) it is still 17:00 there, 15:00 UTC
    chat.advance(Duration.ofDays(28));
    assertThat(posts("mentoring").get(4).at()).isEqualTo(Instant.parse("2026-04-03T15:00:00Z"));
  }

  @Test
  @DisplayName("/nudge digest now posts to the channel at once; non-leads can't ask for it")
  void onDemand() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice");

    assertThat(chat.say("lead", "/nudge digest now"))
        .isEqualTo(
            "Posted Spring's digest to <#mentoring>, and its pairs at risk and health to each"
                + " lead's DM.");
    assertThat(posts("mentoring")).hasSize(1);
    assertThat(leadsDigestsTo("lead")).hasSize(1);
    assertThat(chat.say("alice", "/nudge digest now"))
        .startsWith("`/nudge digest` is for program leads");
    assertThat(chat.say("lead", "/nudge digest now Autumn"))
        .startsWith("There's no program called Autumn");
  }

  @Test
  @DisplayName("an empty program says so and how to pair people")
  void emptyProgram() {
    chat.say("lead", "/nudge program create Spring #mentoring");

    String digest = preview();

    assertThat(digest)
        .isEqualTo(
            "*📊 Spring: weekly digest so far, since Mon 23 Feb 09:00 UTC*\n\n*Participation*\n"
                + "No active pairs yet. Pair people with `/nudge pair @mentor @mentee Spring`.");
  }

  @Test
  @DisplayName(
      "a single pair: prompts and response rate with the change from last week, check-ins, wins")
  void singlePairWeekOnWeek() {
    chat.withPair(); // Monday 2 March 09:00
    until(Instant.parse("2026-03-06T15:30:00Z"));
    answerReflection("alice");
    chat.say("alice", "/win first demo");
    until(Instant.parse("2026-03-13T15:30:00Z"));
    answerReflection("alice");
    answerReflection("maria");
    chat.say("alice", "/win second demo --share");
    chat.say("maria", "/win unblocked alice");
    chat.say("alice", "/win merged the refactor");
    chat.say("alice", "/checkin planned the next milestone");
    until(Instant.parse("2026-03-16T09:00:00Z"));

    String digest = posts("mentoring").get(1).message().text();

    assertThat(digest)
        .startsWith("*📊 Spring: weekly digest, Mon 9 Mar to Mon 16 Mar*")
        .contains("• 1 active pair\n")
        .contains("• Prompts: 2 sent (same as last week), 100% answered (↑ 50 points on last week)")
        .contains("• Check-ins: 1 of 1 pair due met")
        .contains("• Wins: 3 logged (↑ 2 on last week)")
        .contains("🌟 alice: second demo")
        .doesNotContain("merged the refactor") // not shared
        .contains("• Advice followed through: no outcomes reported this week")
        .doesNotContain("thriving")
        .doesNotContain("Pairs at risk");
    assertThat(leadsDigestsTo("lead").get(1).message().text())
        .startsWith("*🔒 Spring, for leads only: weekly digest, Mon 9 Mar to Mon 16 Mar*")
        .contains("• 1 thriving, 0 steady, 0 needs a word")
        .contains("*Pairs at risk*\nNone this week.")
        .doesNotContain("second demo");
    // Asked for on the Monday morning, the digest still starts with the week that just ended.
    assertThat(preview())
        .startsWith("*📊 Spring: weekly digest so far, since Mon 9 Mar 09:00 UTC*")
        .contains("• Wins: 3 logged so far (1 last week)");
  }

  @Test
  @DisplayName("asked for later in the week, the digest is the week so far beside last week")
  void weekSoFar() {
    chat.withPair(); // Monday 2 March 09:00
    chat.say("alice", "/win first demo");
    chat.say("maria", "/win helped alice");
    until(Instant.parse("2026-03-11T15:30:00Z")); // Wednesday of the second week
    chat.say("alice", "/win second demo --share");
    chat.say("alice", "/checkin planned the next milestone");

    String digest = preview();

    assertThat(digest)
        .startsWith("*📊 Spring: weekly digest so far, since Mon 9 Mar 09:00 UTC*")
        .contains("• Wins: 1 logged so far (2 last week)")
        .contains("• Check-ins: 0 of 0 pairs due met, and 1 pair met ahead of time")
        .contains("🌟 alice: second demo");
    // the week so far runs to the very moment the lead asked
    chat.say("maria", "/win paired on the parser");
    assertThat(preview()).contains("• Wins: 2 logged so far (2 last week)");
  }

  @Test
  @DisplayName("advice followed through counts outcomes reported in the week")
  void adviceFollowedThrough() {
    chat.withPair();
    chat.say("alice", "/advice ask for reviews earlier");
    chat.say("alice", "/advice read the design book");
    until(Instant.parse("2026-03-09T10:00:00Z"));
    List<Message> followUps =
        chat.platform.sentTo("alice").stream()
            .map(Sent::message)
            .filter(m -> m.text().startsWith("🌱"))
            .toList();
    assertThat(followUps).hasSize(2);
    chat.press("alice", "advice:tried", Chat.button(followUps.get(0), "Yes"));
    chat.say("alice", "reviews came back sooner");
    chat.press("alice", "advice:not-for-me", Chat.button(followUps.get(1), "Not for me"));

    assertThat(preview()).contains("• Advice followed through: 1 tried of 2 reported on");
  }

  @Test
  @DisplayName(
      "feedback per role: a figure only from whole weeks and 3 answers by 3 people, never one"
          + " person's")
  void feedbackThreshold() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice");
    chat.say("lead", "/nudge pair @olga @bob");
    chat.say("lead", "/nudge pair @pete @cara");

    feedback("alice", 4, "good sessions");
    feedback("alice", 5, "even better");
    feedback("alice", 3, "a quieter week");
    until(Instant.parse("2026-03-10T09:00:00Z"));
    assertThat(preview())
        .contains(
            "• Mentees on the mentoring: not enough answers yet (a figure needs 3 answers from 3"
                + " people in whole weeks)");

    feedback("bob", 5, "helpful");
    feedback("cara", 3, "fine");
    // three people now, but their week is still under way
    assertThat(preview()).contains("Mentees on the mentoring: not enough answers yet");

    until(Instant.parse("2026-03-16T10:00:00Z"));
    assertThat(preview())
        .contains(
            "• Mentees on the mentoring: about 4 / 5 (5 answers in the twelve weeks to Mon 16"
                + " Mar)")
        .contains("• Mentors on the sessions: not enough answers yet");
  }

  @Test
  @DisplayName("pairs at risk: overdue check-in and unanswered prompts, named with their reasons")
  void overdueAndUnanswered() {
    chat.withPair();
    chat.advance(Duration.ofDays(30));

    String digest = preview();

    assertThat(digest)
        .contains(
            "⚠️ maria & alice: check-in overdue: paired 30 days ago and never met (cadence 14"
                + " days)")
        .contains("alice left the last 3 prompts unanswered")
        .contains("maria left the last 3 prompts unanswered")
        .contains("0 thriving, 0 steady, 1 needs a word");
  }

  @Test
  @DisplayName("a check-in within one cadence of being due is not yet a risk")
  void overdueThreshold() {
    chat.withPair();
    chat.advance(Duration.ofDays(27));
    assertThat(preview()).doesNotContain("check-in overdue");
    chat.advance(Duration.ofDays(2));
    assertThat(preview()).contains("check-in overdue: paired 29 days ago");
  }

  @Test
  @DisplayName("pairs at risk: one-sided engagement")
  void oneSided() {
    chat.withPair();
    for (int i = 1; i <= 4; i++) {
      chat.say("alice", "/win step " + i);
    }
    assertThat(preview()).doesNotContain("one-sided"); // 4 things: too few to judge
    chat.say("alice", "/checkin talked it through");

    assertThat(preview())
        .contains(
            "one-sided: alice did 5 of the pair's 5 answers, wins, advice and check-ins in four"
                + " weeks");
    chat.say("maria", "/win helped alice");
    assertThat(preview()).doesNotContain("one-sided");
  }

  @Test
  @DisplayName("pairs at risk: direct messages failing")
  void dmsFailing() {
    chat.withPair();
    chat.platform.closeDirectMessages("maria");
    chat.say("alice", "/win told maria");

    assertThat(preview())
        .contains(
            "⚠️ maria & alice: my direct messages to maria are failing (1 message in two weeks)");
  }

  @Test
  @DisplayName("pairs at risk: diverging feedback names the pair, never the ratings")
  void divergingFeedback() {
    chat.withPair();
    feedback("alice", 4, "great");
    feedback("maria", 3, "ok");
    chat.advance(Duration.ofDays(7));
    assertThat(preview()).doesNotContain("diverge");

    feedback("maria", 1, "hard going");
    // flagged from whole weeks only, so not while the week of the answer is under way
    assertThat(preview()).doesNotContain("diverge");
    chat.advance(Duration.ofDays(7));

    String digest = preview();
    assertThat(digest)
        .contains(
            "⚠️ maria & alice: mentee and mentor feedback diverge: worth a conversation with each");
    // the last section: the pairs at risk, with no rating
    String risks = digest.substring(digest.indexOf("*🔒 Pairs at risk (leads only)*"));
    assertThat(risks).doesNotContainPattern("[1-5] ?/ ?5|rat");
  }

  @Test
  @DisplayName("members who volunteered to mentor are listed until they mentor someone")
  void volunteers() {
    chat.withPair();
    chat.say("lead", "/nudge phase @maria @alice wrap-up");
    Message invitation = chat.lastDmTo("alice");
    chat.press("alice", "wrapup:volunteer", Chat.button(invitation, "I'd like to mentor"));

    assertThat(preview()).contains("*Volunteers to mentor*\n🙋 alice (since Mon 2 Mar)");

    chat.say("lead", "/nudge pair @alice @dan");
    assertThat(preview()).contains("*Volunteers to mentor*\nNo one is waiting to mentor.");
  }

  @Test
  @DisplayName(
      "a long week is summarised: at most 15 pairs at risk and 10 highlights, shortened at a word")
  void summarised() {
    chat.say("lead", "/nudge program create Big #mentoring");
    for (int i = 0; i < 20; i++) {
      chat.say("lead", "/nudge pair @mentor" + i + " @mentee" + i);
    }
    chat.advance(Duration.ofDays(30), Duration.ofHours(6));
    for (int i = 0; i < 12; i++) {
      chat.say("mentee" + i, "/win " + "wonderful ".repeat(40) + "end --share");
    }

    String digest = preview();

    assertThat(digest.lines().filter(l -> l.startsWith("⚠️"))).hasSize(15);
    assertThat(digest).contains("…and 5 more pairs; `/nudge export program Big` lists them all.");
    assertThat(digest.lines().filter(l -> l.startsWith("🌟")))
        .hasSize(10)
        .allSatisfy(
            l ->
                assertThat(l)
                    .endsWith("wonderful…")
                    .hasSizeLessThanOrEqualTo("🌟 menteeNN: ".length() + 200));
    assertThat(digest).contains("…and 2 more shared wins");
  }

  @Test
  @DisplayName("the same digest on PostgreSQL")
  void onPostgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        Chat pg = new Chat(schema.database())) {
      pg.say("lead", "/nudge program create Spring #mentoring");
      pg.say("lead", "/nudge pair @maria @alice");
      pg.say("alice", "/win shipped it --share");
      pg.say("alice", "/checkin first chat");
      pg.advance(Duration.ofDays(7).plusHours(1));

      assertThat(pg.postsIn("mentoring"))
          .anySatisfy(
              post ->
                  assertThat(post)
                      .contains("• 1 active pair (1 new this week)")
                      .contains("• Prompts: 2 sent")
                      .contains("• Wins: 1 logged")
                      .contains("🌟 alice: shipped it"));
      assertThat(pg.say("lead", "/nudge health @alice")).contains("Score ");
      assertThat(pg.say("lead", "/nudge export program Spring")).startsWith("I've sent you");
    }
  }

  private void answerReflection(String who) {
    Message prompt = chat.lastDmTo(who);
    assertThat(prompt.text()).startsWith("🪞");
    chat.say(who, "it went well");
    var share = chat.reply(who, "try pairing");
    chat.press(who, "reflect:private", Chat.button(share.message(), "Keep private"));
  }

  private void feedback(String who, int rating, String comment) {
    chat.advance(Duration.ofMinutes(1), Duration.ofMinutes(1));
    var asked = chat.reply(who, "/feedback");
    var rated = chat.press(who, "feedback:rate", Chat.button(asked.message(), "" + rating));
    assertThat(rated.message().text()).startsWith("Thanks, " + rating);
    var share = chat.reply(who, comment);
    chat.press(who, "feedback:private", Chat.button(share.message(), "Keep private"));
  }
}
