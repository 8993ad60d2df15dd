package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Slow clients can't stall Nudge's HTTP host")
class SlackSlowClientsTest {

  private static final int SLOW_CLIENTS = 70;

  private SlackTestbed slack;
  private final List<Socket> slow = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  @BeforeEach
  void start() {
    slack = new SlackTestbed();
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : slow) {
      socket.close();
    }
    slack.close();
  }

  @Test
  @DisplayName(
      "With 70 clients that send headers and never finish their body, /healthz and a signed"
          + " command each answer within a second, and the slow ones are closed")
  void slowloris() throws Exception {
    // GIVEN 70 connections that each sent a request's headers and the first byte of its body
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), slack.http.port());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "X-Slack-Request-Timestamp: "
                  + Instant.now().getEpochSecond()
                  + "\r\nX-Slack-Signature: v0=00\r\nContent-Length: 1000\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      slow.add(socket);
    }
    Thread.sleep(300);

    // WHEN an orchestrator asks /healthz and a member types /win, each with a second to answer
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slack.http.port() + "/healthz"))
                .timeout(Duration.ofSeconds(1))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, String> form =
        slack.commandPayload(SlackTestbed.MENTEE, "/win", "shipped despite the crowd", "C0G");
    String body = SlackTestbed.formEncode(form);
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> ack =
        client.send(
            HttpRequest.newBuilder(slack.endpoint())
                .timeout(Duration.ofSeconds(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", slack.signer.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // THEN both are served, and the member gets the answer
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(SlackTestbed.shown(slack.awaitReply(form.get("response_url"))))
        .contains("Win logged");
    // AND the server closes every slow connection once its deadline has passed
    for (Socket socket : slow) {
      assertThat(closedByServer(socket, Duration.ofSeconds(15))).isTrue();
    }
    assertThat(slack.metrics.value("nudge_http_slow_requests_total")).isEqualTo(SLOW_CLIENTS);
    assertThat(slack.received).hasSize(1);
  }

  /** True once the server has closed {@code socket} (end of stream or a reset), within limit. */
  private static boolean closedByServer(Socket socket, Duration limit) throws IOException {
    long end = System.nanoTime() + limit.toNanos();
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < end) {
      socket.setSoTimeout(250);
      try {
        if (in.read() == -1) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }
}
