package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Entries;
import org.nudge.engine.model.ConversationRef;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway;

@DisplayName("Logging a win")
class WinConversationTest {

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a mentee's win is logged with its tags and the mentor is told")
  void partnerIsTold() {
    // WHEN alice logs a win with tags
    String reply = chat.say("alice", "/win shipped the parser #backend #Parsing");

    // THEN she is thanked, and maria gets a DM with the win
    assertThat(reply).contains("Win logged (#backend #parsing)").contains("told maria");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("alice logged a win: shipped the parser #backend #Parsing");
    assertThat(chat.postsIn("mentoring")).isEmpty();
  }

  @Test
  @DisplayName("a win with --share is also posted to the program's channel")
  void shareGoesToChannel() {
    String reply = chat.say("alice", "/win gave my first talk --share");

    assertThat(reply).contains("Shared with Spring");
    assertThat(chat.postsIn("mentoring"))
        .singleElement()
        .asString()
        .contains("alice shared a win: gave my first talk")
        .doesNotContain("--share");
  }

  @Test
  @DisplayName("a mentor's win reaches the mentee")
  void mentorWinReachesMentee() {
    chat.say("maria", "/win alice's first review went well");

    assertThat(chat.dmsTo("alice")).singleElement().asString().contains("maria logged a win");
  }

  @Test
  @DisplayName("someone without a pair can still log a win, which stays with them")
  void winWithoutPair() {
    String reply = chat.say("sam", "/win finished the course --share");

    assertThat(reply).contains("Win logged").contains("not in a pair yet");
    assertThat(chat.platform.sent()).isEmpty();
    assertThat(chat.say("sam", "/nudge export")).contains("finished the course");
  }

  @Test
  @DisplayName("sharing in a program without a channel says so instead of losing the win")
  void shareWithoutChannel() {
    chat.say("lead", "/nudge program create Autumn");
    chat.say("lead", "/nudge pair @olga @ben Autumn");

    String reply = chat.say("ben", "/win wrote the RFC --share");

    assertThat(reply).contains("Win logged").contains("Autumn has no channel yet");
    assertThat(chat.say("ben", "/nudge export")).contains("wrote the RFC");
  }

  @Test
  @DisplayName("--share inside a word is part of the win, kept as typed and not a request to share")
  void shareInsideAWord() {
    // WHEN alice's win mentions a module whose name starts with --share
    String reply = chat.say("alice", "/win refactored the --shared-cache module");

    // THEN the win is logged word for word, told to maria, and not posted to the channel
    assertThat(reply).contains("Win logged").doesNotContain("Shared with");
    assertThat(chat.dmsTo("maria"))
        .singleElement()
        .asString()
        .contains("alice logged a win: refactored the --shared-cache module\n");
    assertThat(chat.postsIn("mentoring")).isEmpty();
    assertThat(storedWins("alice"))
        .singleElement()
        .satisfies(w -> assertThat(w.text()).isEqualTo("refactored the --shared-cache module"))
        .satisfies(w -> assertThat(w.shared()).isFalse());
  }

  @Test
  @DisplayName("--share counts as a word anywhere in the win, and only the flag is taken out")
  void shareAsAWordAnywhere() {
    String reply = chat.say("alice", "/win --share paired on the --shared-cache bug");

    assertThat(reply).contains("Shared with Spring");
    assertThat(chat.postsIn("mentoring"))
        .singleElement()
        .asString()
        .endsWith("alice shared a win: paired on the --shared-cache bug");
  }

