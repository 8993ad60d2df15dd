package org.nudge.engine.rhythm;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.schedule.DueTimes;

/**
 * Decides when a message Nudge starts by itself may reach a person, so that across every feature
 * nobody is nagged: never in their quiet hours or weekend, never while paused, at most the weekly
 * budget per week of their own calendar, and, for someone who stopped answering, at most one
 * message per taper interval.
 */
public final class Outreach {

  private static final int MAX_SHIFTS = 12;

  private final DueTimes dueTimes;
  private final RhythmSettings rhythm;

  public Outreach(DueTimes dueTimes, RhythmSettings rhythm) {
    this.dueTimes = dueTimes;
    this.rhythm = rhythm;
  }

  public RhythmSettings rhythm() {
    return rhythm;
  }

  /** The first instant at or after both {@code due} and {@code now} when the message may go. */
  public Instant sendTime(Tx tx, Member member, Instant due, Instant now) {
    return sendTime(
        tx, member, due, now, (from, to) -> tx.prompts().countedBetween(member.id(), from, to));
  }

  /**
   * How many budget-counted prompts one member is sent in {@code [from, to)}: the database's
   * answer, or the same answer from prompts a batch read once for all its members.
   */
  @FunctionalInterface
  public interface SentCount {
    int countedBetween(Instant from, Instant to);
  }

  /**
   * {@link #sendTime(Tx, Member, Instant, Instant)} with the weekly budget counted by {@code sent}.
   * Every window it asks about starts less than eight days before {@code now} (the start of the
   * member's week around a time at or after {@code now}), so a batch may read the prompts sent
   * since then once for all its members.
   */
  public Instant sendTime(Tx tx, Member member, Instant due, Instant now, SentCount sent) {
    Instant t = due.isAfter(now) ? due : now;
    for (int shift = 0; shift < MAX_SHIFTS; shift++) {
      Instant allowed = dueTimes.nextAllowed(member.schedule(), t);
      Instant tapered = taper(tx, member, allowed);
      if (tapered.isAfter(allowed)) {
        t = tapered;
        continue;
      }
      ZonedDateTime local = allowed.atZone(member.zone());
      ZonedDateTime weekStart =
          local
              .truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      Instant from = weekStart.toInstant();
      Instant to = weekStart.plusWeeks(1).toInstant();
      if (sent.countedBetween(from, to) < rhythm.weeklyBudget()) {
        return allowed;
      }
      t = to; // the budget is spent this week; try next week
    }
    return t;
  }

  /** Whether a message may go now, for the dispatcher's last look before delivery. */
  public boolean mayDeliverNow(Member member, Instant now, boolean botInitiated) {
    if (member.isPausedAt(now)) {
      return false;
    }
    return !botInitiated || !dueTimes.isQuiet(member.schedule(), now);
  }

  /** When a held message may be tried again. */
  public Instant nextDeliveryTime(Member member, Instant now, boolean botInitiated) {
    if (!botInitiated) {
      return member.isPausedAt(now) ? member.pausedUntil() : now;
    }
    return dueTimes.nextAllowed(member.schedule(), now);
  }

  /**
   * Prompts went unanswered. When the member crosses the threshold Nudge backs off, and the
   * program's leads are told once, because a personal word helps more than another reminder.
   */
  public void unanswered(Tx tx, Member member, int count, Instant now) {
    Member current = tx.members().byId(member.id()).orElseThrow();
    int after = current.unansweredInRow() + count;
    tx.members().setUnansweredInRow(member.id(), after);
    tellLeadsIfTapering(tx, current, after, now);
  }

  /**
   * Tells the leads about members whose unanswered prompts just crossed the threshold, as {@link
   * #unanswered} does, for many members at once. Storing the new counts is the caller's: the sweep
   * adds them in the same write that moves each member's next prompt. The members must be as the
   * database has them in this transaction (the sweep passes the rows it just read).
   */
  public void tellLeadsAboutUnanswered(Tx tx, Map<Member, Integer> counts, Instant now) {
    counts.forEach((m, count) -> tellLeadsIfTapering(tx, m, m.unansweredInRow() + count, now));
  }

  private void tellLeadsIfTapering(Tx tx, Member member, int after, Instant now) {
    int before = member.unansweredInRow();
    int threshold = rhythm.unansweredBeforeTaper();
    if (before < threshold && after >= threshold) {
      for (Member lead : tx.members().leads(member.ref().platform(), member.ref().workspace())) {
        PrivacyGate.of(tx)
            .sendNow(
                Outgoing.notice(
                        "taper:" + member.id() + ":" + now.getEpochSecond() + ":" + lead.id(),
                        lead.ref(),
                        Message.text(
                            member.displayName()
                                + " hasn't answered the last "
                                + after
                                + " prompts, so I'll write to them at most every "
                                + rhythm.taperInterval().toDays()
                                + " days from now on. A personal word from you or their partner"
                                + " may help more than another reminder."))
                    .naming(member.id()),
                now);
      }
    }
  }

  /** The member answered: the back-off ends. */
  public void answered(Tx tx, Member member) {
    tx.members().setUnansweredInRow(member.id(), 0);
  }

  private Instant taper(Tx tx, Member member, Instant t) {
    if (member.unansweredInRow() < rhythm.unansweredBeforeTaper()) {
      return t;
    }
    Optional<Instant> last = tx.prompts().lastSent(member.id());
    if (last.isEmpty()) {
      return t;
    }
    Instant earliest = last.get().plus(rhythm.taperInterval());
    return earliest.isAfter(t) ? earliest : t;
  }
}
