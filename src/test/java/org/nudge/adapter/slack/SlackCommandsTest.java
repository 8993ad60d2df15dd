package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.Directory;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.model.Inbound;

@DisplayName("Slack slash commands over HTTP mode")
class SlackCommandsTest {

  /** Every command Nudge declares, as typed in Slack. */
  static List<String> commands() {
    return Features.create(
            EngineSettings.defaults(Set.of()), SlackTestbed.QUESTIONS, Directory.none())
        .commands()
        .specs()
        .stream()
        .map(spec -> "/" + spec.name())
        .toList();
  }

  private SlackTestbed slack;

  @BeforeEach
  void start() throws Exception {
    slack = new SlackTestbed();
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  @DisplayName("Every slash command reaches the engine and its answer is shown only to the user")
  void everyCommandReachesTheEngine() {
    List<String> commands = commands();
    for (String command : commands) {
      // WHEN Alice types the command
      Map<String, String> payload =
          slack.commandPayload(SlackTestbed.MENTEE, command, "", "C0GENERAL");
      long started = System.nanoTime();
      HttpResponse<String> ack =
          slack.post(SlackTestbed.formEncode(payload), "application/x-www-form-urlencoded");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // THEN Slack gets an empty ack, well inside its 3 seconds
      assertThat(ack.statusCode()).as(command).isEqualTo(200);
      assertThat(ack.body()).as(command).isEmpty();
      assertThat(took).as(command).isLessThan(Duration.ofSeconds(3));
      // AND the reply follows through the command's response_url, shown only to her
      String shown = SlackTestbed.shown(slack.awaitReply(payload.get("response_url")));
      assertThat(shown).as(command).isNotBlank();
      assertThat(shown).as(command).doesNotContain("I don't know");
    }
    // AND the engine received each as a command, by name without the slash, with the channel
    assertThat(slack.received)
        .map(i -> ((Inbound.Command) i).name())
        .containsExactlyElementsOf(commands.stream().map(c -> c.substring(1)).toList());
    assertThat(slack.received)
        .allSatisfy(i -> assertThat(((Inbound.Command) i).channel()).isEqualTo("C0GENERAL"));
  }

  @Test
  @DisplayName("A win is logged and the first contact fetches the member's name and timezone")
  void aWinIsLoggedForANewMember() {
    // GIVEN Alice has never used Nudge
    assertThat(slack.member(SlackTestbed.MENTEE)).isEmpty();

    // WHEN she logs a win
    String reply = slack.shownTo(SlackTestbed.MENTEE, "/win", "shipped the parser #backend");

    // THEN she is told, and Nudge met her with her Slack name and timezone (users.info)
    assertThat(reply).contains("Win logged").contains("#backend");
    assertThat(slack.member(SlackTestbed.MENTEE))
        .hasValueSatisfying(
            m -> {
              assertThat(m.displayName()).isEqualTo("Alice");
              assertThat(m.zone().getId()).isEqualTo("Asia/Kolkata");
            });
    assertThat(slack.slack.calls("users.info")).hasSize(1);
  }

  @Test
  @DisplayName("Mentions arrive as the engine's references, and a reply links the channel natively")
  void mentionsAreNormalised() {
    // WHEN the lead creates a program and pairs two people, mentions labelled as Slack sends them
    slack.pairMariaWithAlice();

    // THEN the engine saw <@U…> with the names Slack labels them with, and <#C…>
    Inbound.Command pair = (Inbound.Command) slack.received.get(1);
    assertThat(pair.text()).isEqualTo("pair <@UMARIA|maria> <@UALICE|alice> Spring");
    Inbound.Command program = (Inbound.Command) slack.received.get(0);
    assertThat(program.text()).isEqualTo("program create Spring <#C0PROGRAM>");

    // AND the program listing refers to the channel in Slack's own syntax, unescaped
    JsonNode list = slack.replyTo(SlackTestbed.LEAD, "/nudge", "program list");
    assertThat(SlackTestbed.shown(list)).contains("<#C0PROGRAM>").contains("Maria mentors Alice");
  }

  @Test
  @DisplayName("Characters Slack escapes reach the engine as typed and go back escaped")
  void escapedCharactersRoundTrip() {
    // WHEN Alice's win contains &, < and > (Slack sends them as entities)
    String reply =
        slack.shownTo(SlackTestbed.MENTEE, "/win", "latency &lt; 5ms &amp; p99 &gt; 2ms");

    // THEN the engine stored her words as typed
    Inbound.Command win = (Inbound.Command) slack.received.get(0);
    assertThat(win.text()).isEqualTo("latency < 5ms & p99 > 2ms");
    assertThat(reply).contains("Win logged");
  }

  @Test
  @DisplayName("A command typed in a DM reaches the engine as a direct conversation")
  void commandInDirectMessage() {
    Map<String, String> payload =
        slack.commandPayload(SlackTestbed.MENTEE, "/checkin", "", "DUALICE");
    slack.post(SlackTestbed.formEncode(payload), "application/x-www-form-urlencoded");
    slack.awaitReply(payload.get("response_url"));
    assertThat(((Inbound.Command) slack.received.get(0)).channel()).isNull();
  }
}
