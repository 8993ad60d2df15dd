package org.nudge.engine.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

@DisplayName("What leads see: pair health, program exports, and nothing private")
class LeadViewsTest {

  private final Chat chat = new Chat();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("/nudge health @member: a score out of 100, its band and the reasons behind it")
  void health() {
    chat.withPair();
    chat.say("alice", "/win first demo");
    chat.say("alice", "/checkin kickoff chat");
    chat.say("maria", "/win good questions from alice");

    Reply reply = chat.reply("lead", "/nudge health @alice");

    Message m = reply.message();
    assertThat(m.title()).isEqualTo("🩺 Pair health for alice");
    assertThat(m.sections())
        .singleElement()
        .satisfies(s -> assertThat(s.heading()).isEqualTo("maria & alice"));
    assertThat(m.text())
        .contains("Score 93 / 100: thriving (in Spring)")
        .contains("• met today (cadence 14 days)")
        .contains("• no prompts in the last four weeks")
        .contains("• both take part (mentor 1, mentee 2 things in four weeks)")
        .contains("• no feedback in twelve weeks yet");
  }

  @Test
  @DisplayName("/nudge health: a pair at risk is in 'needs a word' with its reasons; leads only")
  void healthAtRisk() {
    chat.withPair();
    chat.advance(Duration.ofDays(30));

    assertThat(chat.say("lead", "/nudge health @maria"))
        .contains(": needs a word (in Spring)")
        .contains("⚠️ check-in overdue: paired 30 days ago and never met (cadence 14 days)");
    assertThat(chat.say("alice", "/nudge health @maria"))
        .startsWith("`/nudge health` is for program leads");
    assertThat(chat.say("lead", "/nudge health @nobody"))
        .startsWith("That person isn't in an active pair");
    assertThat(chat.say("lead", "/nudge health alice")).startsWith("Mention one member");
  }

  @Test
  @DisplayName(
      "/nudge export program: CSV and JSON files of aggregates and pairs, sent to the lead")
  void export() throws Exception {
    chat.withPair();
    chat.say("lead", "/nudge pair @olga @bob");
    chat.say("alice", "/win shipped it --share");
    chat.say("alice", "/thanks @maria for THANKS-TEXT on the review");

    String reply = chat.say("lead", "/nudge export program Spring");

    assertThat(reply)
        .isEqualTo(
            "I've sent you the export of Spring in a direct message: spring-2026-03-02-pairs.csv"
                + " and spring-2026-03-02.json.");
    Message dm = chat.lastDmTo("lead");
    assertThat(dm.attachments()).hasSize(2);
    Message.Attachment csv = dm.attachments().get(0);
    assertThat(csv.contentType()).isEqualTo("text/csv");
    List<String> rows = csv.content().lines().toList();
    assertThat(rows.get(0)).startsWith("pair_id,mentor,mentee,phase,started_at,cadence_days");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).contains(",\"maria\",\"alice\",kickoff,2026-03-02T09:00:00Z,14,");
    JsonNode json = new ObjectMapper().readTree(dm.attachments().get(1).content());
    assertThat(json.path("program").asText()).isEqualTo("Spring");
    assertThat(json.path("summary").path("active_pairs").asInt()).isEqualTo(2);
    assertThat(json.path("summary").path("wins").asInt()).isEqualTo(1);
    assertThat(json.path("summary").path("wins_shared").asInt()).isEqualTo(1);
    // Appreciation is exported as a count; what was thanked stays between the pair.
    assertThat(json.path("summary").path("thanks").asInt()).isEqualTo(1);
    assertThat(dm.attachments()).noneMatch(f -> f.content().contains("THANKS-TEXT"));
    assertThat(json.path("feedback").path("mentee").path("mean").isNull()).isTrue();
    assertThat(json.path("pairs")).hasSize(2);
    assertThat(json.path("pairs").get(0).path("mentee_4w").path("wins").asInt()).isEqualTo(1);

