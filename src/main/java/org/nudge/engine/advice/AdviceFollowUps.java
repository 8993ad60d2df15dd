package org.nudge.engine.advice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.rhythm.Routine;

/**
 * Asks, some days after {@code /advice}, whether the member tried the advice and what happened:
 * acting and reporting back is the step most people miss.
 */
public final class AdviceFollowUps implements Routine {

  public static final String KIND = "advice";

  private final Outreach outreach;

  public AdviceFollowUps(Outreach outreach) {
    this.outreach = outreach;
  }

  @Override
  public String name() {
    return "advice follow-ups";
  }

  @Override
  public int runBatch(Tx tx, Instant now, int limit) {
    List<Advice> due = tx.advice().dueFollowUps(now, limit);
    for (Advice advice : due) {
      Member member = tx.members().byId(advice.memberId()).orElseThrow();
      send(tx, member, advice, outreach.sendTime(tx, member, advice.followUpAt(), now), now);
    }
    return due.size();
  }

  /** Records and queues the follow-up for one piece of advice, to go at {@code sendAt}. */
  public Optional<Prompt> send(Tx tx, Member member, Advice advice, Instant sendAt, Instant now) {
    String key = KIND + ":" + advice.id() + ":" + advice.followUpAt().getEpochSecond();
    Optional<Prompt> prompt =
        tx.prompts()
            .record(
                new Prompt(
                    0,
                    member.id(),
                    advice.pairId(),
                    KIND,
                    key,
                    null,
                    null,
                    advice.text(),
                    advice.followUpAt(),
                    sendAt,
                    "open",
                    true,
                    null));
    if (prompt.isPresent()) {
      String id = Long.toString(advice.id());
      PrivacyGate.of(tx)
          .send(
              new Outgoing(
                  key,
                  new ConversationRef.Direct(member.ref()),
                  new Message(
                      "🌱 On "
                          + Texts.day(advice.createdAt(), member.zone())
                          + " you noted this advice:\n“"
                          + advice.text()
                          + "”\nDid you try it? (Press a button, or type yes, not yet or no.)",
                      List.of(
                          new Action.Button(AdviceFlow.TRIED, "Yes, I tried it", id, true),
                          Action.Button.of(AdviceFlow.NOT_YET, "Not yet", id),
                          Action.Button.of(AdviceFlow.NOT_FOR_ME, "Not for me", id))),
                  true,
                  List.of(Quotes.of(advice)),
                  Set.of()),
              sendAt,
              now);
    }
    tx.advice().followedUp(advice.id(), now, null);
    return prompt;
  }
}
