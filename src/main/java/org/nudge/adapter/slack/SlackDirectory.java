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
