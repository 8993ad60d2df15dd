package org.nudge.engine.goals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;
import org.nudge.engine.rhythm.EachDue;
import org.nudge.engine.rhythm.Outreach;

/**
 * The quarterly "revisit your plan": a development plan only helps if the pair looks at it again,
 * so the mentee gets the list of goals and is asked which to keep, change or close.
 */
public final class PlanRevisits extends EachDue<Pair> {

  public static final String KIND = "revisit";

  private final Outreach outreach;

  public PlanRevisits(Outreach outreach) {
    super("plan revisits", (tx, now, limit) -> tx.pairs().dueForRevisit(now, limit));
    this.outreach = outreach;
  }

  @Override
  protected void handle(Tx tx, Pair pair, Instant now) {
    Member mentee = tx.members().byId(pair.menteeId()).orElseThrow();
    send(tx, pair, mentee, outreach.sendTime(tx, mentee, pair.nextRevisitAt(), now), now);
    Instant next = pair.nextRevisitAt().plus(outreach.rhythm().revisitEvery());
    tx.pairs()
        .updateRhythm(
            pair.withRevisit(
                next.isAfter(now) ? next : now.plus(outreach.rhythm().revisitEvery())));
  }

  public Optional<Prompt> send(Tx tx, Pair pair, Member mentee, Instant sendAt, Instant now) {
    String key = KIND + ":" + pair.id() + ":" + pair.nextRevisitAt().getEpochSecond();
    Optional<Prompt> prompt =
        tx.prompts()
            .record(
                Prompt.starting(mentee.id(), pair.id(), KIND, key, pair.nextRevisitAt(), sendAt));
    if (prompt.isEmpty()) {
      return prompt;
    }
    List<Goal> goals = tx.goals().inPair(pair.id());
    StringBuilder text =
        new StringBuilder("🧭 A quarter has gone by: time to revisit your development plan");
    if (goals.isEmpty()) {
      text.append(
          ". It has no goals yet; add one with `"
              + GoalsCommand.usage(GoalsCommand.ADD)
              + "`, ideally with your mentor.");
    } else {
      text.append(" with your mentor. Which goals will you keep, change or close?");
      for (Goal g : goals) {
        text.append("\n").append(g.seq()).append(". ");
        text.append("done".equals(g.status()) ? "✅ " : "").append(g.text());
      }
      text.append("\nClose one with `")
          .append(GoalsCommand.usage(GoalsCommand.DONE))
          .append("`, add one with `")
          .append(GoalsCommand.usage(GoalsCommand.ADD))
          .append("`.");
    }
    PrivacyGate.of(tx)
        .send(
            Outgoing.nudge(
                    key,
                    mentee.ref(),
                    new Message(
                        text.toString(),
                        List.of(
                            Action.Button.of(
                                PlanFlow.STILL_RIGHT,
                                "Plan still right",
                                Long.toString(prompt.get().id())))))
                .quoting(goals.stream().map(Quotes::of).toList()),
            sendAt,
            now);
    return prompt;
  }
}
