package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of signed request Slack documents, in the shape Slack sends it: each gets a 2xx, so
 * Slack never retries it or turns the app's events off, and nothing of what it carries reaches a
 * log line.
 */
@DisplayName("Every signed request Slack can send gets a 2xx")
class SlackSignedRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = "otter-marker-4417";
  private static final String TEAM = "\"team\":{\"id\":\"T0TEST\",\"domain\":\"nudge-test\"}";
  private static final String USER =
      "\"user\":{\"id\":\"UALICE\",\"username\":\"alice\",\"name\":\"alice\","
          + "\"team_id\":\"T0TEST\"}";
  private static final String CHANNEL = "\"channel\":{\"id\":\"C0GENERAL\",\"name\":\"general\"}";
  private static final String VIEW =
      "\"view\":{\"id\":\"V0FORM\",\"team_id\":\"T0TEST\",\"type\":\"modal\","
          + "\"callback_id\":\"nudge-form\",\"title\":{\"type\":\"plain_text\",\"text\":\"Form\"},"
          + "\"blocks\":[],\"state\":{\"values\":{}},\"hash\":\"1.a\",\"private_metadata\":\"\","
          + "\"app_id\":\"A0NUDGE\",\"bot_id\":\"BNUDGE\"}";

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

  // -------------------------------------------------------------------------------------------
  // Events API

  static Stream<Arguments> events() {
    return Stream.of(
        event(
            "app_mention",
            "{\"type\":\"app_mention\",\"user\":\"UALICE\",\"text\":\"<@UNUDGEBOT> "
                + MARKER
                + "\",\"ts\":\"1700000000.000100\",\"channel\":\"C0GENERAL\","
                + "\"event_ts\":\"1700000000.000100\"}"),
        event(
            "app_home_opened",
            "{\"type\":\"app_home_opened\",\"user\":\"UALICE\","
                + "\"channel\":\"DUALICE\",\"tab\":\"home\",\"event_ts\":\"1700000000.000100\"}"),
        event(
            "message in a channel",
            "{\"type\":\"message\",\"channel\":\"C0GENERAL\","
                + "\"user\":\"UALICE\",\"text\":\""
                + MARKER
                + "\",\"ts\":\"1700000000.000100\","
                + "\"event_ts\":\"1700000000.000100\",\"channel_type\":\"channel\"}"),
        event(
            "message_changed in a DM",
            "{\"type\":\"message\",\"subtype\":\"message_changed\","
                + "\"channel\":\"DUALICE\",\"hidden\":true,\"message\":{\"type\":\"message\","
                + "\"user\":\"UALICE\",\"text\":\""
                + MARKER
                + "\",\"ts\":\"1700000000.000100\"},"
                + "\"previous_message\":{\"type\":\"message\",\"user\":\"UALICE\",\"text\":\"before\","
                + "\"ts\":\"1700000000.000100\"},\"ts\":\"1700000001.000100\","
                + "\"event_ts\":\"1700000001.000100\",\"channel_type\":\"im\"}"),
        event(
            "message_deleted in a DM",
            "{\"type\":\"message\",\"subtype\":\"message_deleted\","
                + "\"channel\":\"DUALICE\",\"hidden\":true,\"deleted_ts\":\"1700000000.000100\","
                + "\"ts\":\"1700000002.000100\",\"event_ts\":\"1700000002.000100\","
                + "\"channel_type\":\"im\"}"),
        event(
            "bot_message in a DM",
            "{\"type\":\"message\",\"subtype\":\"bot_message\","
                + "\"text\":\""
                + MARKER
                + "\",\"bot_id\":\"B0OTHER\",\"channel\":\"DUALICE\","
                + "\"ts\":\"1700000003.000100\",\"event_ts\":\"1700000003.000100\","
                + "\"channel_type\":\"im\"}"),
        event(
            "reaction_added",
            "{\"type\":\"reaction_added\",\"user\":\"UALICE\","
                + "\"reaction\":\"tada\",\"item_user\":\"UMARIA\",\"item\":{\"type\":\"message\","
                + "\"channel\":\"C0GENERAL\",\"ts\":\"1700000000.000100\"},"
                + "\"event_ts\":\"1700000004.000100\"}"),
        event(
            "member_joined_channel",
            "{\"type\":\"member_joined_channel\",\"user\":\"UALICE\","
                + "\"channel\":\"C0PROGRAM\",\"channel_type\":\"C\",\"team\":\"T0TEST\","
                + "\"event_ts\":\"1700000005.000100\"}"),
        event(
            "team_join",
            "{\"type\":\"team_join\",\"user\":{\"id\":\"UNEW\",\"team_id\":"
                + "\"T0TEST\",\"name\":\"newcomer\",\"real_name\":\"New Comer\",\"tz\":\"Europe/Paris\","
                + "\"profile\":{\"display_name\":\"New\"}},\"event_ts\":\"1700000006.000100\"}"),
        event(
            "user_change",
            "{\"type\":\"user_change\",\"user\":{\"id\":\"UALICE\",\"team_id\":"
                + "\"T0TEST\",\"name\":\"alice\",\"tz\":\"Asia/Kolkata\"},"
                + "\"event_ts\":\"1700000007.000100\"}"),
        event(
            "channel_created",
            "{\"type\":\"channel_created\",\"channel\":{\"id\":\"C0NEW\","
                + "\"name\":\"fun\",\"created\":1700000000,\"creator\":\"UALICE\"},"
                + "\"event_ts\":\"1700000008.000100\"}"),
        event(
            "file_shared",
            "{\"type\":\"file_shared\",\"file_id\":\"F0FILE\",\"user_id\":"
                + "\"UALICE\",\"file\":{\"id\":\"F0FILE\"},\"channel_id\":\"DUALICE\","
                + "\"event_ts\":\"1700000009.000100\"}"),
        event(
            "link_shared",
            "{\"type\":\"link_shared\",\"channel\":\"C0GENERAL\",\"user\":"
                + "\"UALICE\",\"message_ts\":\"1700000000.000100\",\"unfurl_id\":\"U0\",\"source\":"
                + "\"conversations_history\",\"links\":[{\"domain\":\"example.org\",\"url\":"
                + "\"https://example.org/"
                + MARKER
                + "\"}],\"event_ts\":\"1700000010.000100\"}"),
        event("app_uninstalled", "{\"type\":\"app_uninstalled\",\"event_ts\":\"1700000011.0001\"}"),
        event(
            "tokens_revoked",
            "{\"type\":\"tokens_revoked\",\"tokens\":{\"oauth\":[\"UALICE\"],"
                + "\"bot\":[\"UNUDGEBOT\"]},\"event_ts\":\"1700000012.000100\"}"),
        event(
            "function_executed",
            "{\"type\":\"function_executed\",\"function\":{\"id\":\"Fn0\","
                + "\"callback_id\":\"nudge_step\",\"title\":\"Step\",\"app_id\":\"A0NUDGE\"},"
                + "\"inputs\":{\"note\":\""
                + MARKER
                + "\"},\"function_execution_id\":\"Fx0\","
                + "\"workflow_execution_id\":\"Wx0\",\"event_ts\":\"1700000013.000100\","
                + "\"bot_access_token\":\"xwfp-not-a-real-token\"}"),
        event(
            "workflow_step_execute",
            "{\"type\":\"workflow_step_execute\",\"callback_id\":"
                + "\"step\",\"workflow_step\":{\"workflow_step_execute_id\":\"1\",\"workflow_id\":\"2\","
                + "\"workflow_instance_id\":\"3\",\"step_id\":\"4\",\"inputs\":{},\"outputs\":[]},"
                + "\"event_ts\":\"1700000014.000100\"}"),
        event(
            "an event type Slack adds next year",
            "{\"type\":\"brand_new_thing\",\"text\":\""
                + MARKER
                + "\",\"event_ts\":\"1700000015.000100\"}"));
  }

  private static Arguments event(String name, String event) {
    String envelope =
        "{\"token\":\"legacy-verification-token\",\"team_id\":\"T0TEST\",\"api_app_id\":\"A0NUDGE\","
            + "\"event\":"
            + event
            + ",\"type\":\"event_callback\",\"event_id\":\"Ev0"
            + Math.abs(name.hashCode())
            + "\",\"event_time\":1700000000,\"authorizations\":[{\"enterprise_id\":null,"
            + "\"team_id\":\"T0TEST\",\"user_id\":\"UNUDGEBOT\",\"is_bot\":true,"
            + "\"is_enterprise_install\":false}],\"is_ext_shared_channel\":false,"
            + "\"event_context\":\"4-eyJldCI6ImFwcF9tZW50aW9uIn0\"}";
    return Arguments.of(name, envelope);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  @DisplayName("Events the manifest does not subscribe to are acked with 200 and nothing is done")
  void unsubscribedEvents(String name, String envelope) {
    HttpResponse<String> response = slack.event(envelope, null);

    assertThat(response.statusCode()).as(name).isEqualTo(200);
    assertThat(slack.received).isEmpty();
    assertQuiet();
  }

  @Test
  @DisplayName("Slack's URL check gets its challenge back")
  void urlVerification() {
    HttpResponse<String> response =
        slack.post(
            "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}",
            "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    assertQuiet();
  }

  @Test
  @DisplayName("app_rate_limited is acked with 200 and logged in one line without content")
  void appRateLimited() {
    HttpResponse<String> response =
        slack.post(
            "{\"token\":\"legacy\",\"type\":\"app_rate_limited\",\"team_id\":\"T0TEST\","
                + "\"minute_rate_limited\":1518467820,\"api_app_id\":\"A0NUDGE\"}",
            "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(logs.lines()).anyMatch(line -> line.contains("app_rate_limited"));
    assertQuiet();
  }

  // -------------------------------------------------------------------------------------------
  // Interactivity

  static Stream<Arguments> interactions() {
    return Stream.of(
        interaction(
            "block_actions from an App Home view",
            "{\"type\":\"block_actions\","
                + USER
                + ",\"api_app_id\":\"A0NUDGE\","
                + "\"token\":\"legacy\",\"container\":{\"type\":\"view\",\"view_id\":\"V0HOME\"},"
                + "\"trigger_id\":\"1.2.3\","
                + TEAM
                + ",\"enterprise\":null,"
                + "\"is_enterprise_install\":false,\"view\":{\"id\":\"V0HOME\",\"type\":\"home\","
                + "\"blocks\":[],\"state\":{\"values\":{}}},\"actions\":[{\"action_id\":"
                + "\"nudge-unknown\",\"block_id\":\"b1\",\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"Go\"},\"value\":\""
                + MARKER
                + "\",\"type\":\"button\","
                + "\"action_ts\":\"1700000000.1\"}]}"),
        interaction(
            "block_actions with two actions at once",
            "{\"type\":\"block_actions\","
                + USER
                + ",\"api_app_id\":\"A0NUDGE\","
                + "\"token\":\"legacy\",\"container\":{\"type\":\"message\",\"channel_id\":"
                + "\"DUALICE\",\"message_ts\":\"1700000000.000100\"},\"trigger_id\":\"1.2.4\","
                + TEAM
                + ",\"response_url\":\"https://hooks.slack.invalid/x\",\"actions\":["
                + "{\"action_id\":\"a\",\"block_id\":\"b\",\"type\":\"button\",\"value\":\"1\","
                + "\"action_ts\":\"1\"},{\"action_id\":\"c\",\"block_id\":\"d\",\"type\":"
                + "\"button\",\"value\":\"2\",\"action_ts\":\"1\"}]}"),
        interaction(
            "block_suggestion (an options load)",
            "{\"type\":\"block_suggestion\","
                + USER
                + ",\"container\":{\"type\":\"view\","
                + "\"view_id\":\"V0FORM\"},\"api_app_id\":\"A0NUDGE\",\"token\":\"legacy\","
                + "\"action_id\":\"topics\",\"block_id\":\"topics\",\"value\":\""
                + MARKER
                + "\","
                + TEAM
                + ","
                + VIEW
                + "}"),
        interaction(
            "view_closed",
            "{\"type\":\"view_closed\","
                + TEAM
                + ","
                + USER
                + ",\"api_app_id\":\"A0NUDGE\","
                + "\"token\":\"legacy\","
                + VIEW
                + ",\"is_cleared\":false}"),
        interaction(
            "view_submission of a workflow step",
            "{\"type\":\"view_submission\","
                + TEAM
                + ","
                + USER
                + ",\"api_app_id\":\"A0NUDGE\","
                + "\"token\":\"legacy\",\"trigger_id\":\"1.2.5\",\"view\":{\"id\":\"V0STEP\","
                + "\"type\":\"workflow_step\",\"callback_id\":\"step\",\"blocks\":[],\"state\":"
                + "{\"values\":{}}},\"workflow_step\":{\"workflow_step_edit_id\":\"1\","
                + "\"workflow_id\":\"2\",\"step_id\":\"3\"}}"),
        interaction(
            "shortcut (global)",
            "{\"type\":\"shortcut\",\"token\":\"legacy\",\"action_ts\":\"1700000000.1\","
                + TEAM
                + ","
                + USER
                + ",\"is_enterprise_install\":false,\"enterprise\":null,"
                + "\"callback_id\":\"log_a_win\",\"trigger_id\":\"1.2.6\"}"),
        interaction(
            "message_action (a message shortcut)",
            "{\"type\":\"message_action\",\"token\":\"legacy\",\"action_ts\":\"1700000000.1\","
                + TEAM
                + ","
                + USER
                + ","
                + CHANNEL
                + ",\"is_enterprise_install\":false,"
                + "\"callback_id\":\"save_as_win\",\"trigger_id\":\"1.2.7\",\"message_ts\":"
                + "\"1700000000.000100\",\"message\":{\"type\":\"message\",\"user\":\"UALICE\","
                + "\"ts\":\"1700000000.000100\",\"text\":\""
                + MARKER
                + "\"},"
                + "\"response_url\":\"https://hooks.slack.invalid/y\"}"),
        interaction(
            "interactive_message (a legacy attachment button)",
            "{\"type\":\"interactive_message\",\"actions\":[{\"name\":\"choice\",\"type\":"
                + "\"button\",\"value\":\""
                + MARKER
                + "\"}],\"callback_id\":\"legacy_buttons\","
                + TEAM
                + ","
                + CHANNEL
                + ","
                + USER
                + ",\"action_ts\":\"1700000000.1\","
                + "\"message_ts\":\"1700000000.000100\",\"attachment_id\":\"1\",\"token\":"
                + "\"legacy\",\"is_app_unfurl\":false,\"original_message\":{\"type\":\"message\","
                + "\"text\":\"pick\",\"ts\":\"1700000000.000100\"},\"response_url\":"
                + "\"https://hooks.slack.invalid/z\",\"trigger_id\":\"1.2.8\"}"),
        interaction(
            "dialog_submission",
            "{\"type\":\"dialog_submission\",\"token\":\"legacy\",\"action_ts\":\"1700000000.1\","
                + TEAM
                + ","
                + USER
                + ","
                + CHANNEL
                + ",\"submission\":{\"note\":\""
                + MARKER
                + "\"},\"callback_id\":\"old_dialog\",\"response_url\":"
                + "\"https://hooks.slack.invalid/d\",\"state\":\"\"}"),
        interaction(
            "dialog_cancellation",
            "{\"type\":\"dialog_cancellation\",\"token\":\"legacy\",\"action_ts\":\"1700000000.1\","
                + TEAM
                + ","
                + USER
                + ","
                + CHANNEL
                + ",\"callback_id\":\"old_dialog\","
                + "\"response_url\":\"https://hooks.slack.invalid/d\",\"state\":\"\"}"),
        interaction(
            "dialog_suggestion (an options load)",
            "{\"type\":\"dialog_suggestion\",\"token\":\"legacy\",\"action_ts\":\"1700000000.1\","
                + TEAM
                + ","
                + USER
                + ","
                + CHANNEL
                + ",\"name\":\"topic\",\"value\":\""
                + MARKER
                + "\",\"callback_id\":\"old_dialog\",\"state\":\"\"}"),
        interaction(
            "workflow_step_edit",
            "{\"type\":\"workflow_step_edit\",\"token\":\"legacy\",\"action_ts\":\"1700000000.1\","
                + TEAM
                + ","
                + USER
                + ",\"callback_id\":\"step\",\"trigger_id\":\"1.2.9\","
                + "\"workflow_step\":{\"workflow_id\":\"2\",\"step_id\":\"3\",\"inputs\":{},"
                + "\"outputs\":[]}}"));
  }

  private static Arguments interaction(String name, String payload) {
    return Arguments.of(name, payload);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("interactions")
  @DisplayName("Interactivity Nudge has no use for is acked with 200 and nothing breaks")
  void interactivity(String name, String payload) throws Exception {
    HttpResponse<String> response =
        slack.post(
            "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
            "application/x-www-form-urlencoded");

    assertThat(response.statusCode()).as(name).isEqualTo(200);
    if (name.contains("options load")) {
      JsonNode options = JSON.readTree(response.body());
      assertThat(options.path("options").isArray()).as(name).isTrue();
    }
    assertQuiet();
  }

  @Test
  @DisplayName("A button press inside a modal (no response_url) is answered by DM")
  void blockActionInAModal() {
    String payload =
        "{\"type\":\"block_actions\","
            + USER
            + ",\"api_app_id\":\"A0NUDGE\",\"token\":\"legacy\","
            + "\"container\":{\"type\":\"view\",\"view_id\":\"V0FORM\"},\"trigger_id\":\"1.3.1\","
            + TEAM
            + ","
            + VIEW
            + ",\"actions\":[{\"action_id\":\"nudge-unknown\",\"block_id\":"
            + "\"b1\",\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":"
            + "\"plain_text\",\"text\":\"Two\"},\"value\":\"2\"},\"action_ts\":\"1700000000.1\"}]}";

    HttpResponse<String> response =
        slack.post(
            "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
            "application/x-www-form-urlencoded");

    assertThat(response.statusCode()).isEqualTo(200);
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    assertQuiet();
  }

  @Test
  @DisplayName("A slash command Nudge doesn't own is answered with a sentence, not a 404")
  void unknownSlashCommand() {
    String shown = slack.shownTo(SlackTestbed.MENTEE, "/nudge-old", MARKER);

    assertThat(shown).isNotBlank();
  }

  @Test
  @DisplayName("Slack's signed SSL check (ssl_check=1) gets 200 and does nothing")
  void sslCheck() {
    HttpResponse<String> response =
        slack.post("ssl_check=1&token=" + MARKER, "application/x-www-form-urlencoded");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(slack.received).isEmpty();
    assertThat(slack.slack.effects()).isEmpty();
    assertQuiet();
  }

  // -------------------------------------------------------------------------------------------
  // Signed, but nothing Slack documents

  static Stream<Arguments> oddities() {
    return Stream.of(
        Arguments.of(
            "JSON of an unknown type",
            "{\"type\":\"no_such_type\",\"text\":\"" + MARKER + "\"}",
            "application/json"),
        Arguments.of(
            "an event_callback without its event",
            "{\"type\":\"event_callback\",\"note\":\"" + MARKER + "\"}",
            "application/json"),
        Arguments.of(
            "an event whose type is not a string",
            "{\"type\":\"event_callback\",\"event\":{\"type\":{\"x\":\"" + MARKER + "\"}}}",
            "application/json"),
        Arguments.of("a JSON array", "[\"" + MARKER + "\"]", "application/json"),
        Arguments.of("JSON that does not parse", "{\"type\":\"" + MARKER, "application/json"),
        Arguments.of(
            "a form without payload or command",
            "text=" + MARKER + "&x=1",
            "application/x-www-form-urlencoded"),
        Arguments.of(
            "a payload that is not JSON", "payload=" + MARKER, "application/x-www-form-urlencoded"),
        Arguments.of(
            "a payload of an unknown type",
            "payload="
                + URLEncoder.encode(
                    "{\"type\":\"future_thing\",\"v\":\"" + MARKER + "\"}", StandardCharsets.UTF_8),
            "application/x-www-form-urlencoded"),
        Arguments.of(
            "block_actions without actions or user",
            "payload="
                + URLEncoder.encode(
                    "{\"type\":\"block_actions\",\"v\":\"" + MARKER + "\"}",
                    StandardCharsets.UTF_8),
            "application/x-www-form-urlencoded"),
        Arguments.of(
            "a view_submission without its view",
            "payload="
                + URLEncoder.encode(
                    "{\"type\":\"view_submission\",\"v\":\"" + MARKER + "\"}",
                    StandardCharsets.UTF_8),
            "application/x-www-form-urlencoded"),
        Arguments.of("plain text", "hello " + MARKER, "text/plain"),
        Arguments.of("an empty body", "", "application/json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddities")
  @DisplayName("A signed body Nudge can't read gets 200, nothing done, one line without content")
  void signedButUnreadable(String name, String body, String contentType) {
    HttpResponse<String> response = slack.post(body, contentType);

    assertThat(response.statusCode()).as(name).isEqualTo(200);
    assertThat(slack.received).isEmpty();
    assertThat(slack.slack.effects()).isEmpty();
    List<String> lines = logs.lines();
    assertThat(lines).as(name).anyMatch(line -> line.contains("SlackEndpoint"));
    assertQuiet();
  }

  /** No error, no warning but the rate limit's, and nothing the request carried, in any line. */
  private void assertQuiet() {
    assertThat(logs.lines()).noneMatch(line -> line.contains(MARKER));
    assertThat(logs.atLeast(Level.WARN)).allMatch(line -> line.contains("app_rate_limited"));
  }
}
