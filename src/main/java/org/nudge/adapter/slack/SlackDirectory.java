package org.nudge.adapter.slack;

import com.slack.api.model.User;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import org.nudge.engine.Directory;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a Slack user is, asked once with {@code users.info} when Nudge first meets them: the name
 * people see in Slack and the timezone set in their Slack profile. Failures only mean a plainer
 * first contact (the user id as name, the default zone), never a failed command.
 */
final class SlackDirectory implements Directory {

  private static final Logger log = LoggerFactory.getLogger(SlackDirectory.class);

  private final SlackApi api;

  SlackDirectory(SlackApi api) {
    this.api = api;
  }

  @Override
  public Optional<Profile> lookup(UserRef user) {
    if (!SlackAdapter.PLATFORM.equals(user.platform())) {
      return Optional.empty();
    }
    try {
      return api.userInfo(user.userId()).map(SlackDirectory::profile);
    } catch (SlackCallFailed e) {
      log.warn("users.info failed ({}); meeting the user without a Slack profile", e.error());
      return Optional.empty();
    }
  }

  /**
   * People a lead's file names: Slack user ids ({@code U…}, {@code W…}) are asked with {@code
   * users.info}, e-mail addresses with {@code users.lookupByEmail}; {@code @handles}, or more than
   * {@link #FEW} names, page through {@code users.list} once instead, which also carries e-mail
   * addresses (with {@code users:read.email}) and is kinder to Slack's rate limits than a call per
   * person.
   */
  @Override
  public java.util.Map<String, Found> find(
      String platform, String workspace, java.util.Collection<String> names) {
    java.util.Map<String, Found> found = new java.util.LinkedHashMap<>();
    try {
      boolean handles = names.stream().anyMatch(n -> n.startsWith("@"));
      if (handles || names.size() > FEW) {
        java.util.Map<String, User> byName = new java.util.HashMap<>();
        for (User user : api.allUsers()) {
          if (Boolean.TRUE.equals(user.isDeleted()) || user.isBot()) {
            continue;
          }
          byName.put(user.getId(), user);
          if (user.getName() != null) {
            byName.putIfAbsent("@" + user.getName().toLowerCase(java.util.Locale.ROOT), user);
          }
          if (user.getProfile() != null) {
            String display = user.getProfile().getDisplayName();
            if (display != null && !display.isBlank()) {
              byName.putIfAbsent("@" + display.toLowerCase(java.util.Locale.ROOT), user);
            }
            String email = user.getProfile().getEmail();
            if (email != null) {
              byName.putIfAbsent(email.toLowerCase(java.util.Locale.ROOT), user);
            }
          }
        }
        for (String name : names) {
          User user =
              byName.get(
                  USER_ID.matcher(name).matches() ? name : name.toLowerCase(java.util.Locale.ROOT));
          if (user != null) {
            found.put(name, new Found(user.getId(), profile(user)));
          }
        }
        return found;
      }
      for (String name : names) {
        Optional<User> user =
            USER_ID.matcher(name).matches()
                ? api.userInfo(name)
                : name.contains("@") ? api.userByEmail(name) : Optional.empty();
        user.ifPresent(u -> found.put(name, new Found(u.getId(), profile(u))));
      }
    } catch (SlackCallFailed e) {
      // The lead sees each name not found on its line; the log says why, with no name in it.
      log.warn("Looking up the people of an import failed ({} {})", e.method(), e.error());
    }
    return found;
  }

  /** Up to this many names are looked up one by one; more page through users.list. */
  static final int FEW = 20;

  private static final java.util.regex.Pattern USER_ID =
      java.util.regex.Pattern.compile("[UW][A-Z0-9]{2,}");

  static Profile profile(User user) {
    String name =
        firstNonBlank(
            user.getProfile() == null ? null : user.getProfile().getDisplayName(),
            user.getProfile() == null ? null : user.getProfile().getRealName(),
            user.getRealName(),
            user.getName(),
            user.getId());
    ZoneId zone = null;
    if (user.getTz() != null) {
      try {
        zone = ZoneId.of(user.getTz());
      } catch (DateTimeException e) {
        log.info("Slack gave an unknown timezone; using the default");
      }
    }
    return new Profile(name, zone);
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    return "someone";
  }
}
