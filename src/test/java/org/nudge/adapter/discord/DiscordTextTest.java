package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.LiveMentions;

@DisplayName("Text between the engine and Discord")
class DiscordTextTest {

  @Test
  @DisplayName("long text is split at line breaks, then spaces, and joins back to the same words")
  void splitsAtBoundaries() {
    String text = "first line\n" + "word ".repeat(600) + "\nlast line";
    List<String> pieces = TextSplitter.split(text, 2000);
    assertThat(pieces)
        .hasSizeGreaterThan(1)
        .allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(2000));
    assertThat(pieces).allSatisfy(p -> assertThat(p).doesNotStartWith(" ").doesNotEndWith("wor"));
    assertThat(String.join(" ", pieces).split("\\s+")).isEqualTo(text.split("\\s+"));
  }

  @Test
  @DisplayName("a text with no spaces is cut hard, but never inside an emoji")
  void neverSplitsAnEmoji() {
    String text = "🎉".repeat(1500);
    List<String> pieces = TextSplitter.split(text, 2000);
    assertThat(String.join("", pieces)).isEqualTo(text);
    assertThat(pieces)
        .allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
  }

  @Test
  @DisplayName("short text stays whole, and empty text is one empty piece")
  void shortText() {
    assertThat(TextSplitter.split("hello", 2000)).containsExactly("hello");
    assertThat(TextSplitter.split("", 2000)).containsExactly("");
  }

  @Test
  @DisplayName(
      "what a member wrote reaches Discord exactly as written: markdown, mentions, @everyone")
  void memberTextUnchanged() {
    String typed = "*x* **y** _nice_ `code` <@123> <@&77> in <#456> @everyone @here";
    assertThat(DiscordText.outbound(typed)).isEqualTo(typed);
    assertThat(DiscordText.liveMentions(typed)).isEmpty();
  }

  @Test
  @DisplayName("only the engine's own mentions are live, and they render as Discord mentions")
  void engineMentions() {
    String text = LiveMentions.of("42") + ", please open your DMs; thanks <@7>";
    assertThat(DiscordText.outbound(text)).isEqualTo("<@42>, please open your DMs; thanks <@7>");
    assertThat(DiscordText.liveMentions(text)).containsExactly("42");
  }

  @Test
  @DisplayName("a code block split over several messages is closed and reopened in each")
  void codeBlockSplit() {
    StringBuilder json = new StringBuilder("{\n  \"entries\" : [");
    for (int i = 0; i < 60; i++) {
      json.append(" {\n    \"text\" : \"*win* number ").append(i).append(" `tick`\"\n  },");
    }
    json.append(" {\n    \"text\" : \"").append("long ".repeat(500)).append("end\"\n  } ]\n}");
    String text = "Here's everything you've written:\n```json\n" + json + "\n```\nThat's all.";

    List<String> pieces = TextSplitter.split(text, 2000);

    assertThat(pieces).hasSizeGreaterThan(2);
    assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
    StringBuilder code = new StringBuilder();
    for (String piece : pieces) {
      assertThat(piece.split("```", -1).length % 2).as("balanced fences in " + piece).isEqualTo(1);
      int open = piece.indexOf("```");
      if (open >= 0) {
        int start = piece.indexOf('\n', open) + 1;
        assertThat(piece.substring(open, start)).isEqualTo("```json\n");
        code.append(piece, start, piece.indexOf("\n```", start)).append('\n');
      }
    }
    // Put back together, the code is the JSON as written, bar the line breaks between pieces
    // where a line that did not fit was cut
    assertThat(code.toString().replace("\n", "")).isEqualTo(json.toString().replace("\n", ""));
    assertThat(pieces.get(0)).startsWith("Here's everything you've written:\n```json\n{");
    assertThat(pieces.get(pieces.size() - 1)).endsWith("\n```\nThat's all.");
  }

  @Test
  @DisplayName(
      "a cut that falls just before a code block ends closes it once, with nothing reopened")
  void codeBlockEndsAtTheCut() {
    String body = ("x".repeat(60) + "\n").repeat(32);
    String text = "```\n" + body + "```\nafter";
    List<String> pieces =
        TextSplitter.split(text, "```\n".length() + body.length() + "```".length());
    assertThat(pieces).containsExactly("```\n" + body.stripTrailing() + "\n```", "after");
  }

  @Test
  @DisplayName("Discord's nickname mentions reach the engine as plain user mentions")
  void inbound() {
    assertThat(DiscordText.inbound("thanks <@!42> and <@7>")).isEqualTo("thanks <@42> and <@7>");
  }

  @Test
  @DisplayName("button ids carry the action and its value, or a cache token when too long")
  void componentIds() {
    ComponentIds ids = new ComponentIds();
    assertThat(ids.decode(ids.button("reflect:start", "2026-W10")))
        .isEqualTo(new ComponentIds.Decoded(ComponentIds.Kind.BUTTON, "reflect:start", "2026-W10"));
    String long1 = "x".repeat(150);
    String token = ids.button("goal:done", long1);
    assertThat(token).hasSizeLessThanOrEqualTo(100);
    assertThat(ids.decode(token).value()).isEqualTo(long1);
    assertThat(ids.decode("c|reflect:share|2").id()).isEqualTo("reflect:share");
    assertThat(ids.decode("nonsense").kind()).isEqualTo(ComponentIds.Kind.UNKNOWN);
  }
}
