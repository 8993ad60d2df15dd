package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;

@DisplayName("Digests and exports on Slack")
class DigestRenderingTest {

  private SlackTestbed slack;

  @AfterEach
  void stop() {
    if (slack != null) {
      slack.close();
    }
  }

  private static Message digest(int sections, int linesEach, int lineLength) {
    List<Message.Section> list = new ArrayList<>();
    for (int s = 0; s < sections; s++) {
      List<String> lines = new ArrayList<>();
      for (int l = 0; l < linesEach; l++) {
        lines.add("• line " + s + "." + l + " " + "word ".repeat(lineLength / 5).strip());
      }
      list.add(new Message.Section("Section " + s, lines));
    }
    return Message.structured("📊 Spring: weekly digest, Mon 2 Mar to Mon 9 Mar", list);
  }

  @Test
  @DisplayName("a digest is a header and one section block per topic, with dividers between")
  void headerAndSections() {
    List<BlockKit.Rendered> rendered = BlockKit.render(digest(3, 4, 40));

    assertThat(rendered).hasSize(1);
    List<String> types = new ArrayList<>();
    rendered.get(0).blocks().forEach(b -> types.add(b.path("type").asText()));
    assertThat(types)
        .containsExactly("header", "section", "divider", "section", "divider", "section");
    JsonNode header = rendered.get(0).blocks().get(0);
    assertThat(header.path("text").path("type").asText()).isEqualTo("plain_text");
    assertThat(header.path("text").path("text").asText())
        .isEqualTo("📊 Spring: weekly digest, Mon 2 Mar to Mon 9 Mar");
    assertThat(rendered.get(0).blocks().get(1).path("text").path("text").asText())
        .startsWith("*Section 0*\n• line 0.0 word word");
    assertThat(rendered.get(0).fallback()).startsWith("📊 Spring: weekly digest");
  }

  @Test
  @DisplayName(
      "a huge digest stays within 3,000 characters a section and 50 blocks a message, split between lines")
  void limits() {
    Message big = digest(30, 40, 200);

    List<BlockKit.Rendered> rendered = BlockKit.render(big);

    assertThat(rendered.size()).isGreaterThan(1);
    StringBuilder shown = new StringBuilder();
    for (BlockKit.Rendered r : rendered) {
      assertThat(r.blocks().size()).isLessThanOrEqualTo(50);
      for (JsonNode block : r.blocks()) {
        String text = block.path("text").path("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(3000);
        if (block.path("type").asText().equals("section")) {
          shown.append(text).append('\n');
        }
      }
    }
    // every line arrives whole, exactly once
    for (Message.Section section : big.sections()) {
      for (String line : section.lines()) {
        assertThat(shown.toString().split("\n", -1)).containsOnlyOnce(line);
      }
    }
  }

  @Test
  @DisplayName("a title longer than a header allows is shortened at a word")
  void longTitle() {
    Message m = Message.structured("📊 " + "Longname ".repeat(30), List.of());
    String header = BlockKit.render(m).get(0).blocks().get(0).path("text").path("text").asText();
    assertThat(header).hasSizeLessThanOrEqualTo(150).endsWith("Longname…");
  }

  @Test
  @DisplayName(
      "/nudge digest now posts Block Kit to the program channel and, apart, to the leads' channel"
          + " set by mention; an export arrives as files")
  void endToEnd() throws Exception {
    slack = new SlackTestbed();
    slack.pairMariaWithAlice();
    slack.shownTo(SlackTestbed.MENTEE, "/win", "gave my first demo --share");
    assertThat(
            slack.shownTo(
                SlackTestbed.LEAD, "/nudge", "program leads-channel Spring <#C0LEADS|leads>"))
        .startsWith("Spring's pairs at risk, health and feedback figures now go to <#C0LEADS>.");

    String reply = slack.shownTo(SlackTestbed.LEAD, "/nudge", "digest now");
    assertThat(reply.strip())
        .isEqualTo(
            "Posted Spring's digest to <#C0PROGRAM>, and its pairs at risk and health to"
                + " <#C0LEADS>.");
    FakeSlackApi.Call post =
        slack.slack.await(
            "chat.postMessage",
            c ->
                c.params().get("channel").equals("C0PROGRAM")
                    && c.params().get("text").startsWith("📊"));
    assertThat(post.json("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(post.shownText("blocks"))
        .contains("*Highlights*\n🌟 Alice: gave my first demo")
        .doesNotContain("Pairs at risk")
        .doesNotContain("Pair health");
    FakeSlackApi.Call leads =
        slack.slack.await(
            "chat.postMessage",
            c ->
                c.params().get("channel").equals("C0LEADS")
                    && c.params().get("text").startsWith("🔒"));
    assertThat(leads.shownText("blocks"))
        .contains("*Pairs at risk*\nNone this week.")
        .doesNotContain("first demo");

    String exported = slack.shownTo(SlackTestbed.LEAD, "/nudge", "export program Spring");
    assertThat(exported).contains("I've sent you the export of Spring in a direct message");
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DULEAD"));
    // The leads' part of the digest brought its trend chart too, into the leads' channel.
    // Drawing the first chart loads JFreeChart and fonts: seconds on a loaded machine.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (slack.slack.calls("files.completeUploadExternal").size() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Map<String, String> files = slack.slack.uploadedFiles();
    assertThat(files.keySet())
        .containsExactlyInAnyOrder(
            "spring-trend.png", "spring-2026-03-02-pairs.csv", "spring-2026-03-02.json");
    assertThat(files.get("spring-2026-03-02-pairs.csv"))
        .startsWith("pair_id,mentor,mentee")
        .contains("\"Maria\",\"Alice\"");
    assertThat(slack.slack.calls("files.completeUploadExternal"))
        .extracting(c -> c.params().get("channel_id"))
        .containsExactlyInAnyOrder("C0LEADS", "DULEAD", "DULEAD");
  }

  @Test
  @DisplayName("a refused upload is a failure the lead can read, not a crash")
  void uploadRefused() {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    slack.slack.failNext("files.getUploadURLExternal", "missing_scope");
    var result =
        slack
            .adapter
            .gateway()
            .deliver(
                new ConversationRef.Direct(SlackTestbed.user(SlackTestbed.LEAD)),
                Message.text("export")
                    .withAttachments(
                        List.of(new Message.Attachment("a.csv", "text/csv", "x,y\n1,2"))));
    assertThat(result)
        .isInstanceOf(org.nudge.engine.delivery.ChatGateway.Delivery.Failed.class)
        .asString()
        .contains("lacks a permission");
  }
}
