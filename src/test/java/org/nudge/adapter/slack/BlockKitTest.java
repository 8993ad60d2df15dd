package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.LiveMentions;
import org.nudge.engine.model.Message;

@DisplayName("Rendering messages as Block Kit within Slack's limits")
class BlockKitTest {

  @Test
  @DisplayName("Text is cut at line breaks first, then at spaces, never inside a word")
  void splitsAtLinesThenWords() {
    String line = "word ".repeat(500).strip(); // 2,499 characters
    List<String> pieces = TextSplitter.split(line + "\n" + line, 3000);
    assertThat(pieces).containsExactly(line, line);

    String words = "alpha beta gamma ".repeat(300).strip();
    for (String piece : TextSplitter.split(words, 3000)) {
      assertThat(piece.length()).isLessThanOrEqualTo(3000);
      assertThat(piece).matches("(alpha|beta|gamma)( (alpha|beta|gamma))*");
    }
  }

  @Test
  @DisplayName("A single endless word is cut between characters, never inside an emoji or mention")
  void hardCutsKeepCharactersWhole() {
    String flags = "🇺🇦".repeat(1000);
    for (String piece : TextSplitter.split(flags, 3000)) {
      assertThat(piece.length() % 4).isZero();
    }
    String thumbs = "👍🏽".repeat(1000);
    for (String piece : TextSplitter.split(thumbs, 3000)) {
      assertThat(piece).matches("(👍🏽)+");
    }
    String mentions = "<@U0123456789>".repeat(300);
    for (String piece : TextSplitter.split(mentions, 3000)) {
      assertThat(piece).matches("(<@U0123456789>)+");
    }
  }

