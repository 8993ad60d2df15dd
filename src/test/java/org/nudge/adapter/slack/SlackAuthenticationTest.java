package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Slack's HTTP endpoint authenticates every request before it reads it")
class SlackAuthenticationTest {

  private static final String MARKER = "zebra-marker-7731";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  private SlackTestbed slack;
  private CapturedLogs logs;

  @BeforeEach
  void start() {
    slack = new SlackTestbed();
    logs = new CapturedLogs();
  }

  @AfterEach
  void stop() {
    logs.close();
    slack.close();
  }

  @Test
  @DisplayName("An unsigned event_callback gets a short 401, no stack trace and no error")
  void unsignedEventCallback() {
    HttpResponse<String> response =
        slack.unsigned("{\"type\":\"event_callback\",\"note\":\"" + MARKER + "\"}", JSON, Map.of());

    assertRefused(response);
  }

  @Test
  @DisplayName("An unsigned body of another type is refused and never written to a log")
  void unsignedOtherType() {
    HttpResponse<String> response =
        slack.unsigned(
            "{\"type\":\"something_else\",\"text\":\"" + MARKER + "\"}",
            JSON,
            Map.of("X-Slack-Retry-Num", "1", "X-Custom", MARKER));

    assertRefused(response);
  }

  @Test
  @DisplayName("An unsigned slash command is refused and the member's words are not saved")
  void unsignedCommand() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");

    assertRefused(slack.unsigned(body, FORM, Map.of()));
  }

  @Test
  @DisplayName("A timestamp without a signature, or a signature without a timestamp, is refused")
  void halfSigned() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long now = Instant.now().getEpochSecond();

    assertRefused(
        slack.unsigned(body, FORM, Map.of("X-Slack-Request-Timestamp", Long.toString(now))));
    assertRefused(
        slack.unsigned(body, FORM, Map.of("X-Slack-Signature", slack.signer.sign(now, body))));
  }

  @Test
  @DisplayName("A signature made with another secret is refused")
  void forged() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long now = Instant.now().getEpochSecond();

    assertRefused(
        slack.send(body, FORM, now, new SlackSigner("not-the-secret").sign(now, body), Map.of()));
  }

  @Test
  @DisplayName("Slack's signature of one body does not let another body through")
  void signatureOfAnotherBody() {
    String signedBody = slack.commandBody(SlackTestbed.MENTEE, "/win", "harmless", "C0GENERAL");
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long now = Instant.now().getEpochSecond();

    assertRefused(slack.send(body, FORM, now, slack.signer.sign(now, signedBody), Map.of()));
  }

  @Test
  @DisplayName("A signature for another timestamp than the one sent is refused")
  void signatureOfAnotherTimestamp() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long now = Instant.now().getEpochSecond();

    assertRefused(slack.send(body, FORM, now, slack.signer.sign(now - 1, body), Map.of()));
  }

  @Test
  @DisplayName("A correctly signed request stamped more than 5 minutes ago is refused")
  void stale() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long then = Instant.now().minus(Duration.ofMinutes(5).plusSeconds(30)).getEpochSecond();

    assertRefused(slack.send(body, FORM, then, slack.signer.sign(then, body), Map.of()));
  }

  @Test
  @DisplayName("A correctly signed request stamped more than 5 minutes ahead is refused too")
  void futureDated() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long ahead = Instant.now().plus(Duration.ofMinutes(5).plusSeconds(30)).getEpochSecond();

    assertRefused(slack.send(body, FORM, ahead, slack.signer.sign(ahead, body), Map.of()));
  }

  @Test
  @DisplayName("A timestamp that is not a number, or a signature of the wrong shape, is refused")
  void malformedHeaders() {
    String body = slack.commandBody(SlackTestbed.MENTEE, "/win", MARKER, "C0GENERAL");
    long now = Instant.now().getEpochSecond();
    String good = slack.signer.sign(now, body);

    for (Map<String, String> headers :
        java.util.List.of(
            Map.of("X-Slack-Request-Timestamp", "soon", "X-Slack-Signature", good),
            Map.of("X-Slack-Request-Timestamp", now + ".0", "X-Slack-Signature", good),
            Map.of("X-Slack-Request-Timestamp", "-9223372036854775808", "X-Slack-Signature", good),
            Map.of("X-Slack-Request-Timestamp", Long.toString(now), "X-Slack-Signature", "v0="),
            Map.of(
                "X-Slack-Request-Timestamp",
                Long.toString(now),
                "X-Slack-Signature",
                good.substring(0, good.length() - 1)),
            Map.of(
                "X-Slack-Request-Timestamp",
                Long.toString(now),
                "X-Slack-Signature",
                good.replace("v0=", "v1=")))) {
      assertRefused(slack.unsigned(body, FORM, headers));
    }
  }

  @Test
  @DisplayName("Within the window either way, a correctly signed command is served")
  void withinTheWindow() {
    for (long offset : new long[] {-290, 0, 290}) {
      long stamp = Instant.now().getEpochSecond() + offset;
      var form = slack.commandPayload(SlackTestbed.MENTEE, "/win", "on time " + offset, "C0G");
      String body = SlackTestbed.formEncode(form);

      HttpResponse<String> ack =
          slack.send(body, FORM, stamp, slack.signer.sign(stamp, body), Map.of());

      assertThat(ack.statusCode()).isEqualTo(200);
      assertThat(SlackTestbed.shown(slack.awaitReply(form.get("response_url"))))
          .contains("Win logged");
    }
  }

  /** 401 with a short plain sentence; nothing reached the engine, Slack or a log line. */
  private void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).hasSizeLessThan(100).doesNotContain(MARKER).endsWith("\n");
    assertThat(slack.received).isEmpty();
    assertThat(slack.member(SlackTestbed.MENTEE)).isEmpty();
    assertThat(slack.slack.effects()).isEmpty();
    assertThat(logs.lines()).noneMatch(line -> line.contains(MARKER));
    assertThat(logs.atLeast(Level.WARN)).isEmpty();
  }
}
