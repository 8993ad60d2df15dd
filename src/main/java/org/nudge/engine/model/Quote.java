package org.nudge.engine.model;

/**
 * A member's own words that an outgoing message carries: what kind of entry they come from, who
 * wrote them, the pair the entry belongs to (null when it was written outside a pair) and whether
 * its author shared it. A message declares every quote, and the privacy gate checks each one
 * against README's "Who sees what" before the message reaches the outbox (docs/architecture.md, The
 * privacy gate).
 */
public record Quote(Kind kind, long authorId, Long pairId, boolean shared) {

  public Quote {
    if (kind == null) {
      throw new IllegalArgumentException("A quote needs a kind.");
    }
  }

  /** What a member can write, grouped by who may read it besides the author. */
  public enum Kind {
    REFLECTION(Reach.PAIR, "a reflection"),
    ADVICE(Reach.PAIR, "advice"),
    FEEDBACK(Reach.PAIR, "a feedback comment"),
    CHECK_IN_NOTE(Reach.PAIR, "a check-in note"),
    GOAL(Reach.PAIR, "a goal"),
    WIN(Reach.CELEBRATION, "a win"),
    THANKS(Reach.CELEBRATION, "thanks"),
    ENROLMENT(Reach.LEADS, "enrolment answers");

    private final Reach reach;
    private final String words;

    Kind(Reach reach, String words) {
      this.reach = reach;
      this.words = words;
    }

    public Reach reach() {
      return reach;
    }

    /** The kind in words, for a log line: "a check-in note". */
    public String words() {
      return words;
    }
  }

  /**
   * Who, besides the author, may read a kind: {@code PAIR} only the partner of the entry's own
   * pair, while it is active, and only when shared; {@code CELEBRATION} the partner as a notice,
   * and everyone (a program channel, leads' highlights) once shared; {@code LEADS} program leads,
   * for matching.
   */
  public enum Reach {
    PAIR,
    CELEBRATION,
    LEADS
  }
}
