package org.nudge.engine.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.advice.AdviceFlow;
import org.nudge.engine.advice.AdviceFollowUps;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.feedback.FeedbackFlow;
import org.nudge.engine.feedback.FeedbackPrompts;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Reply;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

/**
 * A simulated quarter of two programs in which every private thing a member writes carries a unique
 * marker ({@code PRIV-<kind>-<n>}), and every message anyone sees (direct messages, channel posts,
 * replies, exported files) is checked as it appears: a marker may reach only its author and, once
 * the author shared it, the partner of the pair it was written in, while that pair lasts. Wins are
 * checked too: the partner of their pair as a notice, anyone once shared.
 *
 * <p>Cast: {@code lead}; in Spring (#mentoring) maria mentors alice until a lead re-pairs alice
 * with dave in week 5; in Autumn (#autumn) maria also mentors carl (a member in two pairs) and erin
 * mentors bob, who only look on. Carl forgets himself in week 10.
 */
final class PrivacyMatrix implements AutoCloseable {

  static final Pattern MARKER = Pattern.compile("PRIV-[A-Z]+-\\d+");
  static final String ANYONE = "*";
  private static final List<String> MEMBERS =
      List.of("alice", "maria", "carl", "dave", "erin", "bob");
  private static final Map<String, String> TABLES =
      Map.of(
          "REFL", "reflection.answer",
          "NEXT", "reflection.next_step",
          "ADV", "advice.text",
          "OUT", "advice.outcome",
          "FB", "feedback.comment",
          "NOTE", "checkin.note",
          "GOAL", "goal.text",
          "WIN", "win.text",
          "THANKS", "thanks.text");

  /** One marked text: who wrote it, in which pair, and who may read it now. */
  static final class Marker {
    final String text;
    final String kind;
    final String author;
    Long pairId;
    final Set<String> readers = new HashSet<>();

    Marker(String text, String kind, String author) {
      this.text = text;
      this.kind = kind;
      this.author = author;
      readers.add(author);
    }

    boolean isPrivateKind() {
      return !kind.equals("WIN") && !kind.equals("THANKS");
    }
  }

  /** Where a marker was seen, by whom, and whether that was allowed. */
  record Sighting(String marker, String reader, String where, boolean allowed) {}

  final Chat chat = new Chat();
  final Map<String, Marker> markers = new LinkedHashMap<>();
  final List<Sighting> sightings = new ArrayList<>();
  final List<String> pairEndedReplies = new ArrayList<>();
  final List<String> undeclared = new ArrayList<>();
  final List<String> leftAfterForgetting = new ArrayList<>();
  private final Set<String> forgotten = new HashSet<>();
  private int deliveredChecked;
  private int seq;
  private int week;

  private final boolean autumnInSpaces;

  /** The quarter with every program on DMs. */
  PrivacyMatrix() {
    this(false);
  }

  /**
   * The quarter; with {@code autumnInSpaces}, Autumn's pairs get a shared space each (issue 16),
   * whose every message both members of the pair read.
   */
  PrivacyMatrix(boolean autumnInSpaces) {
    this.autumnInSpaces = autumnInSpaces;
  }

