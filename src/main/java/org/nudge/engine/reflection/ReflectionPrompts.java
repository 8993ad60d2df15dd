package org.nudge.engine.reflection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.Services;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Members;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.prompts.Question;
import org.nudge.engine.prompts.Role;
import org.nudge.engine.rhythm.Routine;
import org.nudge.engine.schedule.Phase;

/**
 * Sends the weekly reflection: one question from the rotating bank, in a direct message with
 * buttons to answer, skip, or be reminded tomorrow. The previous week's unanswered prompt expires
 * when the next one is sent, and counts towards backing off.
 */
public final class ReflectionPrompts implements Routine {

  public static final String KIND = "reflection";

  /** How far back a batch reads sent prompts for the weekly budget: a week and a day. */
  private static final Duration BUDGET_LOOKBACK = Duration.ofDays(8);

  private final Services services;

  public ReflectionPrompts(Services services) {
    this.services = services;
  }

  /**
   * Records this week's prompt without sending it, for a member who asked with {@code /reflect} and
   * sees it in the reply.
   */
  public Optional<Prompt> record(
      Tx tx, Member member, Instant due, Instant sendAt, Instant now, boolean counts) {
    Optional<Prompt> recorded =
        tx.prompts().record(prompt(member, tx.pairs().activeFor(member.id()), due, sendAt, counts));
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    expireEarlier(tx, member, recorded.get(), now);
    tx.members().setOpenReflection(member.id(), recorded.get().id());
    return recorded;
  }

  /**
   * This week's prompt for {@code member}, not yet stored; {@code pairs} are their active pairs.
   */
  private Prompt prompt(
      Member member, List<Pair> pairs, Instant due, Instant sendAt, boolean counts) {
    String week = services.dueTimes().isoWeek(sendAt.atZone(member.zone()));
    Optional<Pair> pair = primaryPair(member, pairs);
    Role role = pair.map(p -> p.roleOf(member.id())).orElse(Role.MENTEE);
    Phase phase = pair.map(p -> Phase.parse(p.phase())).orElse(Phase.ACTIVE);
    Question question = services.questions().pick(phase, role, member.ref().key(), week);
    String key = KIND + ":" + member.id() + ":" + week;
    return Prompt.starting(member.id(), pair.map(Pair::id).orElse(null), KIND, key, due, sendAt)
        .inWeek(week)
        .asking(question.id(), question.text())
        .counting(counts);
  }

  @Override
  public String name() {
    return "reflections";
  }

  /**
   * Sends the prompts that came due. One that came due more than the catch-up window ago (Nudge was
   * down) is recorded as missed rather than sent late, and the member's next one is scheduled.
   *
   * <p>The whole batch is read and written with a fixed number of statements (pairs and budget
   * counts, then batched inserts and updates) rather than about ten per member: 100k members due in
   * the same minute are then enqueued in seconds. Each member's outcome is what sending (or
   * recording as missed) one member at a time gives, since nothing done for one member of the batch
   * changes what is read for another.
   */
  @Override
  public int runBatch(Tx tx, Instant now, int limit) {
    List<Member> due = tx.members().duePrompts(now, limit);
    if (due.isEmpty()) {
      return 0;
    }
    List<Long> ids = due.stream().map(Member::id).toList();
    Map<Long, List<Pair>> pairs = tx.pairs().activeForAll(ids);
    // Every budget window sendTime asks about starts after this (see Outreach.sendTime).
    Instant since = now.minus(BUDGET_LOOKBACK);
    Map<Long, List<Instant>> sent = tx.prompts().countedSentSince(ids, since);

    Map<Long, Instant> next = new LinkedHashMap<>();
    List<Prompt> prompts = new ArrayList<>();
    List<Member> owners = new ArrayList<>();
    Map<Long, Instant> sendAts = new HashMap<>();
    for (Member member : due) {
      Instant dueAt = member.nextPromptAt();
      List<Pair> active = pairs.getOrDefault(member.id(), List.of());
      if (active.isEmpty()) {
        next.put(member.id(), null);
        continue;
      }
      Instant after;
      if (Duration.between(dueAt, now).compareTo(services.outreach().rhythm().catchUpWindow())
          > 0) {
        prompts.add(missed(member, active, dueAt));
        after = now;
      } else {
        List<Instant> times = sent.getOrDefault(member.id(), List.of());
        Instant sendAt =
            services
                .outreach()
                .sendTime(
                    tx,
                    member,
                    dueAt,
                    now,
                    (from, to) ->
                        from.isBefore(since)
                            ? tx.prompts().countedBetween(member.id(), from, to)
                            : (int)
                                times.stream()
                                    .filter(t -> !t.isBefore(from) && t.isBefore(to))
                                    .count());
        prompts.add(prompt(member, active, dueAt, sendAt, true));
        sendAts.put(member.id(), sendAt);
        after = sendAt;
      }
      owners.add(member);
      next.put(member.id(), services.dueTimes().nextWeeklyPrompt(member.schedule(), after));
    }

    List<Optional<Prompt>> recorded = tx.prompts().recordAll(prompts);
    Map<Member, Prompt> fresh = new LinkedHashMap<>();
    for (int i = 0; i < prompts.size(); i++) {
      if (prompts.get(i).status().equals("open") && recorded.get(i).isPresent()) {
        fresh.put(owners.get(i), recorded.get(i).get());
      }
    }
    // Each member's previous reflection, if still unanswered, expires as this one goes out.
    Set<Long> expired =
        tx.prompts().expireOpenReflections(fresh.keySet().stream().map(Member::id).toList(), now);
    List<Outbox.Queued> messages = new ArrayList<>();
    fresh.forEach(
        (member, p) ->
            messages.add(
                new Outbox.Queued(
                    Outgoing.nudge(p.idemKey(), member.ref(), message(p)),
                    sendAts.get(member.id()))));
    PrivacyGate.of(tx).sendAll(messages, now);
    tx.members().setNextPrompts(memberUpdates(next, fresh, expired));
    Map<Member, Integer> unanswered = new LinkedHashMap<>();
    fresh.keySet().stream()
        .filter(m -> expired.contains(m.id()))
        .forEach(m -> unanswered.put(m, 1));
    if (!unanswered.isEmpty()) {
      services.outreach().tellLeadsAboutUnanswered(tx, unanswered, now);
    }
    return due.size();
  }

