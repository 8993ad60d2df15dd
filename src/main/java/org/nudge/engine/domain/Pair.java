package org.nudge.engine.domain;

import java.time.Instant;

/**
 * A mentor and a mentee in a program. {@code endedAt} is null while the pair is active. The rhythm
 * columns say when the pair's next check-in, feedback round and plan revisit come due; {@code
 * cadenceDays} overrides the program's check-in cadence when the pair agreed their own.
 */
public record Pair(
    long id,
    long programId,
    long mentorId,
    long menteeId,
    String phase,
    Instant startedAt,
    Instant endedAt,
    Integer cadenceDays,
    Instant checkinDueAt,
    Instant menteeRemindedAt,
    Instant mentorRemindedAt,
    Instant nextFeedbackAt,
    int feedbackRound,
    Instant nextRevisitAt) {

  /**
   * A pair not yet stored (id 0), as {@link Pairs#create} starts one: active from {@code now},
   * phase {@code kickoff} unless given, the program's cadence unless given, no rhythm yet.
   */
  public static Pair draft(
      long programId,
      long mentorId,
      long menteeId,
      String phase,
      Integer cadenceDays,
      Instant now) {
    return new Pair(
        0,
        programId,
        mentorId,
        menteeId,
        phase == null ? org.nudge.engine.schedule.Phase.KICKOFF.word() : phase,
        now,
        null,
        cadenceDays,
        null,
        null,
        null,
        null,
        0,
        null);
  }

  /** The same pair with this id (a draft once stored). */
  public Pair withId(long newId) {
    return new Pair(
        newId,
        programId,
        mentorId,
        menteeId,
        phase,
        startedAt,
        endedAt,
        cadenceDays,
        checkinDueAt,
        menteeRemindedAt,
        mentorRemindedAt,
        nextFeedbackAt,
        feedbackRound,
        nextRevisitAt);
  }

  public boolean includes(long memberId) {
    return mentorId == memberId || menteeId == memberId;
  }

  /** The other member of the pair. */
  public long partnerOf(long memberId) {
    return memberId == mentorId ? menteeId : mentorId;
  }

  public boolean isMentor(long memberId) {
    return memberId == mentorId;
  }

  public boolean isActive() {
    return endedAt == null;
  }

  /** The role of {@code memberId} in this pair. */
  public org.nudge.engine.prompts.Role roleOf(long memberId) {
    return isMentor(memberId)
        ? org.nudge.engine.prompts.Role.MENTOR
        : org.nudge.engine.prompts.Role.MENTEE;
  }

  public Pair withCheckin(Instant due, Instant menteeReminded, Instant mentorReminded) {
    return new Pair(
        id,
        programId,
        mentorId,
        menteeId,
        phase,
        startedAt,
        endedAt,
        cadenceDays,
        due,
        menteeReminded,
        mentorReminded,
        nextFeedbackAt,
        feedbackRound,
        nextRevisitAt);
  }

  public Pair withFeedback(Instant next, int round) {
    return new Pair(
        id,
        programId,
        mentorId,
        menteeId,
        phase,
        startedAt,
        endedAt,
        cadenceDays,
        checkinDueAt,
        menteeRemindedAt,
        mentorRemindedAt,
        next,
        round,
        nextRevisitAt);
  }

  public Pair withRevisit(Instant next) {
    return new Pair(
        id,
        programId,
        mentorId,
        menteeId,
        phase,
        startedAt,
        endedAt,
        cadenceDays,
        checkinDueAt,
        menteeRemindedAt,
        mentorRemindedAt,
        nextFeedbackAt,
        feedbackRound,
        next);
  }

  public Pair withCadenceDays(Integer days) {
    return new Pair(
        id,
        programId,
        mentorId,
        menteeId,
        phase,
        startedAt,
        endedAt,
        days,
        checkinDueAt,
        menteeRemindedAt,
        mentorRemindedAt,
        nextFeedbackAt,
        feedbackRound,
        nextRevisitAt);
  }

  public Pair withPhase(String newPhase) {
    return new Pair(
        id,
        programId,
        mentorId,
        menteeId,
        newPhase,
        startedAt,
        endedAt,
        cadenceDays,
        checkinDueAt,
        menteeRemindedAt,
        mentorRemindedAt,
        nextFeedbackAt,
        feedbackRound,
        nextRevisitAt);
  }
}
