package org.nudge.engine.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Enrolments.Enrolment;
import org.nudge.engine.domain.Enrolments.Proposed;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway;

@DisplayName("People enrol in chat and a lead matches them, with reasons, swaps and confirm")
class EnrolmentAndMatchingTest {

  private Chat chat;

  @BeforeEach
  void springIsOpen() {
    chat = new Chat();
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge program topics Spring career growth, public speaking, testing");
    chat.say("lead", "/nudge program enrolment Spring open");
    for (String who : List.of("ana", "bo", "maria", "ken")) {
      chat.say(
          who, "/nudge prefs timezone " + (who.equals("ken") ? "Asia/Tokyo" : "Europe/Madrid"));
    }
    chat.platform.clear();
  }

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a mentee enrols by typed words and by the form, and joining again edits")
  void enrolByWordsAndForm() {
    // WHEN ana types her answers
    String typed =
        chat.say(
            "ana",
            "/nudge join Spring mentee topics public speaking, Career Growth; languages en, es;"
                + " hope to speak up in meetings");
    // THEN they are saved, in the program's spelling, and she is told who sees them
    assertThat(typed)
        .contains("You're enrolled in Spring as a mentee, seeking public speaking, career growth")
        .contains("you speak English and Spanish")
        .contains("Europe/Madrid")
        .contains("Only program leads and the matching see your answers");

    // WHEN bo asks for the form, as a mentor
    Reply reply = chat.reply("bo", "/nudge join Spring mentor");
    Form form = reply.form();
    // THEN it asks for topics from the list, languages, capacity and the line only leads see
    assertThat(form.fields())
        .extracting(Form.Field::id)
        .containsExactly("topics", "languages", "capacity", "hope");
    assertThat(form.fields().get(0).label()).contains("career growth, public speaking, testing");
    assertThat(form.fields().get(3).label()).contains("only leads see it");
    // AND submitting it saves the answers
    Reply saved =
        chat.send(
            new Inbound.FormSubmitted(
                Chat.user("bo"),
                form.id(),
                Map.of("topics", "testing", "languages", "Spanish", "capacity", "2", "hope", "")));
    assertThat(RecordingGateway.shown(saved.message().text()))
        .contains("as a mentor, offering testing; you speak Spanish; up to 2 mentees at once");

    // WHEN bo joins again: the form shows what he said, and saving edits it
    Form again = chat.reply("bo", "/nudge join Spring mentor").form();
    assertThat(again.fields().get(2).initial()).isEqualTo("2");
    assertThat(chat.say("bo", "/nudge join Spring mentor topics testing; languages es; capacity 3"))
        .startsWith("Updated:");
    assertThat(enrolment("bo").answers().capacity()).isEqualTo(3);

    // AND leaving deletes the answers
    assertThat(chat.say("bo", "/nudge leave Spring")).contains("your answers are deleted");
    assertThat(chat.say("bo", "/nudge leave Spring")).startsWith("You aren't enrolled in Spring");
  }

  @Test
  @DisplayName("bad enrolment answers get one sentence and the text back, and save nothing")
  void badAnswers() {
    assertThat(chat.say("ana", "/nudge join Spring mentee topics knitting; languages en"))
        .startsWith("“knitting” isn't one of the program's topics; choose from career growth")
        .contains("knitting");
    assertThat(chat.say("ana", "/nudge join Spring mentee topics testing; languages klingonese"))
        .startsWith("I don't know the language “klingonese”");
    assertThat(
            chat.say("maria", "/nudge join Spring mentor topics testing; languages en; capacity 9"))
        .startsWith("A mentor takes 1 to 5 mentees at once");
    assertThat(
            chat.say("ana", "/nudge join Spring mentee topics testing; languages en; capacity 2"))
        .startsWith("Only mentors give a capacity");
    assertThat(chat.say("ana", "/nudge join Spring mentee favourite colour blue"))
        .startsWith("Type the answers as topics, languages and hope");
    assertThat(chat.say("ana", "/nudge join Autumn mentee"))
        .startsWith("There's no program called Autumn");
    assertThat(chat.say("ana", "/nudge join Spring"))
        .startsWith("Name the program, then mentor or mentee");
    assertThat(
            chat.say(
                "ana",
                "/nudge join Spring mentee topics testing; languages en; hope " + "x".repeat(600)))
        .startsWith("That line of what you hope for is 600 characters");
    // A form with a forged id expires; a closed program refuses
    Reply forged =
        chat.send(new Inbound.FormSubmitted(Chat.user("ana"), "enrol:join:999:mentee", Map.of()));
    assertThat(forged.message().text()).isEqualTo("That form has expired; nothing was saved.");
    chat.say("lead", "/nudge program enrolment Spring closed");
    assertThat(chat.say("ana", "/nudge join Spring mentee"))
        .startsWith("Spring isn't taking enrolments now");
    assertThat(enrolments()).isEmpty();
  }