  @Test
  @DisplayName("More than 50 blocks of text become several messages, the actions under the last")
  void longTextBecomesSeveralMessages() {
    String paragraph = "x".repeat(2900);
    String text = IntStream.range(0, 60).mapToObj(i -> paragraph).collect(Collectors.joining("\n"));
    Message message = new Message(text, List.of(Action.Button.of("ok", "Got it", "1")));

    List<BlockKit.Rendered> messages = BlockKit.render(message);

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).blocks()).hasSize(50);
    assertThat(messages.get(1).blocks()).hasSize(11);
    assertThat(messages.get(1).blocks().get(10).path("type").asText()).isEqualTo("actions");
    assertThat(messages.get(0).fallback().length()).isLessThanOrEqualTo(3000);
  }

  @Test
  @DisplayName("Actions keep our ids and values; over 25 share several action blocks")
  void actionsKeepIdsAndValues() {
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      actions.add(new Action.Button("rate:" + i, "Rate " + i, "v" + i, i == 0));
    }
    actions.add(
        new Action.Choice(
            "phase",
            "Pick a phase",
            List.of(
                new Action.Option("active", "Active"), new Action.Option("waiting", "Waiting"))));

    List<BlockKit.Rendered> rendered = BlockKit.render(new Message("Choose", actions));

    JsonNode blocks = rendered.get(0).blocks();
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(1).path("elements")).hasSize(25);
    JsonNode first = blocks.get(1).path("elements").get(0);
    assertThat(first.path("action_id").asText()).isEqualTo("rate:0");
    assertThat(first.path("value").asText()).isEqualTo("v0");
    assertThat(first.path("style").asText()).isEqualTo("primary");
    JsonNode select = blocks.get(2).path("elements").get(5);
    assertThat(select.path("type").asText()).isEqualTo("static_select");
    assertThat(select.path("options").get(1).path("value").asText()).isEqualTo("waiting");
  }

  @Test
  @DisplayName("Labels and titles are clipped to Slack's limits")
  void labelsAreClipped() {
    Form form =
        new Form(
            "f",
            "A title far longer than twenty-four characters",
            "Submit it please right now",
            List.of(new Form.Field("a", "Question", false, true, 0, null)));
    JsonNode modal = BlockKit.modal(form, null);
    assertThat(modal.path("title").path("text").asText()).hasSize(24).endsWith("…");
    assertThat(modal.path("submit").path("text").asText().length()).isLessThanOrEqualTo(24);
  }

  @Test
  @DisplayName("A form travels in its button's value and comes back the same")
  void formCodecRoundTrip() {
    Form form = SlackFormsTest.REFLECTION;
    String value = FormCodec.encode(form).orElseThrow();
    assertThat(value.length()).isLessThanOrEqualTo(2000);
    assertThat(FormCodec.decode(value)).contains(form);
    assertThat(FormCodec.decode("1d")).isEmpty();
    assertThat(FormCodec.decode(FormCodec.PREFIX + "not base64!")).isEmpty();
  }

  @Test
  @DisplayName("A code block longer than a section is closed and reopened in each, nothing lost")
  void codeBlockOverSections() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 200; i++) {
      json.append("\n  \"text\" : \"*win* number ").append(i).append(" <b> & `tick`\",");
    }
    json.append("\n}");
    Message export = Message.text("Here's everything:\n```\n" + json + "\n```\nThat's all.");

    List<String> sections = new ArrayList<>();
    for (BlockKit.Rendered rendered : BlockKit.render(export)) {
      rendered.blocks().forEach(b -> sections.add(b.path("text").path("text").asText()));
    }

    assertThat(sections).hasSizeGreaterThan(1);
    StringBuilder code = new StringBuilder();
    for (String section : sections) {
      assertThat(section.length()).isLessThanOrEqualTo(BlockKit.SECTION_CHARS);
      assertThat(section.split("```", -1)).as("fences in %s", section).hasSize(3);
      int start = section.indexOf("```\n") + 4;
      code.append(code.length() == 0 ? "" : "\n")
          .append(section, start, section.lastIndexOf("\n```"));
    }
    String escaped =
        json.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    assertThat(code.toString()).isEqualTo(escaped);
    assertThat(sections.get(sections.size() - 1)).endsWith("```\nThat's all.");
  }

  @Test
  @DisplayName("Slack's escapes are undone on the way in, mentions kept as references for commands")
  void inbound() {
    assertThat(SlackText.fromSlack("hi <@U1|ann> in <#C2|team> &lt;3 &amp; more"))
        .isEqualTo("hi <@U1|ann> in <#C2> <3 & more");
    assertThat(SlackText.fromSlack("<@U1|Ann Lee> and <@U2>")).isEqualTo("<@U1> and <@U2>");
  }

  @Test
  @DisplayName("Slack's special mentions and links come in as the words the person saw")
  void inboundControlSequences() {
    assertThat(SlackText.fromSlack("<!subteam^S1|@team> <!subteam^S2> <!here> <!here|here>"))
        .isEqualTo("@team @S2 @here @here");
    assertThat(SlackText.fromSlack("<!channel> <!everyone> <!date^1392734382^{date}|Feb 18>"))
        .isEqualTo("@channel @everyone Feb 18");
    assertThat(SlackText.fromSlack("<https://x.org/a?b=1&amp;c=2|label with spaces>"))
        .isEqualTo("label with spaces (https://x.org/a?b=1&c=2)");
    assertThat(SlackText.fromSlack("<https://evil.example|https://slack.com/login>"))
        .isEqualTo("https://slack.com/login (https://evil.example)");
    assertThat(SlackText.fromSlack("<mailto:a@b.org|a@b.org> <mailto:a@b.org|Ann>"))
        .isEqualTo("a@b.org Ann (a@b.org)");
    assertThat(SlackText.fromSlack("<http://example.com|example.com> <https://x.org>"))
        .isEqualTo("example.com https://x.org");
    assertThat(SlackText.fromSlack("I typed &lt;!channel&gt; myself"))
        .isEqualTo("I typed <!channel> myself");
  }

  @Test
  @DisplayName("on the way out all text is escaped; only the engine's mentions are live")
  void outbound() {
    assertThat(
            SlackText.toSlack(
                "<!channel> <!here> <!everyone> <!subteam^S1|@team> <https://evil|https://slack.com>"))
        .isEqualTo(
            "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;!subteam^S1|@team&gt;"
                + " &lt;https://evil|https://slack.com&gt;");
    assertThat(SlackText.toSlack("hi <@U1|ann> and <@U2> in <#C2> <#general> <3 & more"))
        .isEqualTo("hi @ann and @U2 in <#C2> &lt;#general&gt; &lt;3 &amp; more");
    assertThat(SlackText.toSlack(LiveMentions.of("U9") + ", please open your DMs"))
        .isEqualTo("<@U9>, please open your DMs");
  }

  @Test
  @DisplayName("text a person typed can never carry one of the engine's live mentions")
  void noForgedLiveMention() {
    String forged = LiveMentions.of("U9") + " hello";
    Inbound.Command command =
        new Inbound.Command(SlackTestbed.user("U1"), "win", SlackText.fromSlack(forged), null);
    assertThat(SlackText.toSlack(command.text())).isEqualTo("@U9 hello");
    assertThat(LiveMentions.users(command.text())).isEmpty();
  }
}
