package org.nudge.engine.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

@DisplayName("A digest's two audiences: members celebrate in the channel, leads see pairs at risk")
class DigestAudiencesTest {

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  /** The leads' part of digests delivered to {@code who}'s DM, as text. */
  private List<String> leadsDigestsTo(String who) {
    return chat.platform.sent().stream()
        .filter(s -> s.to() instanceof ConversationRef.Direct d && d.user().userId().equals(who))
        .map(Sent::message)
        .map(Message::text)
        .filter(t -> t.startsWith("*🔒"))
        .toList();
  }

  @Test
  @DisplayName(
      "the program's channel names no pair at risk and says nothing of health, unanswered prompts,"
          + " one-sided pairs or diverging feedback; each lead's DM gets all of it")
  void channelCelebratesLeadsSeeRisks() {
    // GIVEN two pairs: maria & alice never meet, leave prompts unanswered and rate apart
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice");
    chat.say("lead", "/nudge pair @olga @bob");
    feedback("alice", 5);
    feedback("maria", 1);
    chat.advance(Duration.ofDays(25));
    // ...and bob does everything in his pair
    for (int i = 1; i <= 5; i++) {
      chat.say("bob", "/win step " + i);
    }
    chat.advance(Duration.ofDays(5));

    // WHEN the lead also sends the digest now
    chat.say("lead", "/nudge digest now");

    // THEN every digest in the program's channel celebrates and names no one
    List<String> channel =
        chat.postsIn("mentoring").stream().filter(t -> t.startsWith("*📊")).toList();
    assertThat(channel).hasSizeGreaterThanOrEqualTo(5);
    for (String post : channel) {
      assertThat(post)
          .contains("*Participation*")
          .doesNotContain("maria")
          .doesNotContain("alice")
          .doesNotContain("olga")
          .doesNotContain("bob")
          .doesNotContain("unanswered")
          .doesNotContain("one-sided")
          .doesNotContain("diverge")
          .doesNotContain("overdue")
          .doesNotContain("needs a word")
          .doesNotContain("Pairs at risk")
          .doesNotContain("Feedback");
    }
    // AND the lead got the pairs at risk, with their reasons, in a DM
    assertThat(leadsDigestsTo("lead").get(leadsDigestsTo("lead").size() - 1))
        .startsWith("*🔒 Spring, for leads only: weekly digest so far")
        .contains("⚠️ maria & alice: check-in overdue")
        .contains("alice left the last 3 prompts unanswered")
        .contains("mentee and mentor feedback diverge")
        .contains("⚠️ olga & bob:")
        .contains("one-sided: bob did 5 of the pair's")
        .contains("needs a word");
    // AND no member got any of it
    for (String member : List.of("maria", "alice", "olga", "bob")) {
      assertThat(chat.dmsTo(member)).noneMatch(t -> t.contains("📊") || t.contains("🔒"));
    }
  }