  @Test
  @DisplayName(
      "a win shared where there is no channel is not marked shared, so a later channel never shows it")
  void shareWithoutChannelIsNotShared() {
    // GIVEN Autumn has no channel
    chat.say("lead", "/nudge program create Autumn");
    chat.say("lead", "/nudge pair @olga @ben Autumn");

    // WHEN ben asks to share a win
    String reply = chat.say("ben", "/win wrote the RFC --share");

    // THEN he is told it wasn't posted, and it is kept as a private win
    assertThat(reply).contains("It isn't shared").contains("Autumn has no channel yet");
    assertThat(storedWins("ben")).singleElement().satisfies(w -> assertThat(w.shared()).isFalse());
    // AND WHEN a lead gives Autumn a channel and posts its digest
    chat.say("lead", "/nudge program channel Autumn #autumn");
    assertThat(chat.say("lead", "/nudge digest now Autumn")).startsWith("Posted Autumn's digest");
    // THEN the win is not among its highlights
    assertThat(chat.postsIn("autumn")).singleElement().asString().doesNotContain("wrote the RFC");
  }

  @Test
  @DisplayName("a win shared by someone without a pair is kept private and says it wasn't posted")
  void shareWithoutPairIsNotShared() {
    String reply = chat.say("sam", "/win finished the course --share");

    assertThat(reply).contains("I couldn't share it");
    assertThat(storedWins("sam"))
        .singleElement()
        .satisfies(w -> assertThat(w.text()).isEqualTo("finished the course"))
        .satisfies(w -> assertThat(w.shared()).isFalse());
  }

  @Test
  @DisplayName(
      "only the engine's own mention pings: the closed-DM notice does, a member's @maria doesn't")
  void onlyEngineMentionsPing() {
    // GIVEN maria's direct messages are closed
    chat.platform.closeDirectMessages("maria");

    // WHEN alice shares a win that mentions her, which can't reach maria's DM
    chat.say("alice", "/win paired with @maria on the parser --share");

    // THEN the channel is told how maria can open her DMs, mentioning her live
    List<RecordingGateway.Sent> posts =
        chat.platform.sent().stream()
            .filter(
                s ->
                    s.to() instanceof ConversationRef.Channel c
                        && c.channelId().equals("mentoring"))
            .toList();
    assertThat(posts).hasSize(2);
    assertThat(posts)
        .filteredOn(s -> s.text().contains("I tried to send you a direct message"))
        .singleElement()
        .satisfies(s -> assertThat(s.text()).startsWith("<@maria>, I tried"))
        .satisfies(s -> assertThat(s.liveMentions()).containsExactly("maria"));
    // AND the shared win shows alice's mention of her, which pings nobody
    assertThat(posts)
        .filteredOn(s -> s.text().contains("shared a win"))
        .singleElement()
        .satisfies(s -> assertThat(s.text()).endsWith("paired with <@maria> on the parser"))
        .satisfies(s -> assertThat(s.liveMentions()).isEmpty());
  }

  @Test
  @DisplayName("an empty win is refused with an example, and nothing is stored")
  void emptyWin() {
    String reply = chat.say("alice", "/win   ");

    assertThat(reply).startsWith("Tell me the win, like `/win");
    assertThat(chat.dmsTo("maria")).isEmpty();
    assertThat(chat.say("alice", "/nudge export")).contains("(0 entries)");
  }

  @Test
  @DisplayName("a win of 4,000 characters is refused and echoed back whole so nothing is lost")
  void hugeWin() {
    String text = "x".repeat(3990) + " the end";

    String reply = chat.say("alice", "/win " + text);

    assertThat(reply).contains("3,998 characters").contains("under 3,000");
    assertThat(reply).endsWith("You typed: /win " + text);
    assertThat(chat.dmsTo("maria")).isEmpty();
  }

  @Test
  @DisplayName("emoji count as one character each and survive the round trip")
  void emojiWin() {
    String text = "🎉".repeat(2000) + " shipped 🚀";

    String reply = chat.say("alice", "/win " + text);

    assertThat(reply).contains("Win logged");
    assertThat(chat.dmsTo("maria")).singleElement().asString().contains(text);
  }

  /** The wins stored for {@code who}, as the digest and exports will read them. */
  private List<Entries.Win> storedWins(String who) {
    return chat.store()
        .inTransaction(tx -> tx.wins().by(tx.members().find(Chat.user(who)).orElseThrow().id()));
  }
}