  /** Runs the quarter, checking every message as it appears. */
  PrivacyMatrix run() {
    say("lead", "/nudge program create Spring #mentoring");
    say("lead", "/nudge program create Autumn #autumn");
    if (autumnInSpaces) {
      say("lead", "/nudge program space Autumn group");
    }
    // Issue 12, item 1: advice logged before the pair existed
    advice("alice");
    say("lead", "/nudge pair @maria @alice Spring");
    say("lead", "/nudge pair @maria @carl Autumn");
    say("lead", "/nudge pair @erin @bob Autumn");
    for (String who : List.of("alice", "maria", "carl", "bob")) {
      advice(who);
      goal(who);
      win(who, false);
    }
    checkIn("carl");
    checkpoint();

    for (week = 1; week <= 13; week++) {
      chat.advance(Duration.ofDays(7), Duration.ofHours(1));
      checkpoint();
      if (week == 5) {
        repairAliceWithSharesPending();
      }
      boolean share = week % 2 == 0;
      for (String who : active()) {
        reflect(who, share);
        answerFeedback(who, share);
        // Follow-ups wait a few weeks at times, so open advice meets check-in agendas
        if (week % 3 == 0) {
          answerAdvice(who, week % 2 == 1);
        }
      }
      for (String who : active()) {
        if ((week + who.length()) % 3 == 0) {
          advice(who);
        }
        if ((week + who.length()) % 4 == 0) {
          goal(who);
        }
        // No check-ins in the first weeks: overdue pairs get reminders with agendas
        if (week >= 3 && (week + who.length()) % 2 == 0) {
          checkIn(who);
        }
        win(who, (week + who.length()) % 5 == 0);
        if ((week + who.length()) % 3 == 1) {
          thanks(who, week % 2 == 1);
        }
        if (week % 4 == 1) {
          say(who, "/feedback");
          answerFeedback(who, !share);
        }
        say(who, "/goals");
        say(who, "/checkin");
        say(who, week % 2 == 0 ? "/nudge export" : "/nudge export csv");
      }
      leadLooks();
      checkDeclarations();
      if (week == 10) {
        forget("carl");
      }
      checkpoint();
    }
    return this;
  }

  private List<String> active() {
    return MEMBERS.stream()
        .filter(m -> !forgotten.contains(m))
        .filter(m -> !m.equals("dave") || week >= 5)
        .toList();
  }

  /** What leads do in a week: digests on demand, health, and exports. */
  private void leadLooks() {
    say("lead", "/nudge digest now Spring");
    say("lead", "/nudge digest now Autumn");
    say("lead", "/nudge digest preview Autumn");
    say("lead", "/nudge digest preview Spring");
    for (String who : List.of("alice", "maria", "carl", "bob")) {
      if (!forgotten.contains(who)) {
        say("lead", "/nudge health @" + who);
      }
    }
    say("lead", "/nudge export program Spring");
    say("lead", "/nudge export program Autumn");
  }

  // ---- writing things down

  private String mark(String kind, String author) {
    String text = "PRIV-" + kind + "-" + (++seq);
    markers.put(text, new Marker(text, kind, author));
    return text;
  }

  private void advice(String who) {
    String m = mark("ADV", who);
    say(who, "/advice " + m + " try smaller steps");
    settle(m);
  }

  /** A goal is written into the pair's plan, which both members of that pair see. */
  private void goal(String who) {
    String m = mark("GOAL", who);
    writtenForThePair(m, () -> say(who, "/goals add " + m + " lead a review"));
  }

  /** The partner of the pair is told a check-in note as it is recorded. */
  private void checkIn(String who) {
    String m = mark("NOTE", who);
    writtenForThePair(m, () -> say(who, "/checkin " + m + " we talked it through"));
  }

  /** The partner of the pair is told of a win; once shared, anyone may read it. */
  private void win(String who, boolean share) {
    String m = mark("WIN", who);
    if (share) {
      markers.get(m).readers.add(ANYONE);
    }
    writtenForThePair(m, () -> say(who, "/win " + m + " shipped it" + (share ? " --share" : "")));
  }

  /** The partner thanked is told; once shared, anyone may read it. Only the primary partner. */
  private void thanks(String who, boolean share) {
    Long pair = primaryPair(who);
    if (pair == null) {
      return;
    }
    String partner =
        chat.store()
            .inTransaction(
                tx -> {
                  long partnerId = tx.pairs().byId(pair).orElseThrow().partnerOf(id(who));
                  return tx.members().byId(partnerId).orElseThrow().ref().userId();
                });
    String m = mark("THANKS", who);
    if (share) {
      markers.get(m).readers.add(ANYONE);
    }
    writtenForThePair(
        m,
        () ->
            say(
                who,
                "/thanks @" + partner + " " + m + " for the help" + (share ? " --share" : "")));
  }