  @Test
  @DisplayName(
      "the proposal explains each pair and each unmatched mentee, and never shows hopes"
          + " to a partner")
  void proposeConfirm() {
    chat.say(
        "ana",
        "/nudge join Spring mentee topics public speaking, career growth, testing; languages es, en; hope to speak up more");
    chat.say("bo", "/nudge join Spring mentee topics testing; languages es");
    chat.say("cy", "/nudge join Spring mentee topics testing; languages pt");
    chat.say(
        "maria",
        "/nudge join Spring mentor topics career growth, public speaking, testing; languages es, en; capacity 1");
    chat.say("ken", "/nudge join Spring mentor topics public speaking; languages en; capacity 1");
    chat.say("dora", "/nudge join Spring mentor topics testing; languages pt; capacity 1");
    chat.say("dora", "/nudge prefs timezone America/Sao_Paulo");
    chat.say("lead", "/nudge unpair @dora @cy");

    // WHEN a non-lead tries, and then the lead asks for a proposal
    assertThat(chat.say("ana", "/nudge match Spring")).contains("is for program leads");
    String proposal = chat.say("lead", "/nudge match Spring");

    // THEN greedy would give ana maria and leave bo alone; the optimum pairs both, with reasons
    assertThat(proposal)
        .contains("3 pairs")
        .contains(
            "ken mentors ana: both speak English; 1 of 3 topics: public speaking; 4 h of shared daytime")
        .contains(
            "maria mentors bo: both speak Spanish; the topic: testing; 12 h of shared daytime")
        .contains(
            "dora mentors cy: both speak Portuguese; the topic: testing; 9 h of shared daytime");
    // AND the lead sees what ana hopes for
    assertThat(proposal)
        .contains("What they hope for (leads only)")
        .contains("ana: to speak up more");

    // WHEN the lead confirms
    String confirmed = chat.say("lead", "/nudge match Spring confirm");

    // THEN the pairs are made as /nudge pair makes them, with welcomes, and no hope in them
    assertThat(confirmed).startsWith("Made 3 pairs in Spring");
    assertThat(chat.dmsTo("ana"))
        .anyMatch(dm -> dm.contains("You're paired with ken as your mentor"));
    assertThat(chat.dmsTo("ken")).anyMatch(dm -> dm.contains("You're mentoring ana"));
    assertThat(chat.platform.sent()).noneMatch(s -> s.message().text().contains("speak up more"));
    assertThat(chat.say("lead", "/nudge program list")).contains("maria mentors bo");
    assertThat(chat.say("lead", "/nudge match Spring preview"))
        .startsWith("There's no proposal for Spring yet");

    // AND re-matching after a pair ended never proposes the same two again
    chat.say("lead", "/nudge unpair @maria @bo");
    String again = chat.say("lead", "/nudge match Spring");
    assertThat(again)
        .doesNotContain("maria mentors bo")
        .contains("bo: every mentor with room who speaks Spanish was paired with them before");
  }

