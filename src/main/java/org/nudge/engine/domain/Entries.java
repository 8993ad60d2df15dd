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
      Instant updatedAt) {}

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

    public boolean isOpen() {
      return "open".equals(status);
    }
  }
}
