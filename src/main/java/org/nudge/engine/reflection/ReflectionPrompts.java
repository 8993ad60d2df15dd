package org.nudge.engine.reflection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.Services;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
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

  private final Services services;

  public ReflectionPrompts(Services services) {
    this.services = services;
  }

  /**
   * Records and queues this week's prompt for {@code member}, to go out at {@code sendAt}. Empty
   * when this week's prompt was already sent (the idempotency key is per member and ISO week).
   */
  public Optional<Prompt> send(
      Tx tx, Member member, Instant due, Instant sendAt, Instant now, boolean counts) {
    Optional<Prompt> recorded = record(tx, member, due, sendAt, now, counts);
    recorded.ifPresent(
        p ->
            tx.outbox()
                .enqueue(
                    new Outgoing(
                        p.idemKey(), new ConversationRef.Direct(member.ref()), message(p), counts),
                    sendAt,
                    now));
    return recorded;
  }

  /**
   * Records this week's prompt without sending it, for a member who asked with {@code /reflect} and
   * sees it in the reply.
   */
  public Optional<Prompt> record(
      Tx tx, Member member, Instant due, Instant sendAt, Instant now, boolean counts) {
    String week = services.dueTimes().isoWeek(sendAt.atZone(member.zone()));
    Optional<Pair> pair = primaryPair(tx, member);
    Role role = pair.map(p -> p.roleOf(member.id())).orElse(Role.MENTEE);
    Phase phase = pair.map(p -> Phase.parse(p.phase())).orElse(Phase.ACTIVE);
    Question question = services.questions().pick(phase, role, member.ref().key(), week);
    String key = KIND + ":" + member.id() + ":" + week;
    Optional<Prompt> recorded =
        tx.prompts()
            .record(
                new Prompt(
                    0,
                    member.id(),
                    pair.map(Pair::id).orElse(null),
                    KIND,
                    key,
                    week,
                    question.id(),
                    question.text(),
                    due,
                    sendAt,
                    "open",
                    counts,
                    null));
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    expireEarlier(tx, member, recorded.get(), now);
    return recorded;
  }

  @Override
  public String name() {
    return "reflections";
  }

  /**
   * Sends the prompts that came due. One that came due more than the catch-up window ago (Nudge was
   * down) is recorded as missed rather than sent late, and the member's next one is scheduled.
   */
  @Override
  public int runBatch(Tx tx, Instant now, int limit) {
    List<Member> due = tx.members().duePrompts(now, limit);
    for (Member member : due) {
      Instant dueAt = member.nextPromptAt();
      if (tx.pairs().activeFor(member.id()).isEmpty()) {
        tx.members().setNextPrompt(member.id(), null);
        continue;
      }
      Instant after;
      if (Duration.between(dueAt, now).compareTo(services.outreach().rhythm().catchUpWindow())
          > 0) {
        recordMissed(tx, member, dueAt);
        after = now;
      } else {
        Instant sendAt = services.outreach().sendTime(tx, member, dueAt, now);
        send(tx, member, dueAt, sendAt, now, true);
        after = sendAt;
      }
      tx.members()
          .setNextPrompt(
              member.id(), services.dueTimes().nextWeeklyPrompt(member.schedule(), after));
    }
    return due.size();
  }

  private void recordMissed(Tx tx, Member member, Instant dueAt) {
    String week = services.dueTimes().isoWeek(dueAt.atZone(member.zone()));
    tx.prompts()
        .record(
            new Prompt(
                0,
                member.id(),
                primaryPair(tx, member).map(Pair::id).orElse(null),
                KIND,
                KIND + ":" + member.id() + ":" + week,
                week,
                null,
                null,
                dueAt,
                null,
                "missed",
                false,
                null));
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

  static Optional<Pair> primaryPair(Tx tx, Member member) {
    var pairs = tx.pairs().activeFor(member.id());
    return pairs.stream()
        .filter(p -> p.menteeId() == member.id())
        .findFirst()
        .or(() -> pairs.stream().findFirst());
  }
}
