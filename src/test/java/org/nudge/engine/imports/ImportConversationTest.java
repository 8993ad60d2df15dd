package org.nudge.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Enrolments;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.prompts.Role;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

@DisplayName("A lead imports pairs from a CSV file: dry run, then Confirm")
class ImportConversationTest {

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  private Reply upload(String who, String name, byte[] content) {
    return chat.send(new Inbound.Upload(Chat.user(who), name, content, null));
  }

  private Reply upload(String name, String csv) {
    return upload("lead", name, csv.getBytes(StandardCharsets.UTF_8));
  }

  private List<Pair> pairs() {
    return chat.store()
        .inTransaction(
            tx -> {
              Program spring = tx.programs().byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring").get();
              return tx.pairs().activeIn(spring.id());
            });
  }

  private void startImport() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    assertThat(chat.say("lead", "/nudge import Spring"))
        .startsWith("Send me the CSV file for Spring now");
  }

  @Test
  @DisplayName("a good file is a dry run first; Confirm makes the pairs and welcomes them")
  void goodFile() {
    // GIVEN a program, and the lead starts an import
    startImport();

    // WHEN the lead sends a file with two pairs, columns in another order, a cadence and a phase
    Reply dryRun =
        upload("spring.csv", "mentee,mentor,cadence\nalice,maria,biweekly\n\"@ben\",olga,\n");

    // THEN the dry run says what it would do, with Confirm and Cancel, and nothing changed yet
    assertThat(dryRun.message().text())
        .startsWith("Dry run of spring.csv for Spring: 2 pairs new, 0 already there");
    assertThat(dryRun.message().actions()).hasSize(2);
    assertThat(pairs()).isEmpty();
    assertThat(chat.dmsTo("alice")).isEmpty();

    // WHEN the lead confirms
    Reply done = chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));

    // THEN both pairs exist, with the file's cadence, and all four people were welcomed
    assertThat(done.message().text())
        .isEqualTo("Imported 2 pairs into Spring. I've welcomed them all.");
    assertThat(pairs()).hasSize(2);
    assertThat(pairs())
        .filteredOn(p -> p.cadenceDays() != null)
        .singleElement()
        .satisfies(p -> assertThat(p.cadenceDays()).isEqualTo(14));
    assertThat(chat.dmsTo("alice"))
        .singleElement()
        .asString()
        .contains("You're paired with maria")
        .contains("every 14 days");
    assertThat(chat.dmsTo("ben")).singleElement().asString().contains("You're paired with olga");
    assertThat(chat.dmsTo("olga")).singleElement().asString().contains("You're mentoring ben");

    // AND pressing Confirm again changes nothing
    Reply again = chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));
    assertThat(again.message().text()).contains("already confirmed, cancelled or has expired");
    assertThat(pairs()).hasSize(2);
  }

  @Test
  @DisplayName("a mentee paired by hand between the dry run and Confirm is skipped, never doubled")
  void pairedSinceDryRun() {
    startImport();
    Reply dryRun = upload("spring.csv", "mentor,mentee\nmaria,alice\nolga,ben\n");
    assertThat(dryRun.message().text()).contains("2 pairs new");

    // WHEN Ben gets a mentor by hand before the lead confirms
    assertThat(chat.say("lead", "/nudge pair @ruth @ben Spring")).startsWith("Paired ruth");
    chat.platform.clear();
    Reply done = chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));

    // THEN only Maria and Alice are paired and welcomed; Ben keeps Ruth, and Olga, whose pair
    // wasn't made, is neither welcomed nor stored
    assertThat(done.message().text())
        .isEqualTo("Imported 1 pair into Spring (1 already there). I've welcomed both.");
    assertThat(pairs()).hasSize(2);
    assertThat(chat.dmsTo("alice")).singleElement().asString().contains("paired with maria");
    assertThat(chat.dmsTo("ben")).isEmpty();
    assertThat(chat.dmsTo("olga")).isEmpty();
    java.util.Optional<org.nudge.engine.domain.Member> olga =
        chat.store().inTransaction(tx -> tx.members().find(Chat.user("olga")));
    assertThat(olga).isEmpty();
  }

  @Test
  @DisplayName("importing the same file again changes nothing")
  void reimport() {
    startImport();
    String csv = "mentor;mentee\nmaria;alice\nolga;ben\n";
    Reply dryRun = upload("spring.csv", csv);
    chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));
    chat.platform.clear();

    // WHEN the same file comes again
    chat.say("lead", "/nudge import Spring");
    Reply second = upload("spring.csv", csv);

    // THEN it says every pair is there already, offers nothing to confirm, and sends nothing
    assertThat(second.message().text())
        .isEqualTo(
            "Every pair in spring.csv is already in Spring (2 pairs); nothing to import,"
                + " nothing changed.");
    assertThat(second.message().actions()).isEmpty();
    assertThat(pairs()).hasSize(2);
    assertThat(chat.platform.sent()).isEmpty();
  }

  @Test
  @DisplayName("a file with bad lines names each with its line number and imports nothing")
  void badLines() {
    startImport();
    chat.say("lead", "/nudge pair @ruth @kim Spring");
    chat.say("lead", "/nudge import Spring");

    Reply reply =
        upload(
            "spring.csv",
            String.join(
                "\n",
                "mentor,mentee,cadence,phase",
                "maria,alice,weekly,active",
                "maria,maria,,",
                "olga,ben,sometimes,",
                "",
                "tom,alice,,",
                "ivan,kim,,",
                "a b,carl,,",
                "pat,sam,,later",
                "\"x,y\",z,,,extra",
                ""));

    assertThat(reply.message().text())
        .contains("nothing was imported yet")
        .contains("• line 3: the mentor and the mentee are the same person")
        .contains("• line 4: cadence must be weekly, biweekly or monthly, not 'sometimes'")
        .contains("• line 6: alice already has a mentor on line 2")
        .contains("• line 7: kim already has a mentor in Spring (ruth)")
        .contains("• line 8: I can't find anyone called a b here")
        .contains("• line 9: phase must be kickoff, active, waiting or wrap-up, not 'later'")
        .contains("• line 10: 5 fields, but the header names 4 columns");
    assertThat(reply.message().actions()).isEmpty();
    assertThat(pairs()).hasSize(1);

    // AND the lead can send a corrected file straight away
    Reply fixed = upload("spring.csv", "mentor,mentee\nmaria,alice\n");
    assertThat(fixed.message().text()).startsWith("Dry run of spring.csv for Spring: 1 pair new");
  }

  @Test
  @DisplayName("Cancel drops the dry run, and an expired one can't be confirmed")
  void cancelAndExpiry() {
    startImport();
    Reply dryRun = upload("a.csv", "mentor,mentee\nmaria,alice\n");
    assertThat(
            chat.press("lead", "import:cancel", Chat.button(dryRun.message(), "Cancel"))
                .message()
                .text())
        .isEqualTo("Import cancelled; nothing was changed.");
    assertThat(pairs()).isEmpty();

    chat.say("lead", "/nudge import Spring");
    Reply later = upload("a.csv", "mentor,mentee\nmaria,alice\n");
    chat.clock.advance(Duration.ofDays(2));
    assertThat(
            chat.press("lead", "import:confirm", Chat.button(later.message(), "Confirm"))
                .message()
                .text())
        .contains("has expired");
    assertThat(pairs()).isEmpty();
  }

  @Test
  @DisplayName("someone else's Confirm button does nothing")
  void othersCannotConfirm() {
    startImport();
    Reply dryRun = upload("a.csv", "mentor,mentee\nmaria,alice\n");
    Reply forged = chat.press("alice", "import:confirm", Chat.button(dryRun.message(), "Confirm"));
    assertThat(forged.message().text()).contains("nothing changed");
    assertThat(pairs()).isEmpty();
  }

  @Test
  @DisplayName("files that can't be read get one sentence each, and nothing is imported")
  void unreadableFiles() {
    startImport();
    assertThat(upload("lead", "a.csv", new byte[0]).message().text())
        .startsWith("The file is empty");
    assertThat(
            upload(
                    "lead",
                    "latin1.csv",
                    "mentor,mentee\nJos\u00e9,Ana\n".getBytes(StandardCharsets.ISO_8859_1))
                .message()
                .text())
        .startsWith("The file isn't UTF-8 text");
    assertThat(
            upload("lead", "sheet.xlsx", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}).message().text())
        .startsWith("That is a zip file (an Excel or Numbers workbook is one), not a CSV file");
    assertThat(upload("photo.png", "hello world\nthis is a letter").message().text())
        .startsWith("I don't know the column \"hello world\"");
    assertThat(upload("a.csv", "mentor,mentee,email\nmaria,alice,m@x\n").message().text())
        .startsWith("I don't know the column \"email\"");
    assertThat(upload("a.csv", "mentor,mentee\n\"maria,alice\n").message().text())
        .startsWith("The file isn't valid CSV near line");
    assertThat(upload("lead", "big.csv", new byte[RosterFile.MAX_BYTES + 1]).message().text())
        .startsWith("The file is 5.0 MB; I read CSV files of up to 5 MB");
    StringBuilder tooMany = new StringBuilder("mentor,mentee\n");
    for (int i = 0; i <= RosterFile.MAX_ROWS; i++) {
      tooMany.append("m").append(i).append(",e").append(i).append('\n');
    }
    assertThat(upload("many.csv", tooMany.toString()).message().text())
        .startsWith("The file has more than 10,000 rows under the header");
    assertThat(pairs()).isEmpty();

    // AND a UTF-8 file with a byte order mark reads fine
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "mentor,mentee\nmaria,alice\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, withBom, 0, bom.length);
    System.arraycopy(body, 0, withBom, bom.length, body.length);
    assertThat(upload("lead", "bom.csv", withBom).message().text())
        .startsWith("Dry run of bom.csv for Spring: 1 pair new");
  }

  @Test
  @DisplayName("a file nobody asked for, or from a member, is not read")
  void unexpectedFiles() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    assertThat(upload("a.csv", "mentor,mentee\nmaria,alice\n").message().text())
        .startsWith("I wasn't expecting a file from you");
    assertThat(chat.say("alice", "/nudge import Spring")).contains("for program leads");
    assertThat(
            upload(
                    "alice",
                    "a.csv",
                    "mentor,mentee\nmaria,alice\n".getBytes(StandardCharsets.UTF_8))
                .message()
                .text())
        .startsWith("I wasn't expecting a file from you");
    assertThat(chat.say("lead", "/nudge import Autumn"))
        .startsWith("There's no program called Autumn");
    assertThat(pairs()).isEmpty();
  }

  @Test
  @DisplayName("a 10,000-line file is read, planned and confirmed in one go")
  void tenThousandLines() {
    startImport();
    StringBuilder csv = new StringBuilder("mentor,mentee\n");
    for (int i = 0; i < RosterFile.MAX_ROWS; i++) {
      csv.append("mentor").append(i).append(",mentee").append(i).append('\n');
    }
    Reply dryRun = upload("big.csv", csv.toString());
    assertThat(dryRun.message().text())
        .startsWith("Dry run of big.csv for Spring: 10,000 pairs new, 0 already there");
    Reply done =
        chat.engine()
            .handle(
                new Inbound.ActionInvoked(
                    Chat.user("lead"), "import:confirm", Chat.button(dryRun.message(), "Confirm")));
    assertThat(done.message().text()).startsWith("Imported 10,000 pairs into Spring.");
    assertThat(pairs()).hasSize(10_000);
  }

  @Test
  @DisplayName("a roster without pairs enrols people for matching, checked as /nudge join checks")
  void roster() {
    startImport();
    Reply bad =
        upload(
            "people.csv",
            "member,role,languages,capacity,topics\n"
                + "maria,mentor,\"en, es\",2,\n"
                + "alice,mentee,en,,\n"
                + "bob,coach,en,,\n"
                + "carl,mentee,,,\n"
                + "alice,mentee,en,,\n");
    assertThat(bad.message().text())
        .contains("nothing was imported yet")
        .contains("• line 4: the role is mentor or mentee, not 'coach'")
        .contains("• line 5: tell me 1 to 5 languages")
        .contains("• line 6: alice is already enrolled on line 3");
    assertThat(enrolled()).isZero();

    Reply dryRun =
        upload(
            "people.csv",
            "member;role;languages;capacity\nmaria;mentor;en, es;2\nalice;mentee;Spanish;\n");
    assertThat(dryRun.message().text())
        .startsWith(
            "Dry run of people.csv for Spring: 0 pairs new, 2 people enrolled for matching");
    Reply done = chat.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));
    assertThat(done.message().text())
        .isEqualTo(
            "Enrolled 2 people in Spring for matching; `/nudge match Spring` proposes pairs.");
    assertThat(enrolled()).isEqualTo(2);

    chat.say("lead", "/nudge import Spring");
    assertThat(
            upload(
                    "people.csv",
                    "member;role;languages;capacity\nmaria;mentor;en, es;2\nalice;mentee;es;\n")
                .message()
                .text())
        .startsWith("Everyone in people.csv is already enrolled in Spring");
  }

  @Test
  @DisplayName("a roster that changes someone's enrolment keeps the hope they wrote themselves")
  void rosterKeepsHope() {
    startImport();
    Reply first = upload("people.csv", "member;role;languages;capacity\nalice;mentee;en;\n");
    chat.press("lead", "import:confirm", Chat.button(first.message(), "Confirm"));
    chat.store()
        .inTransaction(
            tx -> {
              long program =
                  tx.programs().byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring").get().id();
              Enrolments.Answers was = tx.enrolments().in(program).get(0).answers();
              return tx.enrolments()
                  .enrol(
                      new Enrolments.Answers(
                          program,
                          was.memberId(),
                          was.role(),
                          was.topics(),
                          was.languages(),
                          was.capacity(),
                          "to lead a team"),
                      chat.clock.instant());
            });

    chat.say("lead", "/nudge import Spring");
    Reply second = upload("people.csv", "member;role;languages;capacity\nalice;mentor;en, es;2\n");
    assertThat(second.message().text())
        .startsWith("Dry run of people.csv for Spring: 0 pairs new, 1 person enrolled");
    chat.press("lead", "import:confirm", Chat.button(second.message(), "Confirm"));

    Enrolments.Answers now =
        chat.store()
            .inTransaction(
                tx ->
                    tx.enrolments()
                        .in(
                            tx.programs()
                                .byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring")
                                .get()
                                .id())
                        .get(0)
                        .answers());
    assertThat(now.role()).isEqualTo(Role.MENTOR);
    assertThat(now.capacity()).isEqualTo(2);
    assertThat(now.hope()).isEqualTo("to lead a team");
  }

  @Test
  @DisplayName("a configured admin first met in an imported file is stored as a lead")
  void adminImportedIsLead() {
    try (Chat admins =
        new Chat(TestDatabases.h2Memory(), Set.of(Chat.user("lead"), Chat.user("olga")))) {
      admins.say("lead", "/nudge program create Spring #mentoring");
      admins.say("lead", "/nudge import Spring");
      Reply dryRun =
          admins.send(
              new Inbound.Upload(
                  Chat.user("lead"),
                  "pairs.csv",
                  "mentor,mentee\nolga,alice\n".getBytes(StandardCharsets.UTF_8),
                  null));
      admins.press("lead", "import:confirm", Chat.button(dryRun.message(), "Confirm"));

      Member olga = admins.store().inTransaction(tx -> tx.members().find(Chat.user("olga"))).get();
      Member alice =
          admins.store().inTransaction(tx -> tx.members().find(Chat.user("alice"))).get();
      assertThat(olga.lead()).isTrue();
      assertThat(alice.lead()).isFalse();
    }
  }

  private int enrolled() {
    return chat.store()
        .inTransaction(
            tx ->
                tx.enrolments()
                    .in(tx.programs().byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring").get().id())
                    .size());
  }

  @Test
  @DisplayName(
      "Discord's way: the command comes with its file, and a refused command stays refused")
  void commandWithFile() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    byte[] csv = "mentor,mentee\nmaria,alice\n".getBytes(StandardCharsets.UTF_8);
    Reply reply =
        chat.send(
            new Inbound.Upload(
                Chat.user("lead"),
                "a.csv",
                csv,
                new Inbound.Command(Chat.user("lead"), "nudge", "import Spring", null)));
    assertThat(reply.message().text()).startsWith("Dry run of a.csv for Spring: 1 pair new");

    Reply refused =
        chat.send(
            new Inbound.Upload(
                Chat.user("alice"),
                "a.csv",
                csv,
                new Inbound.Command(Chat.user("alice"), "nudge", "import Spring", null)));
    assertThat(refused.message().text()).contains("for program leads");
  }
}
