package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.LEAD;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;
import static org.nudge.adapter.discord.DiscordHarness.opts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discord: a lead imports pairs with /nudge import and the command's file option")
class DiscordImportTest {

  private DiscordHarness nudge;

  @BeforeEach
  void start() throws Exception {
    nudge = new DiscordHarness();
    nudge.createSpring();
  }

  @AfterEach
  void stop() throws Exception {
    nudge.close();
  }

  /** {@code /nudge import Spring} with {@code content} attached; the interaction's id. */
  private String importing(String name, byte[] content) {
    return nudge.slash(
        LEAD,
        "nudge",
        null,
        "import",
        opts("program", "Spring", "file", nudge.file(name, content)));
  }

  private String importing(String name, String csv) {
    return importing(name, csv.getBytes(StandardCharsets.UTF_8));
  }

  /** The body the lead saw first for an interaction (the reply, or the deferred edit). */
  private JsonNode shown(String id) throws InterruptedException {
    String token = "token-" + id;
    List<FakeDiscord.Call> calls =
        nudge.discord.await(
            c ->
                c.path().startsWith("interactions/" + id + "/")
                        && c.body().path("type").asInt() == 4
                    || c.path().startsWith("webhooks/" + FakeDiscord.APP_ID + "/" + token),
            1,
            java.time.Duration.ofSeconds(60));
    JsonNode body = calls.get(0).body();
    return body.has("data") ? body.get("data") : body;
  }

  private static String button(JsonNode message, String label) {
    for (JsonNode row : message.path("components")) {
      for (JsonNode component : row.path("components")) {
        if (component.path("label").asText().startsWith(label)) {
          return component.path("custom_id").asText();
        }
      }
    }
    throw new AssertionError("No button " + label + " in " + message);
  }

  @Test
  @DisplayName("the file option is declared as an ATTACHMENT (type 11) in the command table")
  void attachmentOption() throws Exception {
    JsonNode registered =
        nudge.discord.await("PUT", "applications/\\d+(/guilds/\\d+)?/commands", 1).get(0).body();
    JsonNode importSub = null;
    for (JsonNode command : registered) {
      for (JsonNode sub : command.path("options")) {
        if (sub.path("name").asText().equals("import")) {
          importSub = sub;
        }
      }
    }
    assertThat(importSub).isNotNull();
    assertThat(importSub.path("options").get(1).path("name").asText()).isEqualTo("file");
    assertThat(importSub.path("options").get(1).path("type").asInt()).isEqualTo(11);
  }

  @Test
  @DisplayName("a good file: downloaded, people found by id and username, Confirm makes the pairs")
  void goodFile() throws Exception {
    String id =
        importing("pairs.csv", "mentor,mentee\n" + MARIA + "," + ALICE + "\nlee_lead,sam\n");
    JsonNode dryRun = shown(id);

    assertThat(dryRun.path("content").asText())
        .contains("Dry run of pairs.csv for Spring: 2 pairs new, 0 already there");
    assertThat(nudge.discord.calls("GET", "attachments/.*")).hasSize(1);
    assertThat(nudge.discord.calls("GET", "guilds/\\d+/members/search")).isNotEmpty();

    // WHEN the lead presses Confirm
    String confirm = nudge.button(LEAD, button(dryRun, "Confirm"), true);
    assertThat(nudge.replyText(confirm))
        .isEqualTo("Imported 2 pairs into Spring. I've welcomed them all.");
    nudge.dispatcher.drain();

    // THEN the mentees are welcomed in their DMs, by the names Discord has
    assertThat(nudge.dmTexts(ALICE))
        .singleElement()
        .asString()
        .contains("You're paired with Maria");
    assertThat(nudge.dmTexts(DiscordHarness.SAM))
        .singleElement()
        .asString()
        .contains("You're paired with Lee Lead");

    // AND the same file again changes nothing
    String again =
        importing("pairs.csv", "mentor,mentee\n" + MARIA + "," + ALICE + "\nlee_lead,sam\n");
    assertThat(shown(again).path("content").asText())
        .contains("Every pair in pairs.csv is already in Spring (2 pairs)");
  }

