package org.nudge.engine.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.nudge.engine.digest.Digest.PairReport;
import org.nudge.engine.digest.Digest.RoleSummary;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.ProgramStats;
import org.nudge.engine.domain.ProgramStats.MemberActivity;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.ProgramStats.RoleFeedback;
import org.nudge.engine.domain.Tx;

/**
 * Builds a {@link Digest} from the aggregates the database computes: program totals are sums of the
 * per-pair rows, check-ins due follow each pair's cadence, and each pair gets its {@link
 * PairHealth}.
 */
public final class DigestBuilder {

  public static final Duration WEEK = Duration.ofDays(7);
  public static final Duration RECENT = Duration.ofDays(28);
  public static final Duration FEEDBACK = Duration.ofDays(84);

  /** A role's mean rating is shown from this many answers, by as many different people. */
  public static final int MIN_ANSWERS = 3;

  private final int unansweredThreshold;

  /** {@code unansweredThreshold}: unanswered prompts in a row that put a pair at risk. */
  public DigestBuilder(int unansweredThreshold) {
    this.unansweredThreshold = unansweredThreshold;
  }

  /** The windows of a digest whose week ends at {@code to}. */
  public static ProgramStats.Window window(Instant to) {
    return new ProgramStats.Window(
        to, to.minus(WEEK), to.minus(WEEK.multipliedBy(2)), to.minus(RECENT), to.minus(FEEDBACK));
  }

  /**
   * The end of an on-demand digest's week: just after {@code now}, so what happened at this very
   * instant (a win logged, a pair made) is in it. Scheduled digests end at their due instant, which
   * the next week's digest then starts with.
   */
  public static Instant throughNow(Instant now) {
    return now.plusMillis(1);
  }

  /** The digest of {@code program} for the week ending at {@code to} (exclusive). */
  public Digest build(Tx tx, Program program, Instant to) {
    ZoneId zone = tx.digests().schedule(program.id()).zone();
    ProgramStats.Window window = window(to);
    return of(program.name(), zone, window, tx.digests().stats(program, window, null));
  }

  /** The health of one pair at {@code now}. */
  public PairHealth.Health health(Tx tx, Program program, long pairId, Instant now) {
    Instant to = throughNow(now);
    ProgramStats stats = tx.digests().stats(program, window(to), pairId);
    return stats.pairs().isEmpty()
        ? null
        : PairHealth.of(stats.pairs().get(0), to, unansweredThreshold);
  }

  Digest of(String name, ZoneId zone, ProgramStats.Window w, ProgramStats stats) {
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
        reported,
        tried,
        role("mentee", stats.feedbackByRole().get("mentee")),
        role("mentor", stats.feedbackByRole().get("mentor")),
        pairs,
        stats.volunteers());
  }

  private static RoleSummary role(String role, RoleFeedback feedback) {
    RoleFeedback f = feedback == null ? RoleFeedback.NONE : feedback;
    boolean enough = f.answers() >= MIN_ANSWERS && f.people() >= MIN_ANSWERS;
    return new RoleSummary(role, f.answers(), f.people(), enough ? f.mean() : null);
  }
}
