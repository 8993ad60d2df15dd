package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Slack secrets in logs")
class SlackSecretsTest {

  @Test
  @DisplayName("No token, signing secret or member's words reach a log line, even at DEBUG")
  void secretsNeverLogged() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.DEBUG);
    try {
      FakeSocketModeServer socket = new FakeSocketModeServer();
      socket.startAndWait();
      try (SlackTestbed http = new SlackTestbed();
          SlackTestbed socketMode =
              new SlackTestbed(SlackTestbed.Options.defaults().socketMode(socket.url()))) {
        socket.awaitConnection();
        // A session with successes and failures of every kind
        http.pairMariaWithAlice();
        http.slack.answerNext("chat.postMessage", 500, "oops", Map.of());
        http.command(SlackTestbed.MENTEE, "/win", "private words of alice");
        http.dispatcher.drain();
        long now = Instant.now().getEpochSecond();
        String body = http.commandBody(SlackTestbed.MENTEE, "/win", "x", "C1");
        http.send(body, "application/x-www-form-urlencoded", now, "v0=bad", Map.of());
        http.event(
            http.directMessageEvent(SlackTestbed.MENTEE, "Ev0LOG", "private words in a dm"), null);
        http.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
        socketMode.command(SlackTestbed.MENTEE, "/win", "not served in socket mode");
      } finally {
        socket.stop(500);
      }
    } finally {
      root.setLevel(before);
      root.detachAppender(captured);
    }

    assertThat(captured.list).isNotEmpty();
    for (ILoggingEvent event : captured.list) {
      String line =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(line)
          .doesNotContain(FakeSlackApi.BOT_TOKEN)
          .doesNotContain(SlackTestbed.SIGNING_SECRET)
          .doesNotContain(SlackTestbed.APP_TOKEN)
          .doesNotContain("private words");
    }
  }
}
