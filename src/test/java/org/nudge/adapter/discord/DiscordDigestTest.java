package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.LEAD;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;
import static org.nudge.adapter.discord.DiscordHarness.channel;
import static org.nudge.adapter.discord.DiscordHarness.opts;
import static org.nudge.adapter.discord.DiscordHarness.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.UserRef;

@DisplayName("Digests and exports on Discord")
class DiscordDigestTest {

  private final DiscordRenderer renderer = new DiscordRenderer(new ComponentIds());

  private static Message digest(int sections, int linesEach, int lineLength) {
    List<Message.Section> list = new ArrayList<>();
    for (int s = 0; s < sections; s++) {
      List<String> lines = new ArrayList<>();
      for (int l = 0; l < linesEach; l++) {
        lines.add("• line " + s + "." + l + " " + "word ".repeat(lineLength / 5).strip());
      }
      list.add(new Message.Section("Section " + s, lines));
    }
    return Message.structured("📊 Spring: weekly digest, Mon 2 Mar to Mon 9 Mar", list);
  }

  @Test
  @DisplayName("a digest is an embed with the title and one field per section")
  void embedWithFields() {
    List<MessageCreateData> out = renderer.asEmbeds(digest(3, 3, 30));

    assertThat(out).hasSize(1);
    MessageEmbed embed = out.get(0).getEmbeds().get(0);
    assertThat(embed.getTitle()).isEqualTo("📊 Spring: weekly digest, Mon 2 Mar to Mon 9 Mar");
    assertThat(embed.getFields())
        .extracting(MessageEmbed.Field::getName)
        .containsExactly("Section 0", "Section 1", "Section 2");
    assertThat(embed.getFields().get(0).getValue()).startsWith("• line 0.0 word word");
    assertThat(out.get(0).getContent()).isEmpty();
  }

  @Test
  @DisplayName(
      "a huge digest keeps Discord's limits: 1,024 a field, 25 fields and 6,000 characters an embed, lines whole")
  void limits() {
    Message big = digest(30, 40, 200);

    List<MessageCreateData> out = renderer.asEmbeds(big);

    StringBuilder shown = new StringBuilder();
    for (MessageCreateData data : out) {
      assertThat(data.getEmbeds()).hasSize(1);
      MessageEmbed embed = data.getEmbeds().get(0);
      assertThat(embed.getFields()).hasSizeLessThanOrEqualTo(25);
      assertThat(embed.getLength()).isLessThanOrEqualTo(6000);
      for (MessageEmbed.Field field : embed.getFields()) {
        assertThat(field.getValue().length()).isLessThanOrEqualTo(1024);
        shown.append(field.getValue()).append('\n');
      }
    }
    for (Message.Section section : big.sections()) {
      for (String line : section.lines()) {
        assertThat(shown.toString().split("\n", -1)).containsOnlyOnce(line);
      }
    }
  }