  /**
   * One write per member of the batch: the next due instant, one more unanswered prompt in a row
   * for those whose previous reflection just expired, and the reflection just sent to them.
   */
  private static List<Members.NextPrompt> memberUpdates(
      Map<Long, Instant> next, Map<Member, Prompt> fresh, Set<Long> expired) {
    Map<Long, Long> sentIds = new HashMap<>();
    fresh.forEach((member, p) -> sentIds.put(member.id(), p.id()));
    List<Members.NextPrompt> updates = new ArrayList<>(next.size());
    next.forEach(
        (id, at) ->
            updates.add(
                new Members.NextPrompt(id, at, expired.contains(id) ? 1 : 0, sentIds.get(id))));
    return updates;
  }

  /** The record of a prompt that came due while Nudge was down and is too late to send. */
  private Prompt missed(Member member, List<Pair> pairs, Instant dueAt) {
    String week = services.dueTimes().isoWeek(dueAt.atZone(member.zone()));
    return Prompt.starting(
            member.id(),
            primaryPair(member, pairs).map(Pair::id).orElse(null),
            KIND,
            KIND + ":" + member.id() + ":" + week,
            dueAt,
            null)
        .inWeek(week)
        .withStatus("missed")
        .counting(false);
  }

  /** The prompt's message: the question and what the member can do with it. */
  static Message message(Prompt prompt) {
    String id = Long.toString(prompt.id());
    return new Message(
        "🪞 Your reflection for this week:\n*"
            + prompt.question()
            + "*\nReply here in a line or two, or use the buttons. Only you see your answer unless"
            + " you choose to share it.",
        List.of(
            new Action.Button(ReflectionFlow.ANSWER, "Answer", id, true),
            Action.Button.of(ReflectionFlow.SKIP, "Skip this week", id),
            Action.Button.of(ReflectionFlow.LATER, "Remind me tomorrow", id)));
  }

  private void expireEarlier(Tx tx, Member member, Prompt current, Instant now) {
    int expired = 0;
    for (Prompt open : tx.prompts().open(member.id(), KIND)) {
      if (open.id() != current.id()) {
        tx.prompts().setStatus(open.id(), "expired", now);
        expired++;
      }
    }
    if (expired > 0) {
      services.outreach().unanswered(tx, member, expired, now);
    }
  }

  private static Optional<Pair> primaryPair(Member member, List<Pair> pairs) {
    return pairs.stream()
        .filter(p -> p.menteeId() == member.id())
        .findFirst()
        .or(() -> pairs.stream().findFirst());
  }
}
