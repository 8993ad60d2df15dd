package org.nudge.engine.domain;

import java.time.Instant;

/** The things members write down. Each record is one row of its table. */
public final class Entries {

  private Entries() {}

  /** A win, with its {@code #tags} (space-separated, lower case). */
  public record Win(
      long id,
      long memberId,
      Long pairId,
      String text,
      String tags,
      boolean shared,
      Instant createdAt) {}

  /** A record that the pair met. */
  public record CheckIn(long id, long pairId, long memberId, String note, Instant createdAt) {}

  /** Advice a member received; {@code followUpAt} is when Nudge asks what happened. */
  public record Advice(
      long id,
      long memberId,
      Long pairId,
      String text,
      Instant followUpAt,
      String outcome,
      Instant createdAt,
      Instant followedUpAt,
      String acted) {}

  /** One goal of a pair's development plan; {@code seq} is the number members type. */
  public record Goal(
      long id,
      long pairId,
      int seq,
      String text,
      String status,
      long createdBy,
      Instant createdAt,
      Instant doneAt) {}

  /** An answer to a weekly reflection question; private unless {@code shared}. */
  public record Reflection(
      long id,
      long memberId,
      Long pairId,
      String isoWeek,
      String questionId,
      String question,
      String answer,
      String nextStep,
      boolean shared,
      Instant createdAt,
      Instant updatedAt) {

    /** A member's first answer to a prompt's question: no next step yet, and private. */
    public static Reflection answering(Prompt prompt, String answer, Instant now) {
      return new Reflection(
          0,
          prompt.memberId(),
          prompt.pairId(),
          prompt.isoWeek(),
          prompt.questionId(),
          prompt.question(),
          answer,
          null,
          false,
          now,
          now);
    }
  }

  /** Feedback on the mentoring process: a 1 to 5 rating and an optional comment. */
  public record Feedback(
      long id,
      long memberId,
      Long pairId,
      String role,
      int rating,
      String comment,
      boolean shared,
      Instant createdAt) {}

  /** One message Nudge started: a reflection prompt, a reminder, a feedback round, a follow-up. */
  public record Prompt(
      long id,
      long memberId,
      Long pairId,
      String kind,
      String idemKey,
      String isoWeek,
      String questionId,
      String question,
      Instant dueAt,
      Instant sentAt,
      String status,
      boolean counts,
      Instant answeredAt) {

    /**
     * A prompt Nudge starts now: open until answered, counted in the response rate, with no
     * question (a reminder or a follow-up) until {@link #asking} gives it one.
     */
    public static Prompt starting(
        long memberId, Long pairId, String kind, String idemKey, Instant dueAt, Instant sentAt) {
      return new Prompt(
          0, memberId, pairId, kind, idemKey, null, null, null, dueAt, sentAt, "open", true, null);
    }

    public Prompt asking(String questionId, String question) {
      return with(isoWeek, questionId, question, status, counts);
    }

    public Prompt inWeek(String isoWeek) {
      return with(isoWeek, questionId, question, status, counts);
    }

    /** A prompt that expects no answer ({@code done}) or that was never sent ({@code missed}). */
    public Prompt withStatus(String status) {
      return with(isoWeek, questionId, question, status, counts);
    }

    /** Whether it counts in response rates (not when a member asked for it themselves). */
    public Prompt counting(boolean counts) {
      return with(isoWeek, questionId, question, status, counts);
    }

    private Prompt with(
        String isoWeek, String questionId, String question, String status, boolean counts) {
      return new Prompt(
          id,
          memberId,
          pairId,
          kind,
          idemKey,
          isoWeek,
          questionId,
          question,
          dueAt,
          sentAt,
          status,
          counts,
          answeredAt);
    }

    public boolean isOpen() {
      return "open".equals(status);
    }
  }
}