  /**
   * Writes an entry its pair's partner may read as soon as it is written: the partner of the
   * author's primary pair (where the engine files it) may read it before the command runs, and the
   * entry must then be filed in that very pair.
   */
  private void writtenForThePair(String marker, Runnable write) {
    Marker m = markers.get(marker);
    m.pairId = primaryPair(m.author);
    partnerMayRead(marker);
    Long expected = m.pairId;
    write.run();
    settle(marker);
    if (m.pairId != null && !m.pairId.equals(expected)) {
      throw new AssertionError(marker + " was filed in pair " + m.pairId + ", not " + expected);
    }
  }

  /** The pair the engine files a member's entries in: where they are mentee first, else oldest. */
  private Long primaryPair(String who) {
    return chat.store()
        .inTransaction(
            tx -> {
              var pairs = tx.pairs().activeFor(id(who));
              return pairs.stream()
                  .filter(p -> p.menteeId() == id(who))
                  .findFirst()
                  .or(() -> pairs.stream().findFirst())
                  .map(p -> p.id())
                  .orElse(null);
            });
  }

  /** Answers this week's reflection (now, if none came), with a next step, shared or not. */
  private void reflect(String who, boolean share) {
    Reply prompt = say(who, "/reflect");
    if (!prompt.message().text().startsWith("🪞")) {
      return;
    }
    String answer = mark("REFL", who);
    String next = mark("NEXT", who);
    say(who, answer + " went well");
    Reply ask = say(who, next + " ask earlier");
    settle(answer);
    settle(next);
    String id = Chat.button(ask.message(), share ? "Share" : "Keep private");
    if (share) {
      partnerMayRead(answer);
      partnerMayRead(next);
    }
    press(who, share ? ReflectionFlow.SHARE : ReflectionFlow.PRIVATE, id);
  }

  /** Rates each open feedback round, comments, and shares or keeps it private. */
  private void answerFeedback(String who, boolean share) {
    for (Prompt p : openPrompts(who, FeedbackPrompts.KIND)) {
      press(who, FeedbackFlow.RATE, p.id() + ":" + (week % 5 + 1));
      String comment = mark("FB", who);
      Reply ask = say(who, comment + " more time on reviews");
      settle(comment);
      if (share) {
        partnerMayRead(comment);
      }
      press(
          who,
          share ? FeedbackFlow.SHARE : FeedbackFlow.PRIVATE,
          Chat.button(ask.message(), share ? "Share" : "Keep private"));
    }
  }

  /** Answers each open advice follow-up: tried it, what happened, sent to the partner or not. */
  private void answerAdvice(String who, boolean tell) {
    for (Prompt p : openPrompts(who, AdviceFollowUps.KIND)) {
      Optional<Advice> advice =
          chat.store().inTransaction(tx -> tx.advice().open(id(who))).stream()
              .filter(a -> a.text().equals(p.question()))
              .findFirst();
      if (advice.isEmpty()) {
        continue;
      }
      press(who, AdviceFlow.TRIED, Long.toString(advice.get().id()));
      String outcome = mark("OUT", who);
      Reply ask = say(who, outcome + " it worked");
      settle(outcome);
      if (ask.message().actions().isEmpty()) {
        continue; // outside a pair, or its pair ended: nothing to send
      }
      String adviceMarker = firstMarker(advice.get().text());
      if (tell) {
        partnerMayRead(adviceMarker);
        partnerMayRead(outcome);
      }
      press(
          who,
          tell ? AdviceFlow.TELL : AdviceFlow.KEEP,
          Chat.button(ask.message(), tell ? "Send to" : "Keep"));
    }
  }

