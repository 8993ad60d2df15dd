package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.scenario.ChatDriver;
import org.nudge.scenario.EnrolmentScenario;
import org.nudge.scenario.MentoringScenario;

@DisplayName("The shared mentoring scenario on Slack")
class SlackScenarioTest {

  @Test
  @DisplayName(
      "a lead creates a program and a pair, the mentee logs a win, the mentor is told, the digest is posted")
  void firstWeek() {
    try (SlackTestbed slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox())) {
      MentoringScenario.run(new SlackDriver(slack));
    }
  }

  @Test
  @DisplayName("people enrol in a modal and by typed words, and the lead matches and confirms")
  void enrolment() {
    try (SlackTestbed slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox())) {
      EnrolmentScenario.run(new SlackDriver(slack));
    }
  }

  /**
   * The scenario as Slack sends it: signed slash commands with Slack's own mention syntax, the
   * ephemeral reply read from the ack, and what reached DMs and channels read from the fake Web
   * API's {@code chat.postMessage} calls (the outbox is dispatched after each command).
   */
  private static final class SlackDriver implements ChatDriver {

    private static final Map<String, String> USERS =
        Map.of(
            "lead", SlackTestbed.LEAD, "maria", SlackTestbed.MENTOR, "alice", SlackTestbed.MENTEE);
    private static final Map<String, String> CHANNELS = Map.of("mentoring", "C0PROGRAM");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w<])([@#])([\\w.-]+)");

    private final SlackTestbed slack;

    SlackDriver(SlackTestbed slack) {
      this.slack = slack;
    }

    @Override
    public String command(String user, String text) {
      String[] parts = text.strip().split("\\s+", 2);
      String rest = parts.length > 1 ? parts[1] : "";
      Matcher m = HANDLE.matcher(rest);
      StringBuilder slackText = new StringBuilder();
      while (m.find()) {
        String id = (m.group(1).equals("@") ? USERS : CHANNELS).get(m.group(2));
        String replacement =
            id == null ? m.group() : "<" + m.group(1) + id + "|" + m.group(2) + ">";
        m.appendReplacement(slackText, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(slackText);
      String reply = slack.shownTo(USERS.get(user), parts[0], slackText.toString());
      slack.dispatcher.drain();
      return reply;
    }

    /**
     * The command opens a modal with {@code views.open}; the submission is a signed {@code
     * view_submission}, whose ack shows the answer in place of the modal.
     */
    @Override
    public String submitForm(String user, String text, Map<String, String> values) {
      String[] parts = text.strip().split("\\s+", 2);
      String userId = USERS.get(user);
      int opened = slack.slack.calls("views.open").size();
      slack.command(userId, parts[0], parts.length > 1 ? parts[1] : "");
      FakeSlackApi.Call open =
          slack.slack.await("views.open", c -> slack.slack.calls("views.open").size() > opened);
      String formId = open.json("view").path("callback_id").asText();
      HttpResponse<String> ack = slack.submit(userId, formId, values);
      // The answer replaces the modal, in the submission's ack (response_action update).
      try {
        JsonNode answer = new ObjectMapper().readTree(ack.body());
        assertThat(answer.path("response_action").asText()).isEqualTo("update");
        return String.join(
            "\n",
            answer.path("view").path("blocks").findValues("text").stream()
                .map(t -> t.isObject() ? t.path("text").asText() : t.asText())
                .filter(t -> !t.isEmpty())
                .toList());
      } catch (java.io.IOException e) {
        throw new AssertionError("The ack isn't JSON: " + ack.body(), e);
      }
    }

    @Override
    public List<String> dmsTo(String user) {
      return posts("D" + USERS.get(user));
    }

    @Override
    public List<String> channelPosts(String channel) {
      return posts(CHANNELS.get(channel));
    }

    /** What people read in each message posted to a channel: its header and sections. */
    private List<String> posts(String channel) {
      List<String> texts = new ArrayList<>();
      for (FakeSlackApi.Call call : slack.slack.calls("chat.postMessage")) {
        if (!channel.equals(call.params().get("channel"))) {
          continue;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : call.json("blocks")) {
          String type = block.path("type").asText();
          if (type.equals("header") || type.equals("section")) {
            text.append(block.path("text").path("text").asText()).append('\n');
          }
        }
        texts.add(text.toString());
      }
      return texts;
    }
  }
}
