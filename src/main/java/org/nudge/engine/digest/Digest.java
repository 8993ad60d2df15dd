package org.nudge.engine.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.nudge.engine.digest.PairHealth.Health;
import org.nudge.engine.domain.ProgramStats.Highlight;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.ProgramStats.Volunteer;

/**
 * A program's week at a glance, platform-neutral: what {@link DigestLayout} renders as a message
 * and {@link ProgramExport} writes as files. Counts only, and the wins their authors shared.
 *
 * @param from the start of the digest's week
 * @param to the end of the week (exclusive): the digest's scheduled time, or now on demand
 * @param wholeWeek whether the week ended at {@code to} (a scheduled digest) or is the week so far
 * @param zone the program's zone, for dates people read
 * @param pairsDue active pairs (none of them paused) whose check-in came due by the end of the week
 * @param dueMet of those, the pairs that met during the week
 * @param metAhead pairs that met during the week before their check-in was due
 * @param mentees feedback of mentees on the mentoring, over twelve whole weeks, as published
 * @param mentors feedback of mentors on how the sessions work, likewise
 * @param thanks thanks given in the program's pairs during the week, counted as appreciation
 * @param pairs every active pair with its health, oldest first
 */
public record Digest(
    String programName,
    ZoneId zone,
    Instant from,
    Instant to,
    boolean wholeWeek,
    int activePairs,
    int newPairs,
    int promptsSent,
    int promptsResponded,
    int promptsSentBefore,
    int promptsRespondedBefore,
    int pairsDue,
    int dueMet,
    int metAhead,
    int pairsMetBefore,
    int wins,
    int winsBefore,
    List<Highlight> highlights,
    int highlightsTotal,
    int thanks,
    int adviceReported,
    int adviceTried,
    RoleSummary mentees,
    RoleSummary mentors,
    List<PairReport> pairs,
    List<Volunteer> volunteers) {

  public Digest {
    highlights = List.copyOf(highlights);
    pairs = List.copyOf(pairs);
    volunteers = List.copyOf(volunteers);
  }

  /** One pair, its names and its health. */
  public record PairReport(PairStats stats, Health health) {
    public String names() {
      return stats.mentor().displayName() + " & " + stats.mentee().displayName();
    }
  }

  /**
   * Feedback of one role as leads may see it (see {@link FeedbackFigures}): the mean rounded to a
   * half, the answers behind it and the end of the whole weeks it covers; no mean (and 0, null)
   * until enough people have answered.
   */
  public record RoleSummary(String role, Double mean, int answers, Instant coversTo) {
    public boolean shown() {
      return mean != null;
    }
  }

  public List<PairReport> atRisk() {
    return pairs.stream().filter(p -> p.health().atRisk()).toList();
  }

  public long count(PairHealth.Band band) {
    return pairs.stream().filter(p -> p.health().band() == band).count();
  }

  /** Responded prompts as a whole percentage of those sent, or -1 when none were sent. */
  public static int rate(int responded, int sent) {
    return sent == 0 ? -1 : (int) Math.round(100.0 * responded / sent);
  }
}
