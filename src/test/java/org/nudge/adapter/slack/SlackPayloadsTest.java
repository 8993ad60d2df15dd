package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.app_backend.events.payload.MessageFileSharePayload;
import com.slack.api.app_backend.events.payload.MessagePayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.util.json.GsonFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.UserRef;

@DisplayName("Slack payloads in the engine's terms, without HTTP")
class SlackPayloadsTest {

  /** Bolt reads JSON payloads this way. */
  private static final Gson GSON = GsonFactory.createSnakeCase();

  private static final UserRef ALICE = new UserRef("slack", "T0TEST", "UALICE");

  @Test
  @DisplayName("A slash command is named without its slash, its links read as the member saw them")
  void command() {
    Inbound.Command command =
        SlackPayloads.command(
            slash("/WIN", "  shipped <https://example.org/pr/1|the fix> ", "C0GENERAL"));

    assertThat(command)
        .isEqualTo(
            new Inbound.Command(
                ALICE, "win", "shipped the fix (https://example.org/pr/1)", "C0GENERAL"));
  }

  @Test
  @DisplayName("A slash command typed in a DM has no channel, so its answer stays private")
  void commandInADirectMessage() {
    assertThat(SlackPayloads.command(slash("/goals", "", "DUALICE")).channel()).isNull();
  }

  @Test
  @DisplayName("A click on a button is an action with its id and value, a menu choice its option")
  void clicks() {
    SlackPayloads.Click button =
        SlackPayloads.click(
            GSON.fromJson(
                click("{\"action_id\":\"reflect:snooze\",\"value\":\"1d\",\"type\":\"button\"}"),
                BlockActionPayload.class));
    SlackPayloads.Click choice =
        SlackPayloads.click(
            GSON.fromJson(
                click(
                    "{\"action_id\":\"pick\",\"type\":\"static_select\","
                        + "\"selected_option\":{\"value\":\"two\"}}"),
                BlockActionPayload.class));

    assertThat(button)
        .isEqualTo(
            new SlackPayloads.Invokes(new Inbound.ActionInvoked(ALICE, "reflect:snooze", "1d")));
    assertThat(choice)
        .isEqualTo(new SlackPayloads.Invokes(new Inbound.ActionInvoked(ALICE, "pick", "two")));
  }

  @Test
  @DisplayName("A button that carries its form opens that form, without the engine")
  void clickOpensACarriedForm() {
    String value = FormCodec.encode(SlackFormsTest.REFLECTION).orElseThrow();
    SlackPayloads.Click click =
        SlackPayloads.click(
            GSON.fromJson(
                click(
                    "{\"action_id\":\"reflect:open\",\"type\":\"button\",\"value\":\""
                        + value
                        + "\"}"),
                BlockActionPayload.class));

    assertThat(click).isEqualTo(new SlackPayloads.OpensForm(ALICE, SlackFormsTest.REFLECTION));
  }

  @Test
  @DisplayName("A submitted modal gives its values by field id, typed text and chosen options")
  void submission() {
    String json =
        "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0TEST\"},"
            + "\"user\":{\"id\":\"UALICE\",\"team_id\":\"T0TEST\"},"
            + "\"view\":{\"id\":\"V1\",\"callback_id\":\"reflect:form\","
            + "\"title\":{\"type\":\"plain_text\",\"text\":\"Your reflection\"},"
            + "\"state\":{\"values\":{"
            + "\"answer\":{\"answer\":{\"type\":\"plain_text_input\",\"value\":\"a &lt;b&gt;\"}},"
            + "\"mood\":{\"mood\":{\"type\":\"static_select\","
            + "\"selected_option\":{\"value\":\"good\"}}}}}}}";
    ViewSubmissionPayload payload = GSON.fromJson(json, ViewSubmissionPayload.class);

    Map<String, String> values = new LinkedHashMap<>();
    values.put("answer", "a <b>");
    values.put("mood", "good");
    assertThat(SlackPayloads.submission(payload))
        .isEqualTo(new Inbound.FormSubmitted(ALICE, "reflect:form", values));
    assertThat(SlackPayloads.title(payload.getView())).isEqualTo("Your reflection");
  }

