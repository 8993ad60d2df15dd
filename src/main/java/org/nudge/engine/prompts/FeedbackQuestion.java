package org.nudge.engine.prompts;

import java.util.Objects;

/**
 * One question of the feedback round on the mentoring itself: a rating from {@link #MIN_RATING} to
 * {@link #MAX_RATING} with words for both ends, then an optional comment.
 *
 * <p>Both ends are labelled because a bare "1 to 5" means different things to different people, and
 * leads compare these ratings across pairs.
 *
 * @param id stable identifier, stored with answers
 * @param role who is asked: mentees rate the mentoring, mentors rate how the sessions work
 * @param text the rating question
 * @param lowLabel what a 1 means
 * @param highLabel what a 5 means
 * @param commentPrompt the invitation to add a comment, which may be skipped
 */
public record FeedbackQuestion(
    String id, Role role, String text, String lowLabel, String highLabel, String commentPrompt) {

  /** The lowest rating a member can give. */
  public static final int MIN_RATING = 1;

  /** The highest rating a member can give. */
  public static final int MAX_RATING = 5;

  public FeedbackQuestion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(lowLabel, "lowLabel");
    Objects.requireNonNull(highLabel, "highLabel");
    Objects.requireNonNull(commentPrompt, "commentPrompt");
  }
}
