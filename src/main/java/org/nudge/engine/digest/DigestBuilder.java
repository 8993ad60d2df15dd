package org.nudge.engine.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nudge.engine.digest.Digest.PairReport;
import org.nudge.engine.digest.Digest.RoleSummary;
import org.nudge.engine.domain.DigestWeeks;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.ProgramStats;
import org.nudge.engine.domain.ProgramStats.MemberActivity;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.Tx;

/**
 * Builds a {@link Digest} from the aggregates the database computes: program totals are sums of the
 * per-pair rows, check-ins due follow each pair's cadence, and each pair gets its {@link
 * PairHealth}.
 */
public final class DigestBuilder {

  private final int unansweredThreshold;

  /** {@code unansweredThreshold}: unanswered prompts in a row that put a pair at risk. */
  public DigestBuilder(int unansweredThreshold) {
    this.unansweredThreshold = unansweredThreshold;
  }

  /** Weeks of recent activity behind a pair's health (this one included). */
  public static final int RECENT_WEEKS = 4;

  /** Weeks of feedback in a digest: feedback rounds come every few weeks (this one included). */
  public static final int FEEDBACK_WEEKS = 12;

  /**
   * The windows of a digest of the week from {@code weekFrom} (a boundary of the program's weeks)
   * to {@code to}; the other windows are whole weeks before it, feedback's the twelve whole weeks
   * that ended by {@code to}.
   */
  public static ProgramStats.Window window(DigestWeeks weeks, Instant weekFrom, Instant to) {
    Instant closed = weeks.startOf(to);
    return new ProgramStats.Window(
        to,
        weekFrom,
        weeks.weeksBefore(weekFrom, 1),
        weeks.weeksBefore(weekFrom, RECENT_WEEKS - 1),
        weeks.weeksBefore(closed, FEEDBACK_WEEKS),
        closed);
  }

  /**
   * The end of a digest that runs through now: just after {@code now}, so what happened at this
   * very instant (a win logged, a pair made) is in it.
   */
  public static Instant throughNow(Instant now) {
    return now.plusMillis(1);
  }

  /**
   * The digest of {@code program} asked for at {@code now}: the week so far, with last week's
   * figures beside it. In the first day of a week it begins with the week that just ended, as a
   * late scheduled digest would (a lead who reads it on Monday morning wants that week, not the
   * first hours of the next).
   */
  public Digest onDemand(Tx tx, Program program, Instant now) {
    DigestWeeks weeks = tx.digests().schedule(program.id()).weeks();
    Instant weekStart = weeks.startOf(now);
    boolean justBegun = Duration.between(weekStart, now).compareTo(WeeklyDigests.LATE_WINDOW) < 0;
    Instant from = justBegun ? weeks.startBefore(weekStart) : weekStart;
    return of(program, weeks, window(weeks, from, throughNow(now)), tx);
  }

  /**
   * The digest of {@code program} for the week ending at {@code to} (exclusive), when its digest is
   * due.
   */
  public Digest build(Tx tx, Program program, Instant to) {
    DigestWeeks weeks = tx.digests().schedule(program.id()).weeks();
    return of(program, weeks, window(weeks, weeks.startBefore(to), to), tx);
  }

  private Digest of(Program program, DigestWeeks weeks, ProgramStats.Window window, Tx tx) {
    boolean wholeWeek = weeks.next(window.weekFrom()).equals(window.to());
    ProgramStats stats = tx.digests().stats(program, window, null);
    Map<String, RoleSummary> feedback =
        FeedbackFigures.of(tx, program, window, stats.feedbackByRole());
    return of(program.name(), weeks.zone(), window, wholeWeek, stats, feedback);
  }

  /**
   * The participation figures of the whole week that ends at {@code to} (a boundary of the
   * program's weeks), as its digest counted them, without feedback figures: those are published
   * only by the digests people read, and a past week's would publish nothing new.
   */
  Digest pastWeek(Tx tx, Program program, DigestWeeks weeks, Instant to) {
    ProgramStats.Window window = window(weeks, weeks.startBefore(to), to);
    ProgramStats stats = tx.digests().stats(program, window, null);
    RoleSummary none = new RoleSummary("", null, 0, null);
    return of(
        program.name(), weeks.zone(), window, true, stats, Map.of("mentee", none, "mentor", none));
  }

  /** The health of one pair at {@code now}. */
  public PairHealth.Health health(Tx tx, Program program, long pairId, Instant now) {
    Instant to = throughNow(now);
    DigestWeeks weeks = tx.digests().schedule(program.id()).weeks();
    ProgramStats stats =
        tx.digests().stats(program, window(weeks, weeks.startBefore(to), to), pairId);
    return stats.pairs().isEmpty()
        ? null
        : PairHealth.of(stats.pairs().get(0), to, unansweredThreshold);
  }

  Digest of(
      String name,
      ZoneId zone,
      ProgramStats.Window w,
      boolean wholeWeek,
      ProgramStats stats,
      Map<String, RoleSummary> feedback) {
    int newPairs = 0;
    int sent = 0;
    int responded = 0;
    int sentBefore = 0;
    int respondedBefore = 0;
    int due = 0;
    int dueMet = 0;
    int metAhead = 0;
    int metBefore = 0;
    int wins = 0;
    int winsBefore = 0;
    int reported = 0;
    int tried = 0;
    List<PairReport> pairs = new ArrayList<>(stats.pairs().size());
    for (PairStats pair : stats.pairs()) {
      if (!pair.startedAt().isBefore(w.weekFrom())) {
        newPairs++;
      }
      for (MemberActivity a : List.of(pair.mentor().activity(), pair.mentee().activity())) {
        sent += a.promptsWeek();
        responded += a.respondedWeek();
        sentBefore += a.promptsPrevious();
        respondedBefore += a.respondedPrevious();
        wins += a.winsWeek();
        winsBefore += a.winsPrevious();
        reported += a.adviceReportedWeek();
        tried += a.adviceTriedWeek();
      }
      boolean met = pair.checkInsWeek() > 0;
      boolean paused = pair.mentor().isPausedAt(w.to()) || pair.mentee().isPausedAt(w.to());
      Instant since =
          pair.lastCheckInBeforeWeek() != null ? pair.lastCheckInBeforeWeek() : pair.startedAt();
      boolean wasDue =
          !paused && !since.plus(Duration.ofDays(PairHealth.cadenceDays(pair))).isAfter(w.to());
      if (wasDue) {
        due++;
        dueMet += met ? 1 : 0;
      } else if (met) {
        metAhead++;
      }
      metBefore += pair.checkInsPrevious() > 0 ? 1 : 0;
      pairs.add(new PairReport(pair, PairHealth.of(pair, w.to(), unansweredThreshold)));
    }
    return new Digest(
        name,
        zone,
        w.weekFrom(),
        w.to(),
        wholeWeek,
        pairs.size(),
        newPairs,
        sent,
        responded,
        sentBefore,
        respondedBefore,
        due,
        dueMet,
        metAhead,
        metBefore,
        wins,
        winsBefore,
        stats.highlights(),
        stats.highlightsTotal(),
        stats.thanks(),
        reported,
        tried,
        feedback.get("mentee"),
        feedback.get("mentor"),
        pairs,
        stats.volunteers());
  }
}