  @Test
  @DisplayName(
      "a leads' channel, set by name or by mention, gets the leads' part instead of their DMs;"
          + " `none` sends it to their DMs again")
  void leadsChannel() {
    chat.withPair();

    assertThat(chat.say("lead", "/nudge program leads-channel Spring #mentoring-leads"))
        .isEqualTo(
            "Spring's pairs at risk, health and feedback figures now go to <#mentoring-leads>."
                + " Keep that channel to leads: what it gets names pairs that need a word.");
    chat.advance(Duration.ofDays(7));
    assertThat(chat.postsIn("mentoring-leads"))
        .singleElement()
        .asString()
        .startsWith("*🔒 Spring, for leads only: weekly digest, Mon 2 Mar to Mon 9 Mar*")
        .contains("*Pairs at risk*");
    assertThat(chat.postsIn("mentoring")).singleElement().asString().startsWith("*📊");
    assertThat(leadsDigestsTo("lead")).isEmpty();

    // by mention, as Slack and Discord send a channel
    assertThat(chat.say("lead", "/nudge program leads-channel Spring <#C0LEADS|mentoring-leads>"))
        .startsWith("Spring's pairs at risk, health and feedback figures now go to <#C0LEADS>.");
    assertThat(chat.say("lead", "/nudge digest now"))
        .isEqualTo(
            "Posted Spring's digest to <#mentoring>, and its pairs at risk and health to"
                + " <#C0LEADS>.");
    assertThat(chat.postsIn("C0LEADS")).singleElement().asString().startsWith("*🔒 Spring");
    assertThat(chat.say("lead", "/nudge program list"))
        .contains("*Spring* in <#mentoring>, 1 pair, leads' digest in <#C0LEADS>");

    assertThat(chat.say("lead", "/nudge program leads-channel Spring none"))
        .isEqualTo("Spring's pairs at risk, health and feedback figures now go to each lead's DM.");
    chat.say("lead", "/nudge digest now");
    assertThat(chat.postsIn("C0LEADS")).hasSize(1);
    assertThat(leadsDigestsTo("lead")).hasSize(1);
  }

  @Test
  @DisplayName(
      "without a leads' channel, every lead gets the leads' part by DM: configured and appointed")
  void eachLeadsDm() {
    chat.withPair();
    chat.say("lead", "/nudge lead @olga");

    chat.advance(Duration.ofDays(7));

    assertThat(leadsDigestsTo("lead")).hasSize(1);
    assertThat(leadsDigestsTo("olga")).hasSize(1);
    assertThat(leadsDigestsTo("maria")).isEmpty();
    assertThat(leadsDigestsTo("alice")).isEmpty();
  }

  @Test
  @DisplayName(
      "setting the leads' channel: leads only, a channel is needed, and never the program's own")
  void leadsChannelRefusals() {
    chat.withPair();

    assertThat(chat.say("alice", "/nudge program leads-channel Spring #mine"))
        .startsWith("`/nudge program` is for program leads; ask a lead if you need it done.");
    assertThat(chat.say("lead", "/nudge program leads-channel Spring"))
        .startsWith("Name the program and a channel only leads are in, like `/nudge program");
    assertThat(chat.say("lead", "/nudge program leads-channel Spring #mentoring"))
        .startsWith(
            "<#mentoring> is where Spring's members celebrate, so pairs at risk can't go there;");
    assertThat(chat.say("lead", "/nudge program leads-channel Autumn #leads"))
        .startsWith("There's no program called Autumn");
    assertThat(chat.say("lead", "/nudge program list")).doesNotContain("leads' digest");

    chat.say("lead", "/nudge program leads-channel Spring #leads");
    assertThat(chat.say("lead", "/nudge program channel Spring #leads"))
        .startsWith("<#leads> is Spring's leads' channel, for pairs at risk;");
    assertThat(chat.platform.sent()).isEmpty();
  }

  @Test
  @DisplayName("a lead's preview shows both parts, the leads' sections marked as theirs alone")
  void previewMarksLeadsSections() {
    chat.withPair();

    Message preview = chat.reply("lead", "/nudge digest preview").message();

    assertThat(preview.sections())
        .extracting(Message.Section::heading)
        .containsExactly(
            "Participation",
            "Highlights",
            "Volunteers to mentor",
            "🔒 Pair health (leads only)",
            "🔒 Feedback (twelve weeks) (leads only)",
            "🔒 Pairs at risk (leads only)");
    assertThat(chat.platform.sent()).isEmpty();
  }

  private void feedback(String who, int rating) {
    chat.advance(Duration.ofMinutes(1), Duration.ofMinutes(1));
    var asked = chat.reply(who, "/feedback");
    chat.press(who, "feedback:rate", Chat.button(asked.message(), "" + rating));
    var share = chat.reply(who, "a comment");
    chat.press(who, "feedback:private", Chat.button(share.message(), "Keep private"));
  }
}
