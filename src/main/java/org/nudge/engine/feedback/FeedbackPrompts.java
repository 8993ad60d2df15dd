package org.nudge.engine.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.prompts.FeedbackQuestion;
import org.nudge.engine.prompts.QuestionBank;
import org.nudge.engine.prompts.Role;
import org.nudge.engine.rhythm.EachDue;
import org.nudge.engine.rhythm.Outreach;

/**
 * The periodic two-way feedback round: the mentee rates the mentoring and the mentor how the
 * sessions work, each with their own question, a 1 to 5 rating and an optional comment.
 */
public final class FeedbackPrompts extends EachDue<Pair> {

  public static final String KIND = "feedback";

  private final QuestionBank questions;
  private final Outreach outreach;

  public FeedbackPrompts(QuestionBank questions, Outreach outreach) {
    super("feedback rounds", (tx, now, limit) -> tx.pairs().dueForFeedback(now, limit));
    this.questions = questions;
    this.outreach = outreach;
  }

  /** Starts the pair's feedback round, for mentee and mentor alike. */
  @Override
  protected void handle(Tx tx, Pair pair, Instant now) {
    int round = pair.feedbackRound() + 1;
    for (long memberId : new long[] {pair.menteeId(), pair.mentorId()}) {
      Member member = tx.members().byId(memberId).orElseThrow();
      send(tx, pair, member, round, outreach.sendTime(tx, member, pair.nextFeedbackAt(), now), now);
    }
    Program program = tx.programs().byId(pair.programId()).orElseThrow();
    Duration every = Duration.ofDays(7L * program.feedbackEveryWeeks());
    Instant next = pair.nextFeedbackAt().plus(every);
    tx.pairs().updateRhythm(pair.withFeedback(next.isAfter(now) ? next : now.plus(every), round));
  }

  /** Records and queues round {@code round} of the pair for one member, to go at {@code sendAt}. */
  public Optional<Prompt> send(
      Tx tx, Pair pair, Member member, int round, Instant sendAt, Instant now) {
    String key = KIND + ":" + pair.id() + ":" + round + ":" + member.id();
    Optional<Prompt> prompt = record(tx, pair, member, round, key, sendAt, true);
    prompt.ifPresent(
        p ->
            PrivacyGate.of(tx)
                .send(
                    Outgoing.nudge(
                        key, member.ref(), message(p, question(pair.roleOf(member.id()), round))),
                    sendAt,
                    now));
    return prompt;
  }

  /** A prompt recorded for {@code /feedback}, shown in the reply rather than sent. */
  public Optional<Prompt> onDemand(Tx tx, Pair pair, Member member, Instant now) {
    String key = KIND + ":" + pair.id() + ":asked:" + member.id() + ":" + now.toEpochMilli();
    return record(tx, pair, member, 0, key, now, false);
  }

  private Optional<Prompt> record(
      Tx tx, Pair pair, Member member, int round, String key, Instant sendAt, boolean counts) {
    FeedbackQuestion q = question(pair.roleOf(member.id()), round);
    return tx.prompts()
        .record(
            Prompt.starting(member.id(), pair.id(), KIND, key, sendAt, sendAt)
                .asking(q.id(), q.text())
                .counting(counts));
  }

  public FeedbackQuestion question(Role role, int round) {
    List<FeedbackQuestion> pool = questions.feedback(role);
    return pool.get(Math.floorMod(round, pool.size()));
  }

  /** The question with one button per rating, labelled at both ends. */
  public static Message message(Prompt prompt, FeedbackQuestion q) {
    List<Action> buttons = new ArrayList<>();
    for (int rating = FeedbackQuestion.MIN_RATING;
        rating <= FeedbackQuestion.MAX_RATING;
        rating++) {
      String label =
          rating == FeedbackQuestion.MIN_RATING
              ? rating + " · " + q.lowLabel()
              : rating == FeedbackQuestion.MAX_RATING
                  ? rating + " · " + q.highLabel()
                  : "" + rating;
      buttons.add(Action.Button.of(FeedbackFlow.RATE, label, prompt.id() + ":" + rating));
    }
    return new Message(
        "💬 A quick word on how the mentoring is going:\n*"
            + q.text()
            + "*\nPress a rating or type a number from 1 to 5. It stays private unless you choose"
            + " to share it; leads only see totals.",
        buttons);
  }
}
