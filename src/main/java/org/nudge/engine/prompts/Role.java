package org.nudge.engine.prompts;

/** Which side of a mentoring pair a member is on, as far as questions are concerned. */
public enum Role {
  MENTEE,
  MENTOR
}
