package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Slack: a lead imports pairs by sharing a CSV file in Nudge's DM")
class SlackImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger EVENTS = new AtomicInteger();
  private static final String LEAD_DM = "D" + SlackTestbed.LEAD;

  private SlackTestbed slack;

  @BeforeEach
  void start() {
    slack = new SlackTestbed();
    slack.slack.user("UOLGA", "Olga", "Europe/Paris", "olga@example.org");
    slack.slack.user("UBEN", "Ben", "Europe/London", "ben@example.org");
    slack.shownTo(SlackTestbed.LEAD, "/nudge", "program create Spring <#C0PROGRAM|mentoring>");
    assertThat(slack.shownTo(SlackTestbed.LEAD, "/nudge", "import Spring"))
        .startsWith("Send me the CSV file for Spring now");
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  /** The lead shares {@code content} in the DM; returns what Nudge answers there. */
  private FakeSlackApi.Call share(String name, byte[] content) {
    String fileId = "F" + EVENTS.incrementAndGet();
    slack.slack.file(fileId, name, content);
    int before = posted();
    assertThat(slack.event(fileShare("Ev0IMPORT" + fileId, fileId, name), null).statusCode())
        .isEqualTo(200);
    slack.slack.await("chat.postMessage", c -> posted() > before, java.time.Duration.ofSeconds(60));
    return slack.slack.calls("chat.postMessage").stream()
        .filter(c -> LEAD_DM.equals(c.params().get("channel")))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private FakeSlackApi.Call share(String name, String csv) {
    return share(name, csv.getBytes(StandardCharsets.UTF_8));
  }

  private int posted() {
    return (int)
        slack.slack.calls("chat.postMessage").stream()
            .filter(c -> LEAD_DM.equals(c.params().get("channel")))
            .count();
  }

  @Test
  @DisplayName("a good file: files.info, a download with the bot token, e-mails looked up, Confirm")
  void goodFile() throws Exception {
    FakeSlackApi.Call dryRun =
        share("pairs.csv", "mentor,mentee\nolga@example.org,ben@example.org\nUMARIA,UALICE\n");

    assertThat(dryRun.shownText("blocks"))
        .contains("Dry run of pairs.csv for Spring: 2 pairs new, 0 already there");
    assertThat(slack.slack.calls("files.info")).isNotEmpty();
    assertThat(slack.slack.calls("file_download"))
        .singleElement()
        .satisfies(
            c -> assertThat(c.authorization()).isEqualTo("Bearer " + FakeSlackApi.BOT_TOKEN));
    assertThat(slack.slack.calls("users.lookupByEmail")).hasSize(2);
    assertThat(slack.member("UBEN")).isEmpty();

    // WHEN the lead presses Confirm
    slack.click(SlackTestbed.LEAD, "import:confirm", buttonValue(dryRun, "import:confirm"));

    // THEN Ben is welcomed in his DM, under the name Slack gave him
    FakeSlackApi.Call welcome =
        slack.slack.await("chat.postMessage", c -> "DUBEN".equals(c.params().get("channel")));
    assertThat(welcome.params().get("text")).contains("You're paired with Olga");
    assertThat(slack.member("UBEN"))
        .hasValueSatisfying(m -> assertThat(m.displayName()).isEqualTo("Ben"));

    // AND the same file again changes nothing
    slack.shownTo(SlackTestbed.LEAD, "/nudge", "import Spring");
    assertThat(
            share("pairs.csv", "mentor,mentee\nolga@example.org,ben@example.org\nUMARIA,UALICE\n")
                .shownText("blocks"))
        .contains("Every pair in pairs.csv is already in Spring (2 pairs)");
  }

  @Test
  @DisplayName("@handles are found with users.list; an unknown e-mail is named with its line")
  void badLines() {
    FakeSlackApi.Call answer =
        share("pairs.csv", "mentor,mentee\n@olga,@ben\nmaria@nowhere.example,UALICE\n");

    assertThat(answer.shownText("blocks"))
        .contains("1 pair new")
        .contains("nothing was imported yet")
        .contains("line 3: I can't find anyone called maria@nowhere.example");
    assertThat(slack.slack.calls("users.list")).isNotEmpty();
    assertThat(slack.member("UBEN")).isEmpty();
  }

  @Test
  @DisplayName("a wrong encoding and a non-CSV file each get a sentence")
  void unreadable() {
    assertThat(
            share(
                    "pairs.csv",
                    "mentor,mentee\nJos\u00e9,Ana\n".getBytes(StandardCharsets.ISO_8859_1))
                .shownText("blocks"))
        .contains("The file isn't UTF-8 text");
    assertThat(
            share("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})
                .shownText("blocks"))
        .contains("That is an image, not a CSV file");
  }

  @Test
  @DisplayName("without the files:read scope, the lead is told which scope Nudge needs")
  void missingScope() {
    slack.slack.failNext("files.info", "missing_scope");
    assertThat(share("pairs.csv", "mentor,mentee\nUMARIA,UALICE\n").params().get("text"))
        .contains("needs the files:read scope");
  }

  @Test
  @DisplayName(
      "a 10,000-line file naming people by e-mail and by id: users.list once, Confirm, welcomes")
  void tenThousandLines() {
    // GIVEN a Slack workspace of 20,000 people, and a testbed that queues without sending
    slack.close();
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    StringBuilder csv = new StringBuilder("mentor,mentee\n");
    for (int i = 0; i < 10_000; i++) {
      slack.slack.user(
          String.format("UM%05d", i), "Mentor " + i, "Europe/Paris", "mentor" + i + "@example.org");
      slack.slack.user(String.format("UE%05d", i), "Mentee " + i, "Asia/Tokyo");
      csv.append("mentor").append(i).append("@example.org,").append(String.format("UE%05d", i));
      csv.append('\n');
    }
    slack.shownTo(SlackTestbed.LEAD, "/nudge", "program create Spring <#C0PROGRAM|mentoring>");
    slack.shownTo(SlackTestbed.LEAD, "/nudge", "import Spring");

    // WHEN the lead shares the file
    FakeSlackApi.Call dryRun = share("big.csv", csv.toString());

    // THEN the dry run counts every pair, having paged through users.list instead of 20,000 calls
    assertThat(dryRun.shownText("blocks"))
        .contains("Dry run of big.csv for Spring: 10,000 pairs new, 0 already there");
    assertThat(slack.slack.calls("users.list")).hasSizeGreaterThan(1);
    assertThat(slack.slack.calls("users.lookupByEmail")).isEmpty();
    assertThat(slack.slack.calls("users.info").size()).isLessThan(10);

    // WHEN the lead confirms
    slack.click(SlackTestbed.LEAD, "import:confirm", buttonValue(dryRun, "import:confirm"));

    // THEN the reply counts the pairs, and 20,000 welcomes wait in the outbox
    assertThat(
            slack
                .slack
                .await(
                    "response_url",
                    c -> c.body().contains("Imported"),
                    java.time.Duration.ofSeconds(60))
                .body())
        .contains("Imported 10,000 pairs into Spring.");
    assertThat(slack.member("UE09999"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.displayName()).isEqualTo("Mentee 9999");
              assertThat(m.zone().getId()).isEqualTo("Asia/Tokyo");
            });
    assertThat(welcomesQueued()).isEqualTo(20_000);

    // AND a first batch of them reaches Slack, each in its person's DM
    slack.dispatcher.dispatchDue(20);
    assertThat(slack.slack.calls("chat.postMessage"))
        .filteredOn(c -> String.valueOf(c.params().get("text")).contains("You're"))
        .hasSize(20)
        .allSatisfy(c -> assertThat(c.params().get("channel")).matches("DU[ME]\\d{5}"));
  }

  private long welcomesQueued() {
    return slack
        .database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE"
                            + " 'pair:%:welcome:%' AND status = 'pending'")
                    .mapTo(Long.class)
                    .one());
  }

  private static String buttonValue(FakeSlackApi.Call call, String actionId) {
    for (JsonNode block : call.json("blocks")) {
      for (JsonNode element : block.path("elements")) {
        if (actionId.equals(element.path("action_id").asText())) {
          return element.path("value").asText();
        }
      }
    }
    throw new AssertionError("No " + actionId + " button in " + call.params().get("blocks"));
  }

  /** A {@code file_share} message in the lead's DM with Nudge, as the Events API sends it. */
  private static String fileShare(String eventId, String fileId, String name) {
    return SlackTestbed.fileShare(
        eventId, SlackTestbed.LEAD, LEAD_DM, "", null, fileId, name, "text/csv");
  }
}
