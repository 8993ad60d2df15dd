package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
  @DisplayName("the engine's *bold* becomes Discord's **bold**; italics, code and mentions stay")
  void markdown() {
    assertThat(DiscordText.outbound("*Spring*, 2 pairs: _nice_ `code` <@123> in <#456>"))
        .isEqualTo("**Spring**, 2 pairs: _nice_ `code` <@123> in <#456>");
    assertThat(DiscordText.outbound("2*3*4 stays")).isEqualTo("2*3*4 stays");
    assertThat(DiscordText.outbound("<@U1|alice>")).isEqualTo("<@U1>");
  }

  @Test
  @DisplayName("@everyone and @here are defused in everything Nudge writes")
  void massMentions() {
    assertThat(DiscordText.outbound("hi @everyone and @here"))
        .isEqualTo("hi @\u200beveryone and @\u200bhere");
  }

  @Test
  @DisplayName("Discord's nickname mentions reach the engine as plain user mentions")
  void inbound() {
    assertThat(DiscordText.inbound("thanks <@!42> and <@7>")).isEqualTo("thanks <@42> and <@7>");
  }

  @Test
  @DisplayName("only a post that opens by addressing someone may ping them")
  void addressee() {
    assertThat(DiscordText.addressee("<@42>, please open your DMs")).containsExactly("42");
    assertThat(DiscordText.addressee("Alice shared a win: thanks <@42>")).isEmpty();
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
