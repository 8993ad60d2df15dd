package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.app.Server;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;

/**
 * Nudge started as the service runs it ({@link Server}), in HTTP mode against the fake Slack, while
 * an orchestrator polls {@code /healthz} as a rolling deploy would.
 */
@DisplayName("Readiness: /healthz says 200 only once Nudge can serve")
class SlackReadinessTest {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();
  private final SlackSigner signer = new SlackSigner(SlackTestbed.SIGNING_SECRET);
  private FakeSlackApi slack;
  private CompletableFuture<Server> starting;

  @BeforeEach
  void fakeSlack() throws IOException {
    slack = new FakeSlackApi();
  }

  @AfterEach
  void stop() {
    if (starting != null) {
      try {
        starting.join().close();
      } catch (CompletionException e) {
        // The test reports it.
      }
    }
    slack.close();
  }

  @Test
  @DisplayName("A signed command sent the moment /healthz first says 200 is served, not a 404")
  void firstHealthyMomentServesCommands() throws Exception {
    // GIVEN a Slack whose auth.test is slow, so that start-up takes a while
    slack.slow("auth.test", Duration.ofMillis(700));
    int port = freePort();
    NudgeConfig config =
        new ConfigLoader()
            .load(
                Map.of(
                    "NUDGE_DB_URL",
                    "jdbc:h2:mem:ready-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "NUDGE_HTTP_PORT",
                    Integer.toString(port),
                    "SLACK_BOT_TOKEN",
                    FakeSlackApi.BOT_TOKEN,
                    "SLACK_SIGNING_SECRET",
                    SlackTestbed.SIGNING_SECRET,
                    "SLACK_API_URL",
                    slack.apiUrl()));

    // WHEN Nudge starts while /healthz is polled
    starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Server.start(config, Clock.systemUTC());
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    List<String> answers = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> health = null;
    while (System.nanoTime() < end && !starting.isCompletedExceptionally()) {
      try {
        health = get(port, "/healthz");
      } catch (ConnectException notListeningYet) {
        Thread.sleep(2);
        continue;
      }
      answers.add(health.statusCode() + " " + health.body().strip());
      if (health.statusCode() == 200) {
        break;
      }
    }
    assertThat(health).as("healthz answers: %s", answers).isNotNull();
    assertThat(health.statusCode()).as("healthz answers: %s", answers).isEqualTo(200);

    // THEN a command sent at that very moment is served
    Map<String, String> form =
        Map.of(
            "team_id", FakeSlackApi.TEAM,
            "channel_id", "C0GENERAL",
            "user_id", SlackTestbed.MENTEE,
            "command", "/win",
            "text", "first thing after the deploy",
            "response_url", slack.responseUrl("ready-1"),
            "trigger_id", "trigger-ready-1");
    String body = SlackTestbed.formEncode(form);
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> ack =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", signer.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ack.statusCode()).isEqualTo(200);
    FakeSlackApi.Call reply =
        slack.response("ready-1").get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(reply.shownText(null)).contains("Win logged");
    // AND while it started, /healthz said why it was not ready yet
    assertThat(answers).anyMatch(answer -> answer.startsWith("503 not ready: "));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
