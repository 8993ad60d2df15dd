package org.nudge.engine.prompts;

import java.util.Objects;
import org.nudge.engine.schedule.Phase;

/**
 * One reflection question from the bank.
 *
 * @param id stable identifier, stored with answers; never reused for different wording
 * @param phase the pair phase it belongs to
 * @param role whom it is written for: mentee, mentor, or any member
 * @param text the question as the member sees it
 */
public record Question(String id, Phase phase, Audience role, String text) {

  public Question {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }
}
