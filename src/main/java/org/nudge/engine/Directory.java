package org.nudge.engine;

import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nudge.engine.model.UserRef;

/**
 * What a platform knows about a user the first time Nudge meets them (Slack's {@code users.info},
 * for example). Members can still change both with {@code /nudge prefs}.
 */
public interface Directory {

  Optional<Profile> lookup(UserRef user);

  /**
   * Finds the people a lead names in a file, the way the lead has them: a user id, an
   * {@code @handle}, an e-mail address (on Slack) or a username (on Discord). Called outside any
   * transaction, once per file with every name in it; a name nobody answers to is left out of the
   * result. By default a name is taken as the user id itself (a console handle), with or without
   * its {@code @}.
   */
  default Map<String, Found> find(String platform, String workspace, Collection<String> names) {
    Map<String, Found> found = new LinkedHashMap<>();
    for (String name : names) {
      String id = name.startsWith("@") ? name.substring(1) : name;
      if (Found.PLAIN_ID.matcher(id).matches()) {
        found.put(name, new Found(id, lookup(new UserRef(platform, workspace, id)).orElse(null)));
      }
    }
    return found;
  }

  /** Someone a lead named: their platform user id and, when the platform said, their profile. */
  record Found(String userId, Profile profile) {
    static final Pattern PLAIN_ID = Pattern.compile("[\\w.-]{1,80}");
  }

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
    return new Directory() {
      @Override
      public Optional<Profile> lookup(UserRef user) {
        return copy.getOrDefault(user.platform(), none()).lookup(user);
      }

      @Override
      public Map<String, Found> find(String platform, String workspace, Collection<String> names) {
        return copy.getOrDefault(platform, none()).find(platform, workspace, names);
      }
    };
  }

  /** A directory that knows nothing: names are the platform ids. */
  static Directory none() {
    return user -> Optional.empty();
  }
}
