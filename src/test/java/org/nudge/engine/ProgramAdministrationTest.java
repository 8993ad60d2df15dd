package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;

@DisplayName("Program leads administering programs and pairs")
class ProgramAdministrationTest {

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a lead creates a program, pairs two people, and both are welcomed")
  void createAndPair() {
    assertThat(chat.say("lead", "/nudge program create Spring #mentoring"))
        .contains("Program Spring created")
        .contains("<#mentoring>");

    String reply = chat.say("lead", "/nudge pair @maria @alice");

    assertThat(reply)
        .isEqualTo("Paired maria (mentor) with alice (mentee) in Spring. I've welcomed them both.");
    assertThat(chat.dmsTo("alice"))
        .singleElement()
        .asString()
        .contains("paired with maria as your mentor")
        .contains("You drive");
    assertThat(chat.dmsTo("maria")).singleElement().asString().contains("You're mentoring alice");
    assertThat(chat.say("lead", "/nudge program list"))
        .contains("*Spring* in <#mentoring>, 1 pair")
        .contains("maria mentors alice");
  }

  @Test
  @DisplayName("a member who is not a lead can't pair people, and hears why")
  void wrongRole() {
    chat.say("lead", "/nudge program create Spring");

    String reply = chat.say("alice", "/nudge pair @alice @bob");

    assertThat(reply)
        .startsWith("`/nudge pair` is for program leads")
        .endsWith("You typed: /nudge pair <@alice> <@bob>");
    assertThat(chat.platform.sent()).isEmpty();
  }

  @Test
  @DisplayName("pairing a mentee who already has a mentor in the program is refused")
  void pairTwice() {
    chat.withPair();

    String reply = chat.say("lead", "/nudge pair @olga @alice Spring");

    assertThat(reply)
        .contains("alice already has a mentor in Spring (maria)")
        .contains("/nudge unpair");
    assertThat(chat.platform.sent()).isEmpty();
  }

  @Test
  @DisplayName("the same person can't be both mentor and mentee of one pair")
  void selfPair() {
    chat.say("lead", "/nudge program create Spring");

    assertThat(chat.say("lead", "/nudge pair @alice @alice"))
        .startsWith("A mentor and a mentee are two different people");
  }

  @Test
  @DisplayName("pairing without mentions, or with an unknown program, says what to type")
  void badPairInput() {
    chat.say("lead", "/nudge program create Spring");
    chat.say("lead", "/nudge program create Autumn");

    assertThat(chat.say("lead", "/nudge pair maria alice"))
        .startsWith("Mention the mentor first and then the mentee");
    assertThat(chat.say("lead", "/nudge pair @maria @alice Winter"))
        .startsWith("There's no program called Winter");
    assertThat(chat.say("lead", "/nudge pair @maria @alice"))
        .startsWith("There are 2 programs; add the program's name at the end.");
  }

  @Test
  @DisplayName("pairing before any program exists points to program create")
  void pairWithoutProgram() {
    assertThat(chat.say("lead", "/nudge pair @maria @alice"))
        .startsWith("There's no program yet; create one first");
  }

  @Test
  @DisplayName("program names are unique per workspace, whatever their case")
  void duplicateProgram() {
    chat.say("lead", "/nudge program create Spring");

    assertThat(chat.say("lead", "/nudge program create spring"))
        .startsWith("There's already a program called spring");
  }

  @Test
  @DisplayName("a lead ends a pair; both hear it and the mentee can be paired again")
  void unpair() {
    chat.withPair();

    assertThat(chat.say("lead", "/nudge unpair @maria @alice"))
        .isEqualTo("Ended the pair of maria and alice. I've let them know.");
    assertThat(chat.dmsTo("alice")).singleElement().asString().contains("has ended");
    assertThat(chat.dmsTo("maria")).singleElement().asString().contains("has ended");
    assertThat(chat.say("lead", "/nudge pair @olga @alice Spring")).startsWith("Paired olga");
  }