  /**
   * Issue 12, item 2: alice has a reflection, an advice outcome and feedback from her pair with
   * maria waiting to be shared when a lead re-pairs her with dave; pressing the buttons afterwards
   * must reach neither of them.
   */
  private void repairAliceWithSharesPending() {
    say("alice", "/reflect");
    String answer = mark("REFL", "alice");
    say("alice", answer + " went well");
    Reply reflection = say("alice", mark("NEXT", "alice") + " ask earlier");
    settle(answer);

    String adviceText = mark("ADV", "alice");
    say("alice", "/advice " + adviceText + " pair more");
    settle(adviceText);
    long adviceId =
        chat.store().inTransaction(tx -> tx.advice().open(id("alice"))).stream()
            .filter(a -> a.text().startsWith(adviceText))
            .findFirst()
            .orElseThrow()
            .id();
    press("alice", AdviceFlow.TRIED, Long.toString(adviceId));
    String outcome = mark("OUT", "alice");
    Reply advice = say("alice", outcome + " it worked");
    settle(outcome);

    Reply rating = say("alice", "/feedback");
    press("alice", FeedbackFlow.RATE, Chat.button(rating.message(), "4"));
    String comment = mark("FB", "alice");
    Reply feedback = say("alice", comment + " more pairing");
    settle(comment);

    checkpoint();
    say("lead", "/nudge unpair @maria @alice");
    say("lead", "/nudge pair @dave @alice Spring");
    pairEnded("maria", "alice");

    pairEndedReplies.add(
        press("alice", ReflectionFlow.SHARE, Chat.button(reflection.message(), "Share"))
            .message()
            .text());
    pairEndedReplies.add(
        press("alice", AdviceFlow.TELL, Chat.button(advice.message(), "Send to")).message().text());
    pairEndedReplies.add(
        press("alice", FeedbackFlow.SHARE, Chat.button(feedback.message(), "Share"))
            .message()
            .text());
    checkpoint();
  }

  private void forget(String who) {
    checkpoint();
    say(who, "/nudge forget-me confirm");
    forgotten.add(who);
    markers.values().stream().filter(m -> m.author.equals(who)).forEach(m -> m.readers.clear());
    // Nothing they wrote privately is left in the outbox, queued or sent, whoever it was for
    for (String payload : outboxPayloads().values()) {
      Matcher found = MARKER.matcher(payload);
      while (found.find()) {
        Marker m = markers.get(found.group());
        if (m != null && m.author.equals(who) && m.isPrivateKind()) {
          leftAfterForgetting.add(m.text);
        }
      }
    }
  }

  // ---- who may read what

