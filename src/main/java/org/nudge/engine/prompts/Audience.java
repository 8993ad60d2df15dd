package org.nudge.engine.prompts;

import java.util.Objects;

/**
 * Whom a question is written for. Many reflection questions suit both sides of a pair, so a
 * question can be meant for {@link #ANY} member as well as for one {@link Role}.
 */
public enum Audience {
  MENTEE,
  MENTOR,
  ANY;

  /** True if a member in this role may be asked a question meant for this audience. */
  public boolean includes(Role role) {
    Objects.requireNonNull(role, "role");
    return this == ANY || name().equals(role.name());
  }

  /** The audience of questions written for exactly this role. */
  public static Audience of(Role role) {
    return valueOf(Objects.requireNonNull(role, "role").name());
  }
}