  @Test
  @DisplayName(
      "after unpair, what a member logged stays theirs: their goals are in /goals and their export")
  void goalsAfterUnpair() {
    // GIVEN a pair with a plan, one goal from each, one done
    chat.withPair();
    chat.say("alice", "/goals add lead a design review");
    chat.say("alice", "/goals add pair on hard bugs");
    chat.say("maria", "/goals add introduce alice to the SRE team");
    chat.say("alice", "/goals done 1");

    // WHEN a lead ends the pair
    assertThat(chat.say("lead", "/nudge unpair @maria @alice")).startsWith("Ended the pair");
    assertThat(chat.dmsTo("alice")).last().asString().contains("what you logged stays yours");

    // THEN alice still reads and exports the goals she wrote, and maria hers
    assertThat(chat.say("alice", "/goals"))
        .isEqualTo(
            "You're not in a pair right now; the goals you added in past pairs stay yours:\n"
                + "• ✅ lead a design review\n"
                + "• pair on hard bugs");
    assertThat(chat.say("alice", "/nudge export csv"))
        .contains("goal,2026-03-02T09:00:00Z,\"lead a design review\",\"goal 1 | done\",")
        .contains("\"pair on hard bugs\"")
        .doesNotContain("SRE team");
    assertThat(chat.say("maria", "/goals")).contains("• introduce alice to the SRE team");
    // AND adding one still needs a pair
    assertThat(chat.say("alice", "/goals add more")).startsWith("Goals belong to a pair");
    assertThat(chat.say("olga", "/goals")).startsWith("Goals belong to a pair");
  }

  @Test
  @DisplayName("unpairing people who aren't a pair is refused")
  void unpairUnknown() {
    chat.withPair();

    assertThat(chat.say("lead", "/nudge unpair @alice @maria"))
        .startsWith("Those two aren't an active pair");
    assertThat(chat.say("lead", "/nudge unpair @ghost @alice"))
        .startsWith("Those two aren't an active pair");
  }

  @Test
  @DisplayName("pair, unpair and phase all want @mentor @mentee first, and say so otherwise")
  void mentorAndMenteeFirst() {
    chat.withPair();

    // WHEN the lead leaves out a mention, or adds words a command doesn't take
    // THEN each command says how to name the pair, and nothing changed
    assertThat(chat.say("lead", "/nudge pair maria @alice"))
        .startsWith("Mention the mentor first and then the mentee");
    assertThat(chat.say("lead", "/nudge unpair @maria"))
        .startsWith("Mention the mentor and the mentee, like `/nudge unpair");
    assertThat(chat.say("lead", "/nudge unpair @maria @alice now"))
        .startsWith("Mention the mentor and the mentee, like `/nudge unpair");
    assertThat(chat.say("lead", "/nudge phase @maria @alice"))
        .startsWith("Mention the mentor and the mentee, then the phase");
    assertThat(chat.say("lead", "/nudge phase @maria @alice wrap up"))
        .startsWith("Mention the mentor and the mentee, then the phase");
    assertThat(chat.say("lead", "/nudge phase @alice @maria waiting"))
        .startsWith("Those two aren't an active pair");
    assertThat(chat.say("lead", "/nudge program list")).contains("maria mentors alice");

    // AND the pair named the right way round is found
    assertThat(chat.say("lead", "/nudge phase @maria @alice waiting"))
        .isEqualTo("maria and alice are now in the waiting phase.");
  }

  @Test
  @DisplayName("a lead appoints another lead, who can then administer")
  void appointLead() {
    assertThat(chat.say("sam", "/nudge program create Mine")).contains("is for program leads");

    assertThat(chat.say("lead", "/nudge lead @sam")).isEqualTo("sam is now a program lead.");

    assertThat(chat.say("sam", "/nudge program create Mine")).startsWith("Program Mine created");
    assertThat(chat.say("lead", "/nudge lead @sam")).isEqualTo("sam is already a program lead.");
  }

  @Test
  @DisplayName("a program's channel can be set later, and shared wins then go there")
  void setChannelLater() {
    chat.say("lead", "/nudge program create Spring");
    chat.say("lead", "/nudge pair @maria @alice");

    assertThat(chat.say("lead", "/nudge program channel Spring #wins"))
        .isEqualTo("Spring now posts to <#wins>.");
    chat.say("alice", "/win demoed it --share");

    assertThat(chat.postsIn("wins")).hasSize(1);
  }
}
