package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The aggregates of one program as the database computes them: one row per active pair with the
 * counts of each member, the feedback per role, the wins their authors shared, and the members who
 * volunteered to mentor. Nothing private is in here: counts and instants, and shared wins only.
 *
 * @param pairs the program's active pairs, oldest first
 * @param feedbackByRole feedback in the feedback window per role ({@code mentee}, {@code mentor})
 * @param highlights wins shared to the channel during the week, oldest first, at most the limit
 * @param highlightsTotal how many wins were shared during the week in all
 * @param thanks how many thanks members of active pairs gave during the week: a count, no text
 * @param volunteers members of the program who volunteered to mentor and mentor no one yet
 */
public record ProgramStats(
    List<PairStats> pairs,
    Map<String, RoleFeedback> feedbackByRole,
    List<Highlight> highlights,
    int highlightsTotal,
    int thanks,
    List<Volunteer> volunteers) {

  public ProgramStats {
    pairs = List.copyOf(pairs);
    feedbackByRole = Map.copyOf(feedbackByRole);
    highlights = List.copyOf(highlights);
    volunteers = List.copyOf(volunteers);
  }

  /**
   * The instants a digest ending at {@code to} looks at: its week {@code [weekFrom, to)}, the week
   * before {@code [previousFrom, weekFrom)}, the recent activity behind a pair's health {@code
   * [recentFrom, to)}, and the longer feedback window {@code [feedbackFrom, feedbackTo)} of whole
   * weeks only, ending where the week under way (if any) begins: feedback rounds come every few
   * weeks, so one week would rarely hold any, and a figure that moved while a week is under way
   * would tell a lead when, and so whose, answer moved it.
   */
  public record Window(
      Instant to,
      Instant weekFrom,
      Instant previousFrom,
      Instant recentFrom,
      Instant feedbackFrom,
      Instant feedbackTo) {}

  /** What one member of a pair did, in the week, the week before, and recently. */
  public record MemberActivity(
      int promptsWeek,
      int respondedWeek,
      int promptsPrevious,
      int respondedPrevious,
      int promptsRecent,
      int respondedRecent,
      int winsWeek,
      int winsPrevious,
      int winsRecent,
      int adviceLoggedRecent,
      int adviceReportedRecent,
      int adviceReportedWeek,
      int adviceTriedWeek,
      int checkInsRecordedRecent,
      int dmFailuresRecent) {

    public static final MemberActivity NONE =
        new MemberActivity(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Everything this member answered, logged or reported recently: the reciprocity count. */
    public int engagementRecent() {
      return respondedRecent
          + winsRecent
          + adviceLoggedRecent
          + adviceReportedRecent
          + checkInsRecordedRecent;
    }
  }

  /** One side of a pair: who, whether they are paused, and their unanswered streak. */
  public record Side(
      long memberId,
      String userId,
      String displayName,
      int unansweredInRow,
      Instant pausedUntil,
      MemberActivity activity,
      RoleFeedback feedback) {

    public boolean isPausedAt(Instant now) {
      return pausedUntil != null && pausedUntil.isAfter(now);
    }
  }

  /**
   * One active pair.
   *
   * @param cadenceDays the pair's agreed check-in cadence, or the program's
   * @param lastCheckInAt the latest check-in before the window's end, or null
   * @param lastCheckInBeforeWeek the latest check-in before the week, or null
   * @param checkInsWeek check-ins recorded during the week
   * @param checkInsPrevious check-ins recorded the week before
   */
  public record PairStats(
      long pairId,
      String phase,
      Instant startedAt,
      int cadenceDays,
      Side mentor,
      Side mentee,
      Instant lastCheckInAt,
      Instant lastCheckInBeforeWeek,
      int checkInsWeek,
      int checkInsPrevious) {}

  /**
   * Ratings of one role (or one side of a pair) in the feedback window: how many answers, from how
   * many people, and their mean. The mean leaves the engine only as a role's published figure
   * (coarse, with enough people behind it and behind each change), never one side's.
   */
  public record RoleFeedback(int answers, int people, double mean) {
    public static final RoleFeedback NONE = new RoleFeedback(0, 0, 0);
  }

  /** A win its author shared to the program's channel. */
  public record Highlight(
      long winId, long authorId, long pairId, String author, String text, Instant at) {}

  /** A member who volunteered to mentor. */
  public record Volunteer(long memberId, String displayName, Instant volunteeredAt) {}
}
