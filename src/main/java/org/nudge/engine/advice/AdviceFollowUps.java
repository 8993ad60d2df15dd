package org.nudge.engine.advice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;
import org.nudge.engine.rhythm.EachDue;
import org.nudge.engine.rhythm.Outreach;

/**
 * Asks, some days after {@code /advice}, whether the member tried the advice and what happened:
 * acting and reporting back is the step most people miss.
 */
public final class AdviceFollowUps extends EachDue<Advice> {

  public static final String KIND = "advice";

  private final Outreach outreach;

  public AdviceFollowUps(Outreach outreach) {
    super("advice follow-ups", (tx, now, limit) -> tx.advice().dueFollowUps(now, limit));
    this.outreach = outreach;
  }

  @Override
  protected void handle(Tx tx, Advice advice, Instant now) {
    Member member = tx.members().byId(advice.memberId()).orElseThrow();
    send(tx, member, advice, outreach.sendTime(tx, member, advice.followUpAt(), now), now);
  }

  /** Records and queues the follow-up for one piece of advice, to go at {@code sendAt}. */
  public Optional<Prompt> send(Tx tx, Member member, Advice advice, Instant sendAt, Instant now) {
    String key = KIND + ":" + advice.id() + ":" + advice.followUpAt().getEpochSecond();
    Optional<Prompt> prompt =
        tx.prompts()
            .record(
                Prompt.starting(
                        member.id(), advice.pairId(), KIND, key, advice.followUpAt(), sendAt)
                    .asking(null, advice.text()));
    if (prompt.isPresent()) {
      String id = Long.toString(advice.id());
      PrivacyGate.of(tx)
          .send(
              Outgoing.nudge(
                      key,
                      member.ref(),
                      new Message(
                          "🌱 On "
                              + Texts.day(advice.createdAt(), member.zone())
                              + " you noted this advice:\n“"
                              + advice.text()
                              + "”\nDid you try it? (Press a button, or type yes, not yet or no.)",
                          List.of(
                              new Action.Button(AdviceFlow.TRIED, "Yes, I tried it", id, true),
                              Action.Button.of(AdviceFlow.NOT_YET, "Not yet", id),
                              Action.Button.of(AdviceFlow.NOT_FOR_ME, "Not for me", id))))
                  .quoting(Quotes.of(advice)),
              sendAt,
              now);
    }
    tx.advice().followedUp(advice.id(), now, null);
    return prompt;
  }
}