  /** Records which pair the marked entry belongs to, as the engine stored it. */
  private void settle(String marker) {
    Marker m = markers.get(marker);
    String[] where = TABLES.get(m.kind).split("\\.");
    m.pairId =
        chat.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT pair_id FROM " + where[0] + " WHERE " + where[1] + " LIKE :m")
                        .bind("m", "%" + marker + "%")
                        .mapTo(Long.class)
                        .findFirst()
                        .orElse(null));
  }

  /** The author shares the marked entry now: its pair's partner may read it, if the pair lasts. */
  private void partnerMayRead(String marker) {
    Marker m = markers.get(marker);
    partnerInActivePair(m).ifPresent(m.readers::add);
  }

  private Optional<String> partnerInActivePair(Marker m) {
    if (m.pairId == null) {
      return Optional.empty();
    }
    return chat.store()
        .inTransaction(
            tx ->
                tx.pairs()
                    .byId(m.pairId)
                    .filter(p -> p.isActive())
                    .flatMap(p -> tx.members().byId(p.partnerOf(id(m.author)))))
        .map(member -> member.ref().userId());
  }

  /** A pair ends: its members no longer read each other's words from it. */
  private void pairEnded(String one, String other) {
    for (Marker m : markers.values()) {
      if (m.author.equals(one)) {
        m.readers.remove(other);
      } else if (m.author.equals(other)) {
        m.readers.remove(one);
      }
    }
  }

  // ---- seeing things

  private Reply say(String who, String line) {
    Reply reply = chat.reply(who, line);
    see(who, "reply to " + line.split(" ")[0], reply.toString());
    checkpoint();
    return reply;
  }

  private Reply press(String who, String action, String value) {
    Reply reply = chat.press(who, action, value);
    see(who, "reply to " + action, reply.toString());
    checkpoint();
    return reply;
  }

  /** Checks every message delivered since the last checkpoint: DMs, posts and their files. */
  private void checkpoint() {
    List<Sent> sent = chat.platform.sent();
    for (; deliveredChecked < sent.size(); deliveredChecked++) {
      Sent s = sent.get(deliveredChecked);
      if (s.to() instanceof ConversationRef.PairSpace space) {
        // Both members of the pair read its space.
        for (String reader : membersOf(space.pairId())) {
          see(reader, "space", s.message().toString());
        }
        spacePosts++;
        continue;
      }
      String reader =
          s.to() instanceof ConversationRef.Direct d
              ? d.user().userId()
              : "#" + ((ConversationRef.Channel) s.to()).channelId();
      // A record's text form holds its text, sections, buttons and every attached file
      see(reader, s.to() instanceof ConversationRef.Direct ? "dm" : "post", s.message().toString());
    }
  }

  /** How many messages went to pairs' spaces. */
  int spacePosts;

  private List<String> membersOf(long pairId) {
    return chat.store()
        .inTransaction(
            tx -> {
              var pair = tx.pairs().byId(pairId).orElseThrow();
              return List.of(
                  tx.members().byId(pair.mentorId()).orElseThrow().ref().userId(),
                  tx.members().byId(pair.menteeId()).orElseThrow().ref().userId());
            });
  }

  private void see(String reader, String where, String content) {
    Matcher found = MARKER.matcher(content);
    while (found.find()) {
      Marker m = markers.get(found.group());
      boolean allowed = m != null && (m.readers.contains(reader) || m.readers.contains(ANYONE));
      sightings.add(new Sighting(found.group(), reader, where + " in week " + week, allowed));
    }
  }

  /**
   * Every outbox row that carries a member's private words declares them (outbox_about names their
   * author), so the gate checked them: a message that slipped words past it would show here.
   */
  private void checkDeclarations() {
    Map<Long, String> payloads = outboxPayloads();
    Map<Long, Set<Long>> about = new LinkedHashMap<>();
    chat.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT outbox_id, member_id FROM outbox_about")
                    .map(
                        (rs, ctx) ->
                            about
                                .computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                                .add(rs.getLong(2)))
                    .list());
    payloads.forEach(
        (row, payload) -> {
          Matcher found = MARKER.matcher(payload);
          while (found.find()) {
            Marker m = markers.get(found.group());
            if (m != null
                && m.isPrivateKind()
                && !about.getOrDefault(row, Set.of()).contains(id(m.author))) {
              undeclared.add(m.text + " in outbox row " + row);
            }
          }
        });
  }

  // ---- reading the database

  Map<Long, String> outboxPayloads() {
    Map<Long, String> payloads = new LinkedHashMap<>();
    chat.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT id, payload FROM outbox ORDER BY id")
                    .map((rs, ctx) -> payloads.put(rs.getLong(1), rs.getString(2)))
                    .list());
    return payloads;
  }

  private List<Prompt> openPrompts(String who, String kind) {
    return chat.store().inTransaction(tx -> tx.prompts().open(id(who), kind));
  }

  private final Map<String, Long> ids = new LinkedHashMap<>();

  private long id(String who) {
    return ids.computeIfAbsent(
        who,
        handle ->
            chat.store()
                .inTransaction(tx -> tx.members().find(Chat.user(handle)))
                .orElseThrow(() -> new AssertionError(handle + " is not a member"))
                .id());
  }

  /** The markers in a text, each whole. */
  static List<String> markersIn(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static String firstMarker(String text) {
    Matcher found = MARKER.matcher(text);
    if (!found.find()) {
      throw new AssertionError("No marker in " + text);
    }
    return found.group();
  }

  @Override
  public void close() {
    chat.close();
  }
}
