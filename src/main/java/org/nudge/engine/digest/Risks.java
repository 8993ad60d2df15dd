package org.nudge.engine.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.ProgramStats.Side;

/**
 * Why a pair may need a lead's word. Each reason is a sentence that names people and counts, never
 * what anyone wrote or rated:
 *
 * <ul>
 *   <li>the check-in is overdue by more than one cadence (no check-in for over two cadences; not
 *       while either member is paused);
 *   <li>a member has left the last prompts unanswered ({@code unansweredThreshold} in a row, 3 by
 *       default, the point where Nudge backs off);
 *   <li>one-sided engagement: one member did {@value #ONE_SIDED_SHARE_PERCENT}% or more of what the
 *       pair answered, logged and reported in four weeks (at least {@value #ONE_SIDED_MINIMUM}
 *       things, so a quiet pair isn't called one-sided);
 *   <li>Nudge's direct messages to a member failed for good in the last two weeks (DMs closed, an
 *       account gone);
 *   <li>mentee and mentor feedback diverge by 2 or more (their mean ratings over twelve weeks).
 * </ul>
 */
public final class Risks {

  static final int ONE_SIDED_SHARE_PERCENT = 90;
  static final int ONE_SIDED_MINIMUM = 5;

  private Risks() {}

  /** The reasons {@code pair} is at risk at {@code now}; empty when it isn't. */
  public static List<String> of(PairStats pair, Instant now, int unansweredThreshold) {
    List<String> risks = new ArrayList<>();
    long cadence = PairHealth.cadenceDays(pair);
    double days = PairHealth.daysBetween(PairHealth.since(pair), now);
    boolean paused = pair.mentor().isPausedAt(now) || pair.mentee().isPausedAt(now);
    if (!paused && days > 2.0 * cadence) {
      long whole = (long) Math.floor(days);
      risks.add(
          pair.lastCheckInAt() != null
              ? "check-in overdue: last met " + whole + " days ago (cadence " + cadence + " days)"
              : "check-in overdue: paired "
                  + whole
                  + " days ago and never met (cadence "
                  + cadence
                  + " days)");
    }
    for (Side side : List.of(pair.mentee(), pair.mentor())) {
      if (side.unansweredInRow() >= unansweredThreshold) {
        risks.add(
            side.displayName()
                + " left the last "
                + side.unansweredInRow()
                + " prompts unanswered");
      }
    }
    int mentor = pair.mentor().activity().engagementRecent();
    int mentee = pair.mentee().activity().engagementRecent();
    int total = mentor + mentee;
    if (total >= ONE_SIDED_MINIMUM
        && Math.max(mentor, mentee) * 100 >= ONE_SIDED_SHARE_PERCENT * total) {
      Side busier = mentor >= mentee ? pair.mentor() : pair.mentee();
      risks.add(
          "one-sided: "
              + busier.displayName()
              + " did "
              + Math.max(mentor, mentee)
              + " of the pair's "
              + total
              + " answers, wins, advice and check-ins in four weeks");
    }
    for (Side side : List.of(pair.mentee(), pair.mentor())) {
      int failures = side.activity().dmFailuresRecent();
      if (failures > 0) {
        risks.add(
            "my direct messages to "
                + side.displayName()
                + " are failing ("
                + failures
                + (failures == 1 ? " message" : " messages")
                + " in two weeks)");
      }
    }
    if (PairHealth.diverges(pair)) {
      risks.add("mentee and mentor feedback diverge: worth a conversation with each");
    }
    return risks;
  }
}