  @Test
  @DisplayName(
      "/nudge digest now posts an embed to the channel and the leads' part to each lead's DM, or"
          + " to the leads' channel once set; the export arrives as two files")
  void endToEnd() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness()) {
      nudge.run(
          LEAD,
          "nudge",
          "program",
          "create",
          opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING)));
      nudge.run(LEAD, "nudge", null, "pair", opts("mentor", user(MARIA), "mentee", user(ALICE)));
      nudge.run(ALICE, "win", null, null, opts("text", "first demo", "share", true));
      nudge.dispatcher.drain();

      assertThat(nudge.run(LEAD, "nudge", null, "digest", opts("mode", "now")))
          .startsWith("Posted Spring's digest to");
      nudge.dispatcher.drain();
      List<JsonNode> posts = nudge.posts(FakeDiscord.MENTORING);
      JsonNode embed = posts.get(posts.size() - 1).path("embeds").get(0);
      assertThat(embed.path("title").asText()).startsWith("📊 Spring: weekly digest");
      List<String> names = new ArrayList<>();
      embed.path("fields").forEach(f -> names.add(f.path("name").asText()));
      assertThat(names).containsExactly("Participation", "Highlights", "Volunteers to mentor");
      assertThat(embed.path("fields").get(1).path("value").asText())
          .contains("🌟 Alice: first demo");
      JsonNode forLead = lastEmbed(nudge.posts(FakeDiscord.dmChannel(LEAD)));
      assertThat(forLead.path("title").asText()).startsWith("🔒 Spring, for leads only");
      assertThat(forLead.path("fields").get(2).path("name").asText()).isEqualTo("Pairs at risk");

      // a leads' channel, picked with the command's channel option
      assertThat(
              nudge.run(
                  LEAD,
                  "nudge",
                  "program",
                  "leads-channel",
                  opts("name", "Spring", "channel", channel(FakeDiscord.GENERAL))))
          .startsWith("Spring's pairs at risk, health and feedback figures now go to");
      assertThat(nudge.run(LEAD, "nudge", null, "digest", opts("mode", "now")))
          .endsWith("and its pairs at risk and health to <#" + FakeDiscord.GENERAL + ">.");
      nudge.dispatcher.drain();
      assertThat(lastEmbed(nudge.posts(FakeDiscord.GENERAL)).path("title").asText())
          .startsWith("🔒 Spring, for leads only");

      String preview = nudge.run(LEAD, "nudge", null, "digest", opts());
      assertThat(preview).isEmpty(); // an embed, no content: shown only to the lead

      assertThat(nudge.run(LEAD, "nudge", null, "export-program", opts("program", "Spring")))
          .startsWith("I've sent you the export of Spring in a direct message");
      nudge.dispatcher.drain();
      List<JsonNode> dms = nudge.posts(FakeDiscord.dmChannel(LEAD));
      JsonNode files = dms.get(dms.size() - 1).path("_files");
      assertThat(files).hasSize(2);
      assertThat(files.get(0).path("name").asText()).endsWith("-pairs.csv");
      assertThat(files.get(0).path("content").asText())
          .startsWith("pair_id,mentor,mentee")
          .contains("\"Maria\",\"Alice\"");
      assertThat(files.get(1).path("name").asText()).endsWith(".json");
    }
  }

  @Test
  @DisplayName(
      "a member's export too long for one message arrives as code blocks that each open and close, exactly as written")
  void longExportKeepsItsCodeBlocks() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness()) {
      // GIVEN Alice has logged twenty wins full of markdown and mentions
      for (int i = 1; i <= 20; i++) {
        nudge.run(
            ALICE,
            "win",
            null,
            null,
            opts("text", "*x* stays *x*, `tick`, **y**, @everyone <@" + MARIA + "> win " + i));
      }
      UserRef alice = new UserRef(DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, ALICE);
      String written =
          nudge.engine.handle(new Inbound.Command(alice, "nudge", "export", null)).message().text();
      String json = written.substring(written.indexOf("```\n") + 4, written.lastIndexOf("\n```"));
      int expected = renderer.asContent(Message.text(written), ALICE).size();
      assertThat(expected).isGreaterThan(1);

      // WHEN she asks for her export on Discord
      String id = nudge.slash(ALICE, "nudge", null, "export", opts());

      // THEN each piece she receives is within Discord's limit and a whole code block
      List<String> pieces = nudge.replyTexts(id, expected);
      assertThat(pieces).hasSize(expected);
      StringBuilder code = new StringBuilder();
      for (String piece : pieces) {
        assertThat(piece.length()).isLessThanOrEqualTo(2000);
        assertThat(piece.split("```", -1)).as("fences in %s", piece).hasSize(3);
        int start = piece.indexOf("```\n") + 4;
        int end = piece.lastIndexOf("\n```");
        assertThat(end).as("closing fence in %s", piece).isGreaterThanOrEqualTo(start);
        code.append(code.length() == 0 ? "" : "\n").append(piece, start, end);
      }
      // AND put together they are her export character for character, *x* still *x*
      assertThat(code.toString()).isEqualTo(json);
      assertThat(json).contains("\"text\" : \"*x* stays *x*, `tick`, **y**, @everyone <@");
    }
  }

  private static JsonNode lastEmbed(List<JsonNode> posts) {
    return posts.get(posts.size() - 1).path("embeds").get(0);
  }
}
