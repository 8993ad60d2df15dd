package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.http.HealthCheck;

@DisplayName("Slack over Socket Mode, through the same listeners")
class SlackSocketModeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeSocketModeServer socket;
  private SlackTestbed slack;

  @BeforeEach
  void connect() throws Exception {
    socket = new FakeSocketModeServer();
    socket.startAndWait();
    slack = new SlackTestbed(SlackTestbed.Options.defaults().socketMode(socket.url()));
    socket.awaitConnection();
  }

  @AfterEach
  void stop() throws Exception {
    slack.close();
    socket.stop(500);
  }

  @Test
  @DisplayName("Socket Mode asks the configured Web API for its URL with the app token")
  void connectsThroughTheConfiguredApi() {
    FakeSlackApi.Call open = slack.slack.calls("apps.connections.open").get(0);
    assertThat(open.authorization()).isEqualTo("Bearer " + SlackTestbed.APP_TOKEN);
    // AND no HTTP endpoint is served for Slack in this mode
    assertThat(slack.get("/slack/events").statusCode()).isEqualTo(404);
    assertThat(slack.get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Slack counts as ready while the socket is open, not while it is reconnecting")
  void readinessFollowsTheSocket() throws Exception {
    HealthCheck ready = slack.adapter.readiness();
    ready.check();

    socket.dropConnections();

    assertThat(awaitReady(ready, false)).isEqualTo("Socket Mode is not connected");
    // Bolt's session monitor opens a new connection; Slack greets it with hello
    assertThat(awaitReady(ready, true)).isNull();
  }

  /** Waits until {@code check} passes ({@code ready}) or fails; the reason it fails, or null. */
  private static String awaitReady(HealthCheck check, boolean ready) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String reason = null;
    while (System.nanoTime() < end) {
      try {
        check.check();
        reason = null;
      } catch (Exception e) {
        reason = e.getMessage();
      }
      if ((reason == null) == ready) {
        return reason;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Slack's readiness stayed at " + reason);
  }

  @Test
  @DisplayName(
      "A slash command envelope is acked at once, and the reply follows through its response_url")
  void slashCommandOverSocketMode() throws Exception {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", "env-cmd-1");
    envelope.put("type", "slash_commands");
    envelope.put("accepts_response_payload", true);
    ObjectNode payload = envelope.putObject("payload");
    Map<String, String> command =
        slack.commandPayload(SlackTestbed.MENTEE, "/win", "first socket win #ws", "C0GENERAL");
    command.forEach(payload::put);
    payload.put("is_enterprise_install", "false");

    socket.send(envelope.toString());

    JsonNode ack = socket.awaitAck("env-cmd-1", Duration.ofSeconds(5));
    assertThat(ack.path("payload").path("blocks")).isEmpty();
    JsonNode reply = slack.awaitReply(command.get("response_url"));
    assertThat(SlackTestbed.shown(reply)).contains("Win logged").contains("#ws");
    assertThat(slack.received.get(0)).isInstanceOf(Inbound.Command.class);
  }

  @Test
  @DisplayName("A re-sent events envelope for one DM is acked each time and has one effect")
  void eventEnvelopeRetriedHasOneEffect() throws Exception {
    String event = slack.directMessageEvent(SlackTestbed.MENTEE, "Ev0SOCKET", "hi from socket");
    socket.send(envelope("env-ev-1", 0, event));
    socket.awaitAck("env-ev-1", Duration.ofSeconds(5));
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));

    socket.send(envelope("env-ev-2", 1, event));
    socket.awaitAck("env-ev-2", Duration.ofSeconds(5));
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (slack.metrics.value("nudge_slack_duplicate_events_total") < 1
        && System.nanoTime() < end) {
      Thread.sleep(10);
    }

    assertThat(slack.metrics.value("nudge_slack_duplicate_events_total")).isEqualTo(1);
    assertThat(slack.received).hasSize(1);
    assertThat(slack.slack.calls("chat.postMessage")).hasSize(1);
  }

  private static String envelope(String id, int retryAttempt, String eventCallback)
      throws Exception {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", id);
    envelope.put("type", "events_api");
    envelope.put("accepts_response_payload", false);
    envelope.put("retry_attempt", retryAttempt);
    envelope.put("retry_reason", retryAttempt == 0 ? "" : "timeout");
    envelope.set("payload", JSON.readTree(eventCallback));
    return envelope.toString();
  }
}