  @Test
  @DisplayName("unmatched mentees are listed with why")
  void unmatchedReasons() {
    chat.say("ana", "/nudge join Spring mentee topics testing; languages pt");
    chat.say("bo", "/nudge join Spring mentee topics testing; languages ja");
    chat.say("cy", "/nudge join Spring mentee topics testing; languages en");
    chat.say("dan", "/nudge join Spring mentee topics testing; languages en");
    chat.say("maria", "/nudge join Spring mentor topics testing; languages pt, en; capacity 1");
    chat.say("ken", "/nudge join Spring mentor topics testing; languages pt; capacity 1");
    // ken is already mentoring someone in Spring: no room left
    chat.say("lead", "/nudge pair @ken @eve Spring");

    String proposal = chat.say("lead", "/nudge match Spring");

    assertThat(proposal)
        .contains("1 pair")
        .contains("bo: no mentor speaks Japanese")
        .containsAnyOf(
            "ana: the one mentor who could take them, maria, is full",
            "cy: the one mentor who could take them, maria, is full");
    // Only one of the English and Portuguese speakers gets maria: maria can take one
    assertThat(proposal.lines().filter(l -> l.contains("maria mentors"))).hasSize(1);

    // WHEN maria leaves the pool, the Portuguese speaker has no mentor with capacity
    chat.say("lead", "/nudge match Spring exclude @maria");
    assertThat(chat.say("lead", "/nudge match Spring preview"))
        .contains("ana: no mentor with capacity speaks Portuguese")
        .contains("Left out by you")
        .contains("maria");
  }

