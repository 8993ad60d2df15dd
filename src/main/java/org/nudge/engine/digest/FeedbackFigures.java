package org.nudge.engine.digest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nudge.engine.digest.Digest.RoleSummary;
import org.nudge.engine.domain.Digests.PublishedFeedback;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.ProgramStats;
import org.nudge.engine.domain.ProgramStats.RoleFeedback;
import org.nudge.engine.domain.Tx;

/**
 * The feedback figures leads see, one per program and role, made so that comparing any two of them
 * (two digests, a digest and an export) never tells anyone's rating (issue 12). A figure is
 *
 * <ul>
 *   <li>computed from whole weeks only (the twelve that ended by the digest's end), so it never
 *       moves while a week is under way, when a lead could tell whose answer moved it;
 *   <li>published first from at least {@value #MIN_PEOPLE} answers by as many people;
 *   <li>rounded to the nearest half;
 *   <li>changed only once at least {@value #MIN_PEOPLE} more answers by as many people have come in
 *       since the weeks it covers: until then every digest, preview and export shows the stored
 *       figure, whatever answers came, went out of the window or were erased.
 * </ul>
 *
 * So the smallest change a lead can see mixes three people's answers, rounded.
 */
final class FeedbackFigures {

  /** Answers, by as many different people, behind a first figure and behind each change. */
  static final int MIN_PEOPLE = 3;

  static final List<String> ROLES = List.of("mentee", "mentor");

  private FeedbackFigures() {}

  /**
   * The figure of each role for a digest over {@code window}, publishing a new one where the rules
   * allow; {@code candidates} are the ratings of the window's whole weeks by role.
   */
  static Map<String, RoleSummary> of(
      Tx tx, Program program, ProgramStats.Window window, Map<String, RoleFeedback> candidates) {
    Map<String, PublishedFeedback> published = tx.digests().publishedFeedback(program.id());
    Map<String, RoleFeedback> fresh = null;
    Map<String, RoleSummary> out = new LinkedHashMap<>();
    for (String role : ROLES) {
      RoleFeedback candidate = candidates.getOrDefault(role, RoleFeedback.NONE);
      PublishedFeedback last = published.get(role);
      PublishedFeedback next = null;
      if (last == null) {
        next = enough(candidate) ? figure(role, candidate, window) : null;
      } else if (last.coversTo().isBefore(window.feedbackTo()) && enough(candidate)) {
        if (fresh == null) {
          // Answers since the last figure's weeks that are still in this window.
          Instant from =
              last.coversTo().isAfter(window.feedbackFrom())
                  ? last.coversTo()
                  : window.feedbackFrom();
          fresh = tx.digests().feedbackByRole(program, from, window.feedbackTo());
        }
        if (enough(fresh.getOrDefault(role, RoleFeedback.NONE))) {
          next = figure(role, candidate, window);
        }
      }
      if (next != null) {
        tx.digests().publishFeedback(program.id(), next);
      }
      PublishedFeedback shown = next != null ? next : last;
      out.put(
          role,
          shown == null
              ? new RoleSummary(role, null, 0, null)
              : new RoleSummary(role, shown.meanHalves() / 2.0, shown.answers(), shown.coversTo()));
    }
    return out;
  }

  /** A published mean as people read it: "4" or "4.5". */
  static String format(double mean) {
    return mean == Math.rint(mean)
        ? Long.toString(Math.round(mean))
        : String.format(java.util.Locale.ENGLISH, "%.1f", mean);
  }

  private static boolean enough(RoleFeedback f) {
    return f.answers() >= MIN_PEOPLE && f.people() >= MIN_PEOPLE;
  }

  /** The figure of {@code f}, marked with the end of the digest that first shows it. */
  private static PublishedFeedback figure(String role, RoleFeedback f, ProgramStats.Window window) {
    return new PublishedFeedback(
        role, (int) Math.round(f.mean() * 2), f.answers(), window.feedbackTo(), window.to());
  }
}
