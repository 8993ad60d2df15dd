package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.chart.TrendPng;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.Chart;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;

@DisplayName("A digest's trend chart on Slack: uploaded with files upload v2 after the text")
class SlackChartTest {

  private SlackTestbed slack;

  static Chart chart() {
    List<String> weeks = List.of("2 Mar", "9 Mar", "16 Mar");
    return new Chart(
        "Spring: the last 3 weeks",
        "Trend chart of Spring. Wins logged rose from about 1 to 4.",
        "spring-trend.png",
        weeks,
        List.of(
            new Chart.Series("Prompts answered", "%", java.util.Arrays.asList(null, 50.0, 75.0)),
            new Chart.Series("Wins logged", "", List.of(1.0, 2.0, 4.0))));
  }

  static Message digest() {
    return Message.structured(
            "🔒 Spring, for leads only: weekly digest",
            List.of(Message.Section.of("Pair health", "• 1 thriving, 0 steady, 0 needs a word")))
        .withChart(chart());
  }

  @AfterEach
  void close() throws Exception {
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  @DisplayName(
      "the PNG goes to the leads' channel after the digest's text, with its title and alt text")
  void uploaded() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    ChatGateway gateway = slack.adapter.gateway();

    ChatGateway.Delivery result =
        gateway.deliver(
            new ConversationRef.Channel(SlackAdapter.PLATFORM, FakeSlackApi.TEAM, "C0LEADS"),
            digest());

    assertThat(result).isInstanceOf(ChatGateway.Delivery.Delivered.class);
    List<String> order = slack.slack.calls().stream().map(FakeSlackApi.Call::method).toList();
    assertThat(order)
        .containsSubsequence(
            "chat.postMessage",
            "files.getUploadURLExternal",
            "file_upload",
            "files.completeUploadExternal");
    FakeSlackApi.Call url = slack.slack.calls("files.getUploadURLExternal").get(0);
    assertThat(url.params().get("filename")).isEqualTo("spring-trend.png");
    assertThat(url.params().get("alt_txt")).startsWith("Trend chart of Spring.");
    assertThat(slack.slack.calls("files.completeUploadExternal").get(0).params())
        .containsEntry("channel_id", "C0LEADS");
    byte[] png = slack.slack.uploadedBytes().get(0);
    assertThat(Integer.parseInt(url.params().get("length"))).isEqualTo(png.length);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(TrendPng.WIDTH);
  }

  @Test
  @DisplayName("a workspace that refuses the upload still gets the digest's text, once")
  void refusedUploadKeepsTheText() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    slack.slack.failNext("files.getUploadURLExternal", "not_allowed_token_type");

    ChatGateway.Delivery result =
        slack
            .adapter
            .gateway()
            .deliver(
                new ConversationRef.Channel(SlackAdapter.PLATFORM, FakeSlackApi.TEAM, "C0LEADS"),
                digest());

    assertThat(result).isInstanceOf(ChatGateway.Delivery.Delivered.class);
    assertThat(slack.slack.calls("chat.postMessage")).hasSize(1);
    assertThat(slack.slack.calls("chat.postMessage").get(0).params().get("blocks"))
        .contains("Pair health");
    assertThat(slack.slack.calls("files.completeUploadExternal")).isEmpty();
  }
}
