package org.nudge.adapter.discord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import org.nudge.engine.Directory;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a Discord user is, for the engine's first meeting with them. Discord tells no timezone, so
 * only the name: the server nickname if there is one, else the global display name, else the user
 * name. Names are remembered from every interaction (the person acting and anyone named in a user
 * option arrive with their names), so a lookup rarely costs a REST call; when it does, it is one
 * {@code GET /users/{id}} with a short timeout, and a failure just means the engine uses the id
 * until the member sets {@code /nudge prefs name}.
 */
public final class DiscordDirectory implements Directory {

  private static final Logger log = LoggerFactory.getLogger(DiscordDirectory.class);
  private static final int CACHE_SIZE = 10_000;

  private final Map<String, String> names =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > CACHE_SIZE;
            }
          });
  private volatile DiscordConnection connection;

  /** A directory that starts empty; {@link DiscordAdapter#start} connects it to Discord. */
  public DiscordDirectory() {}

  @Override
  public Optional<Profile> lookup(UserRef user) {
    if (!DiscordAdapter.PLATFORM.equals(user.platform())) {
      return Optional.empty();
    }
    String name = names.get(user.workspace() + "/" + user.userId());
    if (name == null) {
      name = names.get(user.userId());
    }
    if (name == null) {
      name = fetch(user.userId());
    }
    return name == null ? Optional.empty() : Optional.of(new Profile(name, null));
  }

  void connect(DiscordConnection connection) {
    this.connection = connection;
  }

  /** Remembers what an interaction said about a person; {@code member} may be null. */
  void remember(String workspace, User user, Member member) {
    if (user == null) {
      return;
    }
    names.put(user.getId(), user.getEffectiveName());
    if (member != null && workspace != null) {
      names.put(workspace + "/" + user.getId(), member.getEffectiveName());
    }
  }

  private String fetch(String userId) {
    DiscordConnection c = connection;
    if (c == null) {
      return null;
    }
    try {
      User user = c.any().retrieveUserById(userId).timeout(2, TimeUnit.SECONDS).complete();
      names.put(userId, user.getEffectiveName());
      return user.getEffectiveName();
    } catch (RuntimeException e) {
      log.info("Could not look up a Discord user's name: {}", e.toString());
      return null;
    }
  }
}