    assertThat(chat.say("alice", "/nudge export program Spring"))
        .startsWith("`/nudge export program` is for program leads; `/nudge export` gives you");
    assertThat(chat.say("lead", "/nudge export program Autumn"))
        .startsWith("There's no program called Autumn");
  }

  @Test
  @DisplayName("an export too large for one message comes as CSV parts, rows whole, header in each")
  void exportInParts() {
    StringBuilder csv = new StringBuilder(ProgramExport.CSV_HEADER);
    for (int i = 0; i < 1000; i++) {
      csv.append('\n').append(i).append(",\"mentor ").append(i).append("\",\"mentee\"");
    }

    List<String> parts = ProgramExport.csvParts(csv.toString(), 5_000);

    assertThat(parts).hasSizeGreaterThan(4);
    List<String> rows = new ArrayList<>();
    for (String part : parts) {
      assertThat(part).startsWith(ProgramExport.CSV_HEADER + "\n").hasSizeLessThanOrEqualTo(5_000);
      part.lines().skip(1).forEach(rows::add);
    }
    assertThat(rows).isEqualTo(csv.toString().lines().skip(1).toList());
  }

  @Test
  @DisplayName("a member's own export and forget-me agree with what the digest counts")
  void selfServiceConsistent() {
    chat.withPair();
    chat.say("alice", "/win one");
    chat.say("alice", "/win two --share");
    chat.say("maria", "/win three");

    assertThat(chat.say("alice", "/nudge export csv").lines().filter(l -> l.startsWith("win,")))
        .hasSize(2);
    assertThat(chat.say("lead", "/nudge digest preview")).contains("• Wins: 3 logged");

    chat.say("alice", "/nudge forget-me confirm");

    String digest = chat.say("lead", "/nudge digest preview");
    assertThat(digest).contains("No active pairs yet").doesNotContain("alice");
    chat.say("lead", "/nudge pair @maria @olga");
    assertThat(chat.say("lead", "/nudge digest preview"))
        .contains("• Wins: 0 logged") // maria's win was in the ended pair
        .doesNotContain("🌟");
  }

  @Test
  @DisplayName(
      "privacy: no reflection, advice, feedback comment or note reaches a lead or a channel")
  void privacy() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice");
    chat.say("lead", "/nudge pair @olga @bob");
    chat.say("lead", "/nudge pair @pete @cara");
    List<String> markers = new ArrayList<>();
    int[] n = {0};
    java.util.function.Supplier<String> marker =
        () -> {
          String m = "SECRET-MARKER-" + (++n[0]) + "-Q7Z";
          markers.add(m);
          return m;
        };
    chat.say("alice", "/advice " + marker.get());
    chat.say("bob", "/advice " + marker.get());
    chat.say("alice", "/checkin " + marker.get());
    chat.say("alice", "/goals add " + marker.get());
    for (String who : List.of("alice", "maria", "bob", "olga", "cara", "pete")) {
      chat.advance(Duration.ofMinutes(1), Duration.ofMinutes(1));
      var asked = chat.reply(who, "/feedback");
      chat.press(who, "feedback:rate", Chat.button(asked.message(), who.length() > 4 ? "5" : "1"));
      var share = chat.reply(who, marker.get());
      // some keep it private, some share it with their partner (not with leads)
      String choice = who.startsWith("a") || who.startsWith("o") ? "Share" : "Keep private";
      chat.press(
          who,
          choice.equals("Share") ? "feedback:share" : "feedback:private",
          Chat.button(share.message(), choice));
    }
    chat.advance(Duration.between(chat.clock.instant(), Instant.parse("2026-03-06T15:30:00Z")));
    List<String> answering = List.of("alice", "maria", "bob", "olga");
    answering.forEach(who -> assertThat(chat.lastDmTo(who).text()).startsWith("🪞"));
    for (String who : answering) {
      chat.say(who, marker.get());
      var share = chat.reply(who, marker.get());
      String choice = who.equals("alice") ? "Share" : "Keep private";
      chat.press(
          who,
          choice.equals("Share") ? "reflect:share" : "reflect:private",
          Chat.button(share.message(), choice));
    }
    chat.advance(Duration.ofDays(3)); // advice follow-ups come on Monday 9 March
    for (String who : List.of("alice", "bob")) {
      Message followUp =
          chat.platform.sentTo(who).stream()
              .map(Sent::message)
              .filter(m -> m.text().startsWith("🌱"))
              .reduce((a, b) -> b)
              .orElseThrow();
      chat.press(who, "advice:tried", Chat.button(followUp, "Yes"));
      var tell = chat.reply(who, marker.get());
      chat.press(
          who,
          who.equals("alice") ? "advice:tell" : "advice:keep",
          Chat.button(tell.message(), who.equals("alice") ? "Send" : "Keep"));
    }
    chat.advance(Duration.ofDays(21)); // weekly digests, reminders, feedback rounds, tapering

    List<String> seenByLeads = new ArrayList<>();
    for (String line :
        List.of(
            "/nudge digest preview",
            "/nudge digest now",
            "/nudge health @alice",
            "/nudge health @bob",
            "/nudge health @cara",
            "/nudge export program Spring",
            "/nudge program list")) {
      seenByLeads.add(chat.reply("lead", line).message().text());
    }
    for (Sent sent : chat.platform.sent()) {
      boolean toLead =
          sent.to() instanceof ConversationRef.Direct d && d.user().userId().equals("lead");
      if (toLead || sent.to() instanceof ConversationRef.Channel) {
        seenByLeads.add(sent.message().text());
        sent.message().sections().forEach(s -> seenByLeads.add(s.plainText()));
        sent.message().attachments().forEach(a -> seenByLeads.add(a.content()));
      }
    }

    assertThat(markers).hasSize(20);
    assertThat(chat.platform.sent().stream().filter(s -> s.message().text().startsWith("*📊")))
        .hasSizeGreaterThanOrEqualTo(4);
    assertThat(seenByLeads).hasSizeGreaterThan(10);
    for (String seen : seenByLeads) {
      assertThat(seen).doesNotContain("SECRET-MARKER");
    }
    // ...while the partners did get what was shared with them, so the markers were real
    assertThat(chat.dmsTo("maria")).anyMatch(t -> t.contains("SECRET-MARKER"));
  }
}