  @Test
  @DisplayName(
      "a big proposal shows its first pairs in chat and comes whole as a CSV file in the lead's"
          + " DM")
  void bigProposalAsFile() {
    for (int i = 0; i < 30; i++) {
      chat.say("mentor" + i, "/nudge join Spring mentor topics testing; languages en; capacity 1");
      chat.say("mentee" + i, "/nudge join Spring mentee topics testing; languages en");
    }
    chat.say("mentee29", "/nudge leave Spring");
    chat.say("mentee30", "/nudge join Spring mentee topics testing; languages ja");
    chat.say(
        "mentor0",
        "/nudge join Spring mentor topics testing; languages en; capacity 1;"
            + " hope =HYPERLINK(\"x\") someone curious");

    String proposal = chat.say("lead", "/nudge match Spring");

    // THEN the reply counts all 29 pairs and shows 25 of them, saying where the rest are
    assertThat(proposal)
        .contains("29 pairs")
        .contains("… and 4 more, all in match-spring.csv.")
        .contains("mentee30: no mentor speaks Japanese");
    assertThat(proposal.lines().filter(l -> l.contains(" mentors mentee"))).hasSize(25);
    // AND the lead's DM has the whole proposal, every pair and the unmatched mentee with why
    Message dm = chat.lastDmTo("lead");
    assertThat(dm.text()).contains("The whole proposal for Spring").contains("match-spring.csv");
    Message.Attachment file = dm.attachments().get(0);
    assertThat(file.fileName()).isEqualTo("match-spring.csv");
    assertThat(file.contentType()).isEqualTo("text/csv");
    List<String> rows = file.content().lines().toList();
    assertThat(rows.get(0)).isEqualTo("status,mentor,mentee,why,mentor hopes for,mentee hopes for");
    assertThat(rows).hasSize(1 + 29 + 1);
    assertThat(rows.stream().filter(r -> r.startsWith("pair,"))).hasSize(29);
    assertThat(rows)
        .anySatisfy(r -> assertThat(r).startsWith("pair,\"mentor").contains("both speak English"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .isEqualTo(
                        "not matched,\"\",\"mentee30\",\"no mentor speaks Japanese\",\"\",\"\""))
        // a hope is the member's own words: a spreadsheet must not run it as a formula
        .anySatisfy(r -> assertThat(r).contains("\"'=HYPERLINK(\"\"x\"\") someone curious\""));
  }

  @Test
  @DisplayName("a lead swaps and excludes; re-solving keeps the swap, and bad steps are refused")
  void swapAndExclude() {
    chat.say("ana", "/nudge join Spring mentee topics career growth; languages es, en");
    chat.say("bo", "/nudge join Spring mentee topics testing; languages es, en");
    chat.say("maria", "/nudge join Spring mentor topics career growth; languages es; capacity 1");
    chat.say("ken", "/nudge join Spring mentor topics testing; languages en; capacity 1");
    chat.say("lead", "/nudge match Spring");

    String swapped = chat.say("lead", "/nudge match Spring swap @ana @ken");
    assertThat(swapped)
        .contains("Swapped: ana is now with ken")
        .contains("ken mentors ana")
        .contains("(your swap)")
        .contains("maria mentors bo");

    // Refusals, each one sentence with the text back
    assertThat(chat.say("lead", "/nudge match Spring swap @maria @ana"))
        .startsWith("The first person must be a mentee enrolled in Spring");
    assertThat(chat.say("lead", "/nudge match Spring swap @ana"))
        .startsWith("Mention the mentee, then the mentor");
    assertThat(chat.say("lead", "/nudge match Spring shuffle"))
        .startsWith("After the program's name");
    assertThat(chat.say("lead", "/nudge match Autumn"))
        .startsWith("There's no program called Autumn");
    chat.say("zed", "/nudge join Spring mentee topics testing; languages ja");
    assertThat(chat.say("lead", "/nudge match Spring swap @zed @ken"))
        .startsWith("zed and ken have no language in common");

    // WHEN the lead excludes bo, the swap stays and maria has no one
    String excluded = chat.say("lead", "/nudge match Spring exclude @bo");
    assertThat(excluded)
        .contains("Left out bo")
        .contains("ken mentors ana")
        .doesNotContain("maria mentors");

    // AND confirm makes exactly the pair shown
    assertThat(chat.say("lead", "/nudge match Spring confirm"))
        .startsWith("Made 1 pair")
        .contains("ken mentors ana");
  }

  @Test
  @DisplayName("an invitation posts Join buttons, and a button opens the form")
  void invite() {
    assertThat(chat.say("lead", "/nudge program invite Spring")).startsWith("Invitation posted");
    var post = chat.platform.sent().get(chat.platform.sent().size() - 1).message();
    assertThat(post.text()).contains("Spring is matching mentors and mentees");
    Reply opened = chat.press("ana", EnrolFlow.JOIN, Chat.button(post, "Join as a mentee"));
    assertThat(opened.form().id())
        .isEqualTo(EnrolForm.id(program().id(), org.nudge.engine.prompts.Role.MENTEE));
    // A forged value expires
    assertThat(chat.press("ana", EnrolFlow.JOIN, "999:mentee").message().text())
        .isEqualTo("That button has expired; nothing was changed.");
  }

  @Test
  @DisplayName("forget-me erases enrolment answers, and export includes them")
  void forgetMe() {
    chat.say("ana", "/nudge join Spring mentee topics testing; languages en; hope to ship more");
    chat.say("lead", "/nudge match Spring");
    Reply export = chat.reply("ana", "/nudge export");
    String exported =
        export.message().text()
            + chat.platform.sent().stream()
                .flatMap(s -> s.message().attachments().stream())
                .map(a -> a.content())
                .toList();
    assertThat(exported).contains("to ship more");

    chat.say("ana", "/nudge forget-me confirm");

    assertThat(enrolments()).isEmpty();
    assertThat(proposal()).isEmpty();
  }

  private Program program() {
    Optional<Program> program =
        chat.store()
            .inTransaction(tx -> tx.programs().byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring"));
    return program.orElseThrow();
  }

  private List<Enrolment> enrolments() {
    long id = program().id();
    return chat.store().inTransaction(tx -> tx.enrolments().in(id));
  }

  private List<Proposed> proposal() {
    long id = program().id();
    return chat.store().inTransaction(tx -> tx.enrolments().proposal(id));
  }

  private Enrolment enrolment(String who) {
    long id = program().id();
    Optional<Enrolment> found =
        chat.store()
            .inTransaction(
                tx -> {
                  Member m = tx.members().find(Chat.user(who)).orElseThrow();
                  return tx.enrolments().find(id, m.id());
                });
    return found.orElseThrow();
  }
}
