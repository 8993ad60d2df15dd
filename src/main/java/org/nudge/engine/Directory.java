package org.nudge.engine;

import java.time.ZoneId;
import java.util.Optional;
import org.nudge.engine.model.UserRef;

/**
 * What a platform knows about a user the first time Nudge meets them (Slack's {@code users.info},
 * for example). Members can still change both with {@code /nudge prefs}.
 */
public interface Directory {

  Optional<Profile> lookup(UserRef user);

  /** A display name and, where the platform knows it, a timezone. */
  record Profile(String displayName, ZoneId zone) {
    public Profile {
      // A profile name is typed by its owner like any message, so it can't carry a live mention.
      displayName = org.nudge.engine.model.LiveMentions.strip(displayName);
    }
  }

  /** Asks the directory of the user's own platform; users of other platforms are unknown. */
  static Directory byPlatform(java.util.Map<String, Directory> directories) {
    java.util.Map<String, Directory> copy = java.util.Map.copyOf(directories);
    return user -> copy.getOrDefault(user.platform(), none()).lookup(user);
  }

  /** A directory that knows nothing: names are the platform ids. */
  static Directory none() {
    return user -> Optional.empty();
  }
}