  @Test
  @DisplayName("A DM to Nudge keeps its event id and thread, and reads as the member wrote it")
  void directMessage() {
    MessagePayload payload =
        GSON.fromJson(
            message(
                "\"channel_type\":\"im\",\"text\":\"it went &amp; well\",\"thread_ts\":\"1.2\""),
            MessagePayload.class);

    SlackPayloads.DirectMessage message = SlackPayloads.directText(payload).orElseThrow();

    assertThat(message.eventId()).isEqualTo("Ev1");
    assertThat(message.channel()).isEqualTo("DUALICE");
    assertThat(message.threadTs()).isEqualTo("1.2");
    assertThat(message.withFiles()).isFalse();
    assertThat(message.inbound()).contains(new Inbound.DirectText(ALICE, "it went & well"));
  }

  @Test
  @DisplayName("A bot's message, a channel message and an edit without text are not DMs to read")
  void notDirectMessages() {
    for (String fields :
        new String[] {
          "\"channel_type\":\"im\",\"text\":\"beep\",\"bot_id\":\"B1\"",
          "\"channel_type\":\"channel\",\"text\":\"hello all\"",
          "\"channel_type\":\"im\""
        }) {
      assertThat(SlackPayloads.directText(GSON.fromJson(message(fields), MessagePayload.class)))
          .as(fields)
          .isEmpty();
    }
  }

  @Test
  @DisplayName("A file in the DM is a message with files, and Nudge's own upload is left alone")
  void filesInTheDirectMessage() {
    String shared =
        "{\"type\":\"event_callback\",\"team_id\":\"T0TEST\",\"event_id\":\"Ev2\","
            + "\"event\":{\"type\":\"message\",\"subtype\":\"file_share\",\"channel\":\"DUALICE\","
            + "\"user\":\"%s\",\"text\":\"%s\",\"ts\":\"1.1\"}}";

    SlackPayloads.DirectMessage onlyAFile =
        SlackPayloads.directFiles(
                GSON.fromJson(shared.formatted("UALICE", " "), MessageFileSharePayload.class),
                "UNUDGEBOT")
            .orElseThrow();

    assertThat(onlyAFile.withFiles()).isTrue();
    assertThat(onlyAFile.text()).isNull();
    assertThat(onlyAFile.inbound()).isEmpty();
    assertThat(
            SlackPayloads.directFiles(
                GSON.fromJson(
                    shared.formatted("UNUDGEBOT", "export"), MessageFileSharePayload.class),
                "UNUDGEBOT"))
        .isEmpty();
  }

  private static SlashCommandPayload slash(String command, String text, String channel) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("team_id", "T0TEST");
    form.put("channel_id", channel);
    form.put("user_id", "UALICE");
    form.put("command", command);
    form.put("text", text);
    form.put("response_url", "https://hooks.slack.com/commands/1");
    form.put("trigger_id", "trigger-1");
    return new SlashCommandPayloadParser().parse(SlackTestbed.formEncode(form));
  }

  private static String click(String action) {
    return "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0TEST\"},"
        + "\"user\":{\"id\":\"UALICE\",\"team_id\":\"T0TEST\"},\"trigger_id\":\"trigger-2\","
        + "\"actions\":["
        + action
        + "]}";
  }

  private static String message(String fields) {
    return "{\"type\":\"event_callback\",\"team_id\":\"T0TEST\",\"event_id\":\"Ev1\","
        + "\"event\":{\"type\":\"message\",\"channel\":\"DUALICE\",\"user\":\"UALICE\","
        + "\"ts\":\"1.1\","
        + fields
        + "}}";
  }
}
