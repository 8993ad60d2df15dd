package org.nudge.engine.model;

import java.util.Objects;

/**
 * A chat user as the engine sees them: opaque ids, never interpreted. The string form {@code
 * platform:workspace:user} is the one {@code NUDGE_ADMINS} uses.
 */
public record UserRef(String platform, String workspace, String userId) {

  public UserRef {
    requirePart(platform, "platform");
    requirePart(workspace, "workspace");
    requirePart(userId, "user id");
  }

  private static void requirePart(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.contains(":") && !what.equals("user id")) {
      throw new IllegalArgumentException(
          "A user's " + what + " must be a non-empty id without ':'.");
    }
  }

  /** Parses {@code platform:workspace:user}; the user part may itself contain colons. */
  public static UserRef parse(String key) {
    String[] parts = key.trim().split(":", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "'" + key + "' is not a user id; write it as platform:workspace:user.");
    }
    return new UserRef(parts[0], parts[1], parts[2]);
  }

  /** The other user of the same workspace with the given platform id. */
  public UserRef sibling(String otherUserId) {
    return new UserRef(platform, workspace, otherUserId);
  }

  public String key() {
    return platform + ":" + workspace + ":" + userId;
  }

  @Override
  public String toString() {
    return key();
  }
}
