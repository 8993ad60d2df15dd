package org.nudge.engine.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.ProgramStats.RoleFeedback;
import org.nudge.engine.domain.ProgramStats.Side;
import org.nudge.engine.schedule.Phase;

/**
 * One pair's health: a score from 0 to 100 with the reasons behind it, so a lead sees at a glance
 * which pairs thrive and which need a word. The score adds four parts:
 *
 * <table>
 *   <caption>The parts of the health score</caption>
 *   <tr><th>part</th><th>points</th><th>full marks when</th><th>zero when</th></tr>
 *   <tr><td>check-in recency</td><td>35</td><td>the pair met (or was paired) within its cadence
 *       (tapered by phase)</td><td>two cadences or more have passed; linear in between</td></tr>
 *   <tr><td>response rate</td><td>30</td><td>both answered (or consciously skipped) every prompt
 *       of the last four weeks; no prompts counts as full</td><td>none was answered; the
 *       points are the rate</td></tr>
 *   <tr><td>reciprocity</td><td>20</td><td>the less active member did at least a quarter of what
 *       the pair answered, logged and reported in four weeks</td><td>one member did everything;
 *       no activity at all gives 10</td></tr>
 *   <tr><td>feedback</td><td>15</td><td>the pair gave feedback in twelve whole weeks and its two
 *       sides don't diverge (8 for none yet)</td><td>the two sides' ratings diverge by 2 or
 *       more</td></tr>
 * </table>
 *
 * <p>The feedback part rewards the pair taking part and agreeing, never the rating itself nor which
 * side answered, so neither the score nor its reasons let a lead work out what anyone rated or who
 * gave feedback. Feedback counts from whole weeks only, as the program's figures do. A pair with
 * any {@link Risks at-risk reason} is in the "needs a word" band whatever its score; otherwise 75
 * and up is thriving, 50 and up steady.
 */
public final class PairHealth {

  public static final int CHECK_IN_POINTS = 35;
  public static final int RESPONSE_POINTS = 30;
  public static final int RECIPROCITY_POINTS = 20;
  public static final int FEEDBACK_POINTS = 15;

  /** The feedback part before any feedback: a new pair is neither rewarded nor blamed much. */
  static final int NO_FEEDBACK_POINTS = 8;

  public static final int THRIVING = 75;
  public static final int STEADY = 50;

  /** The less active member's share of the pair's activity for full reciprocity marks. */
  static final double FAIR_SHARE = 0.25;

  /** Ratings this far apart mean mentee and mentor see the mentoring differently. */
  public static final double DIVERGENCE = 2.0;

  private PairHealth() {}

  /** Where a score puts a pair. */
  public enum Band {
    THRIVING("thriving"),
    STEADY("steady"),
    NEEDS_A_WORD("needs a word");

    private final String words;

    Band(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** A pair's score, band, the reasons for its score, and the reasons it is at risk, if any. */
  public record Health(int score, Band band, List<String> reasons, List<String> risks) {
    public Health {
      reasons = List.copyOf(reasons);
      risks = List.copyOf(risks);
    }

    public boolean atRisk() {
      return !risks.isEmpty();
    }
  }

  /** The pair's health at {@code now} from its aggregates. */
  public static Health of(PairStats pair, Instant now, int unansweredThreshold) {
    List<String> reasons = new ArrayList<>();
    double score =
        checkIns(pair, now, reasons)
            + responses(pair, reasons)
            + reciprocity(pair, reasons)
            + feedback(pair, reasons);
    int rounded = (int) Math.round(score);
    List<String> risks = Risks.of(pair, now, unansweredThreshold);
    Band band =
        !risks.isEmpty() || rounded < STEADY
            ? Band.NEEDS_A_WORD
            : rounded < THRIVING ? Band.STEADY : Band.THRIVING;
    return new Health(rounded, band, reasons, risks);
  }

  /** The pair's check-in interval in days: its cadence, tapered by its phase. */
  static long cadenceDays(PairStats pair) {
    return Phase.parse(pair.phase()).taper(Duration.ofDays(pair.cadenceDays())).toDays();
  }

  /** When the pair last met, or was paired if it never met. */
  static Instant since(PairStats pair) {
    return pair.lastCheckInAt() != null ? pair.lastCheckInAt() : pair.startedAt();
  }

  static double daysBetween(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMinutes() / (24.0 * 60));
  }

