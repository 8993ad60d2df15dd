package org.nudge.engine.checkins;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Quote;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;
import org.nudge.engine.programs.PairSpaceRouting;
import org.nudge.engine.rhythm.EachDue;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.rhythm.PairRhythm;

/**
 * Reminds an overdue pair to meet: the mentee first, because the mentee drives, with an agenda
 * built from what the pair logged; the mentor a day later if they still haven't met.
 */
public final class CheckInReminders extends EachDue<Pair> {

  public static final String KIND = "reminder";
  private static final int AGENDA_ITEMS = 3;

  private final Outreach outreach;
  private final PairRhythm pairRhythm;

  public CheckInReminders(Outreach outreach, PairRhythm pairRhythm) {
    super("check-in reminders", (tx, now, limit) -> tx.pairs().dueForCheckin(now, limit));
    this.outreach = outreach;
    this.pairRhythm = pairRhythm;
  }

  /**
   * Reminds an overdue pair: the mentee at once, the mentor a day later if still overdue, then
   * again after another cadence. A check-in at any point restarts the clock.
   */
  @Override
  protected void handle(Tx tx, Pair pair, Instant now) {
    Pair p = pair;
    if (p.menteeRemindedAt() != null && p.mentorRemindedAt() != null) {
      p = p.withCheckin(p.checkinDueAt(), null, null); // a new round of reminders
    }
    boolean mentee = p.menteeRemindedAt() == null;
    Member member = tx.members().byId(mentee ? p.menteeId() : p.mentorId()).orElseThrow();
    Instant sendAt = outreach.sendTime(tx, member, p.checkinDueAt(), now);
    send(tx, p, member, mentee, sendAt, now);
    tx.pairs()
        .updateRhythm(
            mentee
                ? p.withCheckin(sendAt.plus(outreach.rhythm().mentorReminderDelay()), sendAt, null)
                : p.withCheckin(
                    sendAt.plus(pairRhythm.cadence(tx, p)), p.menteeRemindedAt(), sendAt));
  }

  /** Records and queues a reminder for one member of the pair, to go at {@code sendAt}. */
  public Optional<Prompt> send(
      Tx tx, Pair pair, Member member, boolean mentee, Instant sendAt, Instant now) {
    String key =
        KIND
            + ":"
            + pair.id()
            + ":"
            + pair.checkinDueAt().getEpochSecond()
            + ":"
            + (mentee ? "mentee" : "mentor");
    Optional<Prompt> prompt =
        tx.prompts()
            .record(
                Prompt.starting(member.id(), pair.id(), KIND, key, pair.checkinDueAt(), sendAt)
                    .withStatus("done"));
    if (prompt.isEmpty()) {
      return prompt;
    }
    Member partner = tx.members().byId(pair.partnerOf(member.id())).orElseThrow();
    Instant since = tx.checkIns().last(pair.id()).map(CheckIn::createdAt).orElse(pair.startedAt());
    long days = Duration.between(since, sendAt).toDays();
    Optional<ConversationRef.PairSpace> spaceRef = PairSpaceRouting.spaceOf(tx, pair);
    boolean space = spaceRef.isPresent();
    // In the pair's space both read it, so it says whom it is for.
    String whom = space ? member.displayName() + ", " : "";
    String opening =
        mentee
            ? "⏰ "
                + (space ? whom + "it's" : "It's")
                + " been "
                + days
                + " days since you and "
                + partner.displayName()
                + (tx.checkIns().last(pair.id()).isPresent() ? " last met" : " were paired")
                + ". You drive: why not suggest a time?"
            : "⏰ "
                + whom
                + (space ? "you" : "You")
                + " and "
                + partner.displayName()
                + " haven't recorded a check-in for "
                + days
                + " days. A short note offering a time might help them reach out.";
    Agenda agenda = agenda(tx, pair, member, since, space);
    String text = opening + agenda.text() + "\nAfterwards: `/checkin what you talked about`.";
    String id = Long.toString(pair.id());
    Message reminder =
        new Message(
            text,
            List.of(
                new Action.Button(CheckInFlow.MET, "We met", id, true),
                Action.Button.of(CheckInFlow.SNOOZE, "Snooze 3 days", id)));
    Outgoing outgoing =
        space
            ? new Outgoing(key + ":space", spaceRef.get(), reminder, true)
                .naming(member.id(), partner.id())
            : Outgoing.nudge(key, member.ref(), reminder).naming(partner.id());
    PrivacyGate.of(tx).send(outgoing.quoting(agenda.quotes()), sendAt, now);
    return prompt;
  }

  /** An agenda's lines, and the words of members they quote. */
  record Agenda(String text, List<Quote> quotes) {}

  /**
   * Ideas for {@code member}'s next meeting from what the pair logged since they last met: the
   * pair's wins and shared reflections, the member's own open advice logged in this pair (advice is
   * private to whoever logged it), and the pair's open goals. Nothing from another pair or from
   * before this one. In the pair's {@code space}, read by both, the member's own advice is left
   * out: only they may see it, and the privacy gate would refuse the reminder.
   */
  static Agenda agenda(Tx tx, Pair pair, Member member, Instant since, boolean space) {
    List<String> items = new ArrayList<>();
    List<Quote> quotes = new ArrayList<>();
    for (Win w : last(tx.wins().inPair(pair.id(), since))) {
      items.add("celebrate: " + w.text());
      quotes.add(Quotes.of(w));
    }
    for (Reflection r : last(tx.reflections().sharedInPair(pair.id(), since))) {
      items.add("talk over the reflection: " + r.question());
      quotes.add(Quotes.of(r));
    }
    for (Advice a :
        last(
            (space ? List.<Advice>of() : tx.advice().open(member.id()))
                .stream().filter(a -> Long.valueOf(pair.id()).equals(a.pairId())).toList())) {
      items.add("how the advice went: " + a.text());
      quotes.add(Quotes.of(a));
    }
    for (Goal g :
        last(
            tx.goals().inPair(pair.id()).stream()
                .filter(g -> "open".equals(g.status()))
                .toList())) {
      items.add("goal " + g.seq() + ": " + g.text());
      quotes.add(Quotes.of(g));
    }
    if (items.isEmpty()) {
      return new Agenda(
          "\nAgenda idea: what you're working on now, and one thing you'd like help with.", quotes);
    }
    StringBuilder text = new StringBuilder("\nAgenda ideas:");
    items.forEach(i -> text.append("\n• ").append(i));
    return new Agenda(text.toString(), quotes);
  }

  private static <T> List<T> last(List<T> list) {
    return list.subList(Math.max(0, list.size() - AGENDA_ITEMS), list.size());
  }
}
