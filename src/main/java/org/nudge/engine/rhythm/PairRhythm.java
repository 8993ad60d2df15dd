package org.nudge.engine.rhythm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.schedule.DueTimes;
import org.nudge.engine.schedule.Phase;

/**
 * Keeps a pair's clock: when the next check-in, feedback round and plan revisit are due, and which
 * phase the pair is in. Every change to a pair's rhythm goes through here so the due columns the
 * sweep reads stay consistent.
 */
public final class PairRhythm {

  private final DueTimes dueTimes;
  private final RhythmSettings rhythm;

  public PairRhythm(DueTimes dueTimes, RhythmSettings rhythm) {
    this.dueTimes = dueTimes;
    this.rhythm = rhythm;
  }

  /** How often this pair should meet in its current phase (the phase tapers the cadence). */
  public Duration cadence(Tx tx, Pair pair) {
    Program program = tx.programs().byId(pair.programId()).orElseThrow();
    int days = pair.cadenceDays() != null ? pair.cadenceDays() : program.checkinCadenceDays();
    return Phase.parse(pair.phase()).taper(Duration.ofDays(days));
  }

  /** A new pair: its first check-in, feedback round and plan revisit, and both members' prompts. */
  public Pair start(Tx tx, Pair pair, Instant now) {
    Program program = tx.programs().byId(pair.programId()).orElseThrow();
    Pair started = firstRhythm(program, pair, now);
    tx.pairs().updateRhythm(started);
    scheduleReflections(tx, tx.members().byId(pair.mentorId()).orElseThrow(), now);
    scheduleReflections(tx, tx.members().byId(pair.menteeId()).orElseThrow(), now);
    return started;
  }

  /**
   * The first check-in, feedback round and plan revisit of a new pair of {@code program}: what
   * {@link #start} writes, computed without the database.
   */
  public Pair firstRhythm(Program program, Pair pair, Instant now) {
    int days = pair.cadenceDays() != null ? pair.cadenceDays() : program.checkinCadenceDays();
    Duration cadence = Phase.parse(pair.phase()).taper(Duration.ofDays(days));
    return pair.withCheckin(now.plus(cadence), null, null)
        .withFeedback(now.plus(Duration.ofDays(7L * program.feedbackEveryWeeks())), 0)
        .withRevisit(now.plus(rhythm.revisitEvery()));
  }

  /**
   * A member who is in a pair from now on, with their next reflection due as {@link
   * #scheduleReflections} would set it: for a newcomer to a lead's import, stored at once.
   */
  public Member withFirstPrompt(Member member, Instant now) {
    return member.withNextPromptAt(dueTimes.nextWeeklyPrompt(member.schedule(), now));
  }

  /**
   * {@link #start} for many new pairs of one program (a lead's import), with the same due times:
   * {@code drafts} ({@link Pair#draft}) are stored with their first rhythm in one batch, and the
   * reflections of {@code known} (those of their members who were stored before, as they are now)
   * are scheduled in another; members new to Nudge come with theirs ({@link #withFirstPrompt}).
   */
  public List<Pair> startAll(
      Tx tx, Program program, List<Pair> drafts, java.util.Collection<Member> known, Instant now) {
    List<Pair> started =
        tx.pairs().insertAll(drafts.stream().map(d -> firstRhythm(program, d, now)).toList());
    tx.members()
        .setNextPrompts(
            known.stream()
                .map(
                    m ->
                        new org.nudge.engine.domain.Members.NextPrompt(
                            m.id(), withFirstPrompt(m, now).nextPromptAt(), 0, null))
                .toList());
    return started;
  }

  /** The pair met: the check-in clock restarts, and a kickoff pair becomes active. */
  public void checkedIn(Tx tx, Pair pair, Instant now) {
    Pair met = pair;
    if (Phase.parse(pair.phase()) == Phase.KICKOFF) {
      met = pair.withPhase(Phase.ACTIVE.word());
      tx.pairs().setPhase(pair.id(), met.phase());
    }
    tx.pairs().updateRhythm(met.withCheckin(now.plus(cadence(tx, met)), null, null));
  }

  /**
   * After the plan changed: a pair with goals but none open is waiting (the cadence relaxes to a
   * light periodic update), and one with open goals is active again.
   */
  public void goalsChanged(Tx tx, Pair pair) {
    Phase phase = Phase.parse(pair.phase());
    if (phase == Phase.KICKOFF || phase == Phase.WRAP_UP) {
      return;
    }
    List<Goal> goals = tx.goals().inPair(pair.id());
    boolean anyOpen = goals.stream().anyMatch(g -> "open".equals(g.status()));
    Phase next = anyOpen || goals.isEmpty() ? Phase.ACTIVE : Phase.WAITING;
    if (next != phase) {
      tx.pairs().setPhase(pair.id(), next.word());
    }
  }

  /** A member paused: the clocks of their pairs stop for as long as the pause adds. */
  public void shiftForPause(Tx tx, Member member, Duration added) {
    for (Pair pair : tx.pairs().activeFor(member.id())) {
      if (pair.checkinDueAt() != null) {
        tx.pairs()
            .updateRhythm(
                pair.withCheckin(
                    pair.checkinDueAt().plus(added),
                    pair.menteeRemindedAt(),
                    pair.mentorRemindedAt()));
      }
    }
  }

  /**
   * Sets when the member's next weekly reflection is due: their chosen day and hour after now (and
   * after any pause), or none while they are in no pair.
   */
  public void scheduleReflections(Tx tx, Member member, Instant now) {
    Member current = tx.members().byId(member.id()).orElseThrow();
    boolean paired = !tx.pairs().activeFor(current.id()).isEmpty();
    tx.members()
        .setNextPrompt(
            current.id(), paired ? dueTimes.nextWeeklyPrompt(current.schedule(), now) : null);
  }
}
