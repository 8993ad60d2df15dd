package org.nudge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * Enrolment and matching, the same on every platform: a lead sets a program's topics and opens
 * enrolment; Alice enrols as a mentee in the form (a modal where the platform has one), Maria as a
 * mentor by typed words; the lead's proposal pairs them and says why, and confirming it welcomes
 * both. Alice's line of hope reaches the lead's proposal and nobody's DM. Handles: {@code lead},
 * {@code maria}, {@code alice}; channel {@code mentoring}.
 */
public final class EnrolmentScenario {

  private EnrolmentScenario() {}

  public static void run(ChatDriver chat) {
    // GIVEN a program with topics, open for enrolment
    chat.command("lead", "/nudge program create Spring #mentoring");
    assertThat(chat.command("lead", "/nudge program topics Spring career growth, public speaking"))
        .contains("Spring's topics are now: career growth, public speaking");
    assertThat(chat.command("lead", "/nudge program enrolment Spring open"))
        .contains("enrolment is open");

    // WHEN Alice enrols as a mentee in the form
    String formReply =
        chat.submitForm(
            "alice",
            "/nudge join Spring mentee",
            Map.of(
                "topics", "public speaking",
                "languages", "en, es",
                "hope", "to present at a conference"));
    // THEN her answers are saved, and she is told only leads see them
    assertThat(formReply)
        .contains("You're enrolled in Spring as a mentee, seeking public speaking")
        .contains("Only program leads and the matching see your answers");

    // WHEN Maria enrols as a mentor by typed words
    assertThat(
            chat.command(
                "maria",
                "/nudge join Spring mentor topics public speaking, career growth; languages es;"
                    + " capacity 2"))
        .contains("You're enrolled in Spring as a mentor, offering public speaking, career growth")
        .contains("up to 2 mentees at once");

    // WHEN the lead asks for a proposal
    String proposal = chat.command("lead", "/nudge match Spring");
    // THEN it pairs them, with the reasons in words, and shows the lead Alice's hope
    assertThat(proposal)
        .containsPattern("(?i)maria mentors alice: both speak Spanish; the topic: public speaking")
        .contains("h of shared daytime")
        .contains("to present at a conference");

    // WHEN the lead confirms
    assertThat(chat.command("lead", "/nudge match Spring confirm")).contains("Made 1 pair");
    // THEN both are welcomed as /nudge pair welcomes them, and the hope is in nobody's DM
    assertThat(chat.dmsTo("alice")).anySatisfy(dm -> assertThat(dm).contains("You drive"));
    assertThat(chat.dmsTo("maria")).anySatisfy(dm -> assertThat(dm).contains("You're mentoring"));
    assertThat(chat.dmsTo("maria")).noneSatisfy(dm -> assertThat(dm).contains("conference"));
    assertThat(chat.channelPosts("mentoring"))
        .noneSatisfy(post -> assertThat(post).contains("conference"));
  }
}