  @Test
  @DisplayName("bad lines, a wrong encoding and a non-CSV file each get their sentences")
  void badFiles() throws Exception {
    assertThat(
            shown(importing("pairs.csv", "mentor,mentee\n" + MARIA + ",nobody_here\n"))
                .path("content")
                .asText())
        .contains("nothing was imported yet")
        .contains("line 2: I can't find anyone called nobody_here");
    assertThat(
            shown(
                    importing(
                        "pairs.csv",
                        "mentor,mentee\nJos\u00e9,Ana\n".getBytes(StandardCharsets.ISO_8859_1)))
                .path("content")
                .asText())
        .contains("The file isn't UTF-8 text");
    assertThat(
            shown(importing("book.xlsx", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0}))
                .path("content")
                .asText())
        .contains("That is a zip file");
    assertThat(nudge.outbox()).isEmpty();
  }

  @Test
  @DisplayName(
      "a 10,000-line file by username and id: the server's members listed once, Confirm, welcomes")
  void tenThousandLines() throws Exception {
    // GIVEN a server of 20,000 members, named in the file by username (mentors) and id (mentees)
    StringBuilder csv = new StringBuilder("mentor,mentee\n");
    for (int i = 0; i < 10_000; i++) {
      String mentor = String.valueOf(500_000_000_000_000_000L + i);
      String mentee = String.valueOf(600_000_000_000_000_000L + i);
      nudge.discord.knowUser(mentor, "Mentor " + i);
      nudge.discord.knowUser(mentee, "Mentee " + i);
      csv.append("mentor_").append(i).append(',').append(mentee).append('\n');
    }

    // WHEN the lead imports the file
    JsonNode dryRun = shown(importing("big.csv", csv.toString()));

    // THEN the dry run counts every pair, from a few pages of members rather than a call a name
    assertThat(dryRun.path("content").asText())
        .contains("Dry run of big.csv for Spring: 10,000 pairs new, 0 already there");
    assertThat(nudge.discord.calls("GET", "guilds/\\d+/members"))
        .hasSizeBetween(20, 22)
        .allSatisfy(c -> assertThat(c.method()).isEqualTo("GET"));
    assertThat(nudge.discord.calls("GET", "guilds/\\d+/members/search")).isEmpty();
    assertThat(nudge.discord.calls("GET", "users/6\\d+")).isEmpty();

    // WHEN the lead confirms
    String confirm = nudge.button(LEAD, button(dryRun, "Confirm"), true);

    // THEN the pairs are made and 20,000 welcomes wait in the outbox
    assertThat(shown(confirm).path("content").asText())
        .isEqualTo("Imported 10,000 pairs into Spring. I've welcomed them all.");
    Map<String, String> outbox = nudge.outbox();
    assertThat(outbox.keySet()).filteredOn(k -> k.matches("pair:\\d+:welcome:.*")).hasSize(20_000);
    List<org.nudge.engine.domain.Member> mentee =
        nudge.store.inTransaction(
            tx -> tx.members().findByUserId(DiscordAdapter.PLATFORM, "600000000000009999"));
    assertThat(mentee)
        .singleElement()
        .satisfies(m -> assertThat(m.displayName()).isEqualTo("Mentee 9999"));

    // AND a first few reach the mentees' and mentors' DMs
    nudge.dispatcher.dispatchDue(10);
    assertThat(
            nudge.discord.calls("POST", "channels/9\\d+/messages").stream()
                .map(c -> c.body().path("content").asText())
                .filter(t -> t.startsWith("👋 You're"))
                .count())
        .isEqualTo(10);
  }

  @Test
  @DisplayName("without the Server Members intent, a file of many names is searched name by name")
  void listingRefused() throws Exception {
    // GIVEN a server that refuses to list its members (the app lacks the privileged intent)
    nudge.discord.failNext(
        "GET", "guilds/\\d+/members", 403, "{\"message\":\"Missing Access\",\"code\":50001}");
    StringBuilder csv = new StringBuilder("mentor,mentee\n");
    for (int i = 0; i < DiscordDirectory.FEW; i++) {
      nudge.discord.knowUser(String.valueOf(700_000_000_000_000_000L + i), "Tutor " + i);
      nudge.discord.knowUser(String.valueOf(800_000_000_000_000_000L + i), "Pupil " + i);
      csv.append("tutor_").append(i).append(",pupil_").append(i).append('\n');
    }

    // WHEN the lead imports a file naming more people than are searched one by one
    JsonNode dryRun = shown(importing("pairs.csv", csv.toString()));

    // THEN each name was searched instead, and every pair is found
    assertThat(dryRun.path("content").asText())
        .contains("Dry run of pairs.csv for Spring: 20 pairs new, 0 already there");
    assertThat(nudge.discord.calls("GET", "guilds/\\d+/members")).hasSize(1);
    assertThat(nudge.discord.calls("GET", "guilds/\\d+/members/search")).hasSize(40);
  }

  @Test
  @DisplayName("a member's import is refused, file or not")
  void membersCannotImport() throws Exception {
    String id =
        nudge.slash(
            ALICE,
            "nudge",
            null,
            "import",
            opts(
                "program",
                "Spring",
                "file",
                nudge.file("a.csv", "mentor,mentee\n1,2\n".getBytes(StandardCharsets.UTF_8))));
    assertThat(shown(id).path("content").asText()).contains("for program leads");
  }
}
