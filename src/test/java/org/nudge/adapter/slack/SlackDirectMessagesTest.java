package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;

@DisplayName("Slack DMs: files and threads")
class SlackDirectMessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackTestbed slack;

  @BeforeEach
  void start() {
    slack = new SlackTestbed();
    slack.slack.file("F0FILE", "notes.pdf", "%PDF-1.7 notes".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  @DisplayName("A file nobody asked for gets a sentence instead of silence")
  void fileOnly() {
    // WHEN Alice drops a PDF into her DM with Nudge, with no text
    assertThat(slack.event(fileShare("Ev0FILE1", SlackTestbed.MENTEE, "", null), null).statusCode())
        .isEqualTo(200);

    // THEN the engine gets it as an upload and she is told, in the DM, it wasn't read
    FakeSlackApi.Call answer =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertThat(answer.params().get("text"))
        .contains("wasn't expecting a file")
        .contains("didn't read it");
    assertThat(slack.received).singleElement().isInstanceOf(Inbound.Upload.class);
  }

  @Test
  @DisplayName("A file Slack won't hand over gets a sentence too")
  void fileUnavailable() {
    slack.slack.failNext("files.info", "file_not_found");
    slack.event(fileShare("Ev0FILE9", SlackTestbed.MENTEE, "", null), null);

    FakeSlackApi.Call answer =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertThat(answer.params().get("text")).contains("couldn't fetch your file");
    assertThat(slack.received).isEmpty();
  }

  @Test
  @DisplayName("Text sent with a file is read, and the member learns the file was not")
  void fileWithText() {
    slack.event(fileShare("Ev0FILE2", SlackTestbed.MENTEE, "hello there", null), null);

    slack.slack.await(
        "chat.postMessage",
        c ->
            c.params().get("channel").equals("DUALICE") && c.params().get("text").contains("file"));
    assertThat(slack.received)
        .first()
        .isEqualTo(new Inbound.DirectText(SlackTestbed.user(SlackTestbed.MENTEE), "hello there"));
    assertThat(slack.received).last().isInstanceOf(Inbound.Upload.class);
    assertThat(slack.slack.calls("chat.postMessage"))
        .anyMatch(c -> c.params().get("text").contains("wasn't expecting a file"));
  }

  @Test
  @DisplayName("A file re-delivered by Slack is answered once")
  void fileRetried() throws Exception {
    String event = fileShare("Ev0FILE3", SlackTestbed.MENTEE, "", null);
    slack.event(event, null);
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));

    slack.event(event, 1);
    awaitDuplicates(1);

    assertThat(slack.slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  @DisplayName("Nudge's own upload in a DM (a lead's export) is not answered")
  void ownUpload() throws Exception {
    slack.event(fileShare("Ev0FILE4", FakeSlackApi.BOT_USER, "DUALICE", "", null), null);
    // A DM after it is answered; the upload before it never was
    slack.event(slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0AFTER", "hello"), null);
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));

    assertThat(slack.slack.calls("chat.postMessage")).hasSize(1);
    assertThat(slack.slack.calls("chat.postMessage").get(0).params().get("text"))
        .doesNotContain("can't open files");
  }

  @Test
  @DisplayName("A reply in a DM thread is answered in that thread")
  void threadReply() throws Exception {
    ObjectNode envelope =
        (ObjectNode)
            JSON.readTree(slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0THREAD", "hello"));
    ((ObjectNode) envelope.path("event"))
        .put("thread_ts", "1700000000.000100")
        .put("parent_user_id", FakeSlackApi.BOT_USER);

    slack.event(envelope.toString(), null);

    FakeSlackApi.Call answer =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertThat(answer.params()).containsEntry("thread_ts", "1700000000.000100");
    assertThat(slack.received).hasSize(1);
  }

  @Test
  @DisplayName("A file sent in a DM thread is answered in that thread")
  void fileInThread() {
    slack.event(fileShare("Ev0FILE5", SlackTestbed.MENTEE, "", "1700000000.000100"), null);

    FakeSlackApi.Call answer =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertThat(answer.params()).containsEntry("thread_ts", "1700000000.000100");
  }

  @Test
  @DisplayName("A message outside a thread is answered outside any thread")
  void noThread() {
    slack.event(slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0PLAIN", "hello"), null);

    FakeSlackApi.Call answer =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertThat(answer.params()).doesNotContainKey("thread_ts");
  }

  /** The Events API envelope of a {@code file_share} message in a DM, as Slack sends it. */
  private static String fileShare(String eventId, String userId, String text, String threadTs) {
    return fileShare(eventId, userId, "D" + userId, text, threadTs);
  }

  private static String fileShare(
      String eventId, String userId, String channel, String text, String threadTs) {
    return SlackTestbed.fileShare(
        eventId, userId, channel, text, threadTs, "F0FILE", "notes.pdf", "application/pdf");
  }

  private void awaitDuplicates(long count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (slack.metrics.value("nudge_slack_duplicate_events_total") < count
        && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(slack.metrics.value("nudge_slack_duplicate_events_total")).isEqualTo(count);
  }
}