  private static double checkIns(PairStats pair, Instant now, List<String> reasons) {
    long cadence = cadenceDays(pair);
    double days = daysBetween(since(pair), now);
    long whole = (long) Math.floor(days);
    String when =
        pair.lastCheckInAt() != null
            ? "met " + ago(whole)
            : "paired " + ago(whole) + " and no check-in yet";
    reasons.add(when + " (cadence " + cadence + " days)");
    if (days <= cadence) {
      return CHECK_IN_POINTS;
    }
    if (days >= 2.0 * cadence) {
      return 0;
    }
    return CHECK_IN_POINTS * (2.0 * cadence - days) / cadence;
  }

  private static double responses(PairStats pair, List<String> reasons) {
    int sent = pair.mentor().activity().promptsRecent() + pair.mentee().activity().promptsRecent();
    int answered =
        pair.mentor().activity().respondedRecent() + pair.mentee().activity().respondedRecent();
    if (sent == 0) {
      reasons.add("no prompts in the last four weeks");
      return RESPONSE_POINTS;
    }
    reasons.add("answered " + answered + " of " + sent + " prompts in four weeks");
    return RESPONSE_POINTS * (double) answered / sent;
  }

  private static double reciprocity(PairStats pair, List<String> reasons) {
    int mentor = pair.mentor().activity().engagementRecent();
    int mentee = pair.mentee().activity().engagementRecent();
    int total = mentor + mentee;
    if (total == 0) {
      reasons.add("nothing answered, logged or reported by either in four weeks");
      return RECIPROCITY_POINTS / 2.0;
    }
    double share = Math.min(mentor, mentee) / (double) total;
    if (share >= FAIR_SHARE) {
      reasons.add(
          "both take part (mentor " + mentor + ", mentee " + mentee + " things in four weeks)");
    } else {
      Side busier = mentor > mentee ? pair.mentor() : pair.mentee();
      reasons.add(
          "mostly "
              + busier.displayName()
              + " ("
              + Math.max(mentor, mentee)
              + " of "
              + total
              + " things in four weeks)");
    }
    return RECIPROCITY_POINTS * Math.min(1.0, share / FAIR_SHARE);
  }

  /**
   * The pair's feedback, as a pair: whether it took part, never which side did (a lead who knew
   * that could tell whose answer moved a figure), and whether the two sides diverge.
   */
  private static double feedback(PairStats pair, List<String> reasons) {
    if (diverges(pair)) {
      reasons.add("mentee and mentor see the mentoring differently");
      return 0;
    }
    if (pair.mentor().feedback().answers() > 0 || pair.mentee().feedback().answers() > 0) {
      reasons.add("feedback given in the pair in twelve weeks");
      return FEEDBACK_POINTS;
    }
    reasons.add("no feedback in twelve weeks yet");
    return NO_FEEDBACK_POINTS;
  }

  /** Whether both sides rated the mentoring and their mean ratings are far apart. */
  static boolean diverges(PairStats pair) {
    RoleFeedback mentor = pair.mentor().feedback();
    RoleFeedback mentee = pair.mentee().feedback();
    return mentor.answers() > 0
        && mentee.answers() > 0
        && Math.abs(mentor.mean() - mentee.mean()) >= DIVERGENCE;
  }

  static String ago(long days) {
    return days == 0 ? "today" : days == 1 ? "yesterday" : days + " days ago";
  }
}
