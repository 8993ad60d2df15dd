package org.nudge.engine.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

/**
 * A year of a program (150 pairs; {@code -Dnudge.year.pairs=500} for more), driven hour by hour
 * through the real engine, sweep and dispatcher, with members in five timezones, some who answer
 * and some who never do, and holidays. The humane limits must hold for every person in every week.
 */
@DisplayName("A simulated year of a program, hour by hour")
class SimulatedYearTest {

  static final int PAIRS = Integer.getInteger("nudge.year.pairs", 150);
  static final List<String> ZONES =
      List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney");
  static final List<String> NUDGES = List.of("🪞", "⏰", "💬", "🌱", "🧭", "🎓");

  @Test
  @DisplayName("never over budget, nothing in quiet hours or weekends, nothing while paused")
  void year() {
    try (Chat chat = new Chat()) {
      Map<String, ZoneId> zones = new HashMap<>();
      Map<String, List<Instant[]>> pauses = new HashMap<>();
      chat.say("lead", "/nudge program create Year");
      for (int i = 0; i < PAIRS; i++) {
        chat.say("lead", "/nudge pair @mentor" + i + " @mentee" + i);
        for (String who : List.of("mentor" + i, "mentee" + i)) {
          ZoneId zone = ZoneId.of(ZONES.get((i + who.length()) % ZONES.size()));
          chat.say(who, "/nudge prefs timezone " + zone.getId());
          zones.put(who, zone);
        }
        if (i % 10 == 3) {
          pause(chat, pauses, "mentee" + i, "3w");
        }
        if (i % 7 == 0) {
          chat.say("mentee" + i, "/advice try pairing on the hard parts");
        }
      }

      int seen = 0;
      long advancing = 0;
      long responding = 0;
      for (int day = 0; day < 365; day++) {
        long t0 = System.nanoTime();
        chat.advance(Duration.ofDays(1), Duration.ofHours(1));
        long t1 = System.nanoTime();
        List<Sent> sent = chat.platform.sent();
        for (Sent s : sent.subList(seen, sent.size())) {
          respond(chat, s);
        }
        advancing += t1 - t0;
        responding += System.nanoTime() - t1;
        seen = sent.size();
        if (day == 180) {
          for (int i = 0; i < PAIRS; i += 9) {
            pause(chat, pauses, "mentor" + i, "2w");
          }
        }
      }

      System.out.printf(
          "Simulated year: %d ms advancing, %d ms responding, %d messages%n",
          advancing / 1_000_000, responding / 1_000_000, chat.platform.sent().size());
      List<Sent> all = chat.platform.sent();
      Map<String, Map<String, Integer>> perWeek = new HashMap<>();
      List<String> quiet = new ArrayList<>();
      List<String> whilePaused = new ArrayList<>();
      int prompts = 0;
      for (Sent s : all) {
        if (!(s.to() instanceof ConversationRef.Direct d)
            || !zones.containsKey(d.user().userId())) {
          continue;
        }
        String who = d.user().userId();
        ZonedDateTime local = s.at().atZone(zones.get(who));
        for (Instant[] p : pauses.getOrDefault(who, List.of())) {
          // sent strictly after the pause began (its own instant belongs to what came before)
          if (s.at().isAfter(p[0]) && s.at().isBefore(p[1])) {
            whilePaused.add(who + " at " + local);
          }
        }
        if (NUDGES.stream().noneMatch(s.message().text()::startsWith)) {
          continue;
        }
        prompts++;
        String week =
            local.get(IsoFields.WEEK_BASED_YEAR)
                + "-W"
                + local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        perWeek.computeIfAbsent(who, k -> new HashMap<>()).merge(week, 1, Integer::sum);
        boolean weekend =
            local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (weekend || local.getHour() >= 20 || local.getHour() < 8) {
          quiet.add(who + " at " + local);
        }
      }

      int maxPerWeek =
          perWeek.values().stream()
              .flatMap(m -> m.values().stream())
              .max(Integer::compare)
              .orElse(0);
      assertThat(maxPerWeek)
          .as("most bot messages one person got in one week")
          .isLessThanOrEqualTo(3);
      assertThat(quiet).as("bot messages in quiet hours or weekends").isEmpty();
      assertThat(whilePaused).as("messages while paused").isEmpty();
      // and the year really happened: about a prompt a week for everyone who answers
      assertThat(prompts).isGreaterThan(PAIRS * 2 * 30);
    }
  }

  private static void pause(
      Chat chat, Map<String, List<Instant[]>> pauses, String who, String length) {
    chat.say(who, "/nudge pause " + length);
    Member m = chat.store().inTransaction(tx -> tx.members().find(Chat.user(who))).orElseThrow();
    pauses
        .computeIfAbsent(who, k -> new ArrayList<>())
        .add(new Instant[] {chat.clock.instant(), m.pausedUntil()});
  }

  /** Members with an even number answer what they get; the others never do. */
  private static void respond(Chat chat, Sent s) {
    if (!(s.to() instanceof ConversationRef.Direct d)) {
      return;
    }
    String who = d.user().userId();
    if (!who.matches("(mentor|mentee)\\d*[02468]") || s.message().actions().isEmpty()) {
      return;
    }
    Action first = s.message().actions().get(0);
    String text = s.message().text();
    if (text.startsWith("🪞")) {
      chat.press(who, "reflect:skip", Chat.button(s.message(), "Skip"));
    } else if (text.startsWith("💬") && first instanceof Action.Button b) {
      chat.press(who, "feedback:rate", b.value().replaceAll(":\\d$", ":4"));
      chat.press(who, "feedback:private", "0");
    } else if (text.startsWith("⏰") && first instanceof Action.Button b) {
      chat.press(who, b.id(), b.value());
    } else if (text.startsWith("🌱")) {
      chat.press(who, "advice:not-for-me", Chat.button(s.message(), "Not for me"));
    }
  }
}
