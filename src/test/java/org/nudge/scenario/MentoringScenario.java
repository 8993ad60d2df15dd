package org.nudge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first week of a mentoring program, the same on every platform: a lead creates a program with
 * a channel and pairs Maria (mentor) with Alice (mentee); both are welcomed; Alice logs a win and
 * shares it; Maria is told, and the channel celebrates it; Maria thanks Alice and shares that too;
 * the lead posts the week's digest, which highlights the shared win in the channel and tells only
 * the lead about pair health. Handles: {@code lead}, {@code maria}, {@code alice}; channel {@code
 * mentoring}. The lead must be a program lead from the start.
 */
public final class MentoringScenario {

  private MentoringScenario() {}

  public static void run(ChatDriver chat) {
    // GIVEN a lead creates a program that posts to #mentoring
    assertThat(chat.command("lead", "/nudge program create Spring #mentoring"))
        .contains("Program Spring created");

    // WHEN the lead pairs Maria as mentor with Alice as mentee
    assertThat(chat.command("lead", "/nudge pair @maria @alice Spring"))
        .contains("Paired")
        .contains("(mentor)")
        .contains("(mentee)");
    // THEN both are welcomed in their DMs, the mentee reminded she drives
    assertThat(chat.dmsTo("alice")).anySatisfy(dm -> assertThat(dm).contains("You drive"));
    assertThat(chat.dmsTo("maria")).anySatisfy(dm -> assertThat(dm).contains("You're mentoring"));

    // WHEN Alice logs a win and shares it
    assertThat(chat.command("alice", "/win shipped the parser #backend --share"))
        .contains("Win logged")
        .contains("#backend");
    // THEN Maria is told in her DM
    assertThat(chat.dmsTo("maria"))
        .anySatisfy(dm -> assertThat(dm).contains("logged a win: shipped the parser #backend"));
    // AND the program channel celebrates it
    assertThat(chat.channelPosts("mentoring"))
        .anySatisfy(post -> assertThat(post).contains("shared a win: shipped the parser"));
    // AND the win didn't go to anyone else's DM
    assertThat(chat.dmsTo("lead")).noneSatisfy(dm -> assertThat(dm).contains("shipped the parser"));

    // WHEN Maria thanks Alice for something specific, and shares it
    assertThat(chat.command("maria", "/thanks @alice for the clear write-up --share"))
        .contains("passed it on to")
        .contains("Shared with Spring");
    // THEN Alice gets it in her DM, and the channel celebrates it
    assertThat(chat.dmsTo("alice"))
        .anySatisfy(dm -> assertThat(dm).contains("thanks you: for the clear write-up"));
    assertThat(chat.channelPosts("mentoring"))
        .anySatisfy(post -> assertThat(post).containsPattern("thanks (?i:alice): for the clear"));

    // WHEN the lead posts the week's digest
    assertThat(chat.command("lead", "/nudge digest now")).contains("Posted Spring's digest");
    // THEN the channel got it, with the shared win among its highlights
    assertThat(chat.channelPosts("mentoring"))
        .anySatisfy(
            post ->
                assertThat(post)
                    .contains("Spring: weekly digest")
                    .contains("1 active pair")
                    .contains("Appreciation: 1 thank-you")
                    .containsPattern("🌟 (?i:alice): shipped the parser"));
    // AND pair health and pairs at risk went only to the lead, in their DM
    assertThat(chat.channelPosts("mentoring"))
        .noneSatisfy(post -> assertThat(post).contains("Pairs at risk"));
    assertThat(chat.dmsTo("lead"))
        .anySatisfy(
            dm -> assertThat(dm).contains("Spring, for leads only").contains("Pairs at risk"));
  }
}
