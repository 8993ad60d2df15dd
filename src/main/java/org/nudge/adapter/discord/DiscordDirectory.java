package org.nudge.adapter.discord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private volatile DiscordFiles rest;

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

  void connect(DiscordFiles rest) {
    this.rest = rest;
  }

  /** Up to this many names are searched one by one; more list the server's members once. */
  static final int FEW = 20;

  /**
   * People a lead's file names in a server: a user id (digits) is taken as it is, with the name
   * Discord knows; a username (with or without {@code @}) is searched among the server's members,
   * and found when exactly one member has it as username, display name or nickname. More than
   * {@link #FEW} names list the server's members once ({@link DiscordFiles#listMembers}) rather
   * than one call per name, which Discord's rate limits would stretch to minutes for a big file;
   * without the Server Members intent that listing is refused, and the names are searched one by
   * one as for a few.
   */
  @Override
  public Map<String, Found> find(String platform, String workspace, Collection<String> people) {
    DiscordFiles search = rest;
    List<DiscordFiles.Found> everyone = null;
    if (search != null && people.size() > FEW) {
      try {
        everyone = search.listMembers(workspace);
      } catch (IOException e) {
        log.info(
            "Listing a Discord server's members failed ({}); searching name by name",
            e.getMessage());
      }
    }
    Map<String, List<DiscordFiles.Found>> byName = new HashMap<>();
    Map<String, DiscordFiles.Found> byId = new HashMap<>();
    if (everyone != null) {
      for (DiscordFiles.Found f : everyone) {
        byId.put(f.userId(), f);
        Set<String> seen = new HashSet<>();
        for (String n : List.of(f.username(), f.globalName(), f.nick())) {
          if (!n.isEmpty() && seen.add(n.toLowerCase(Locale.ROOT))) {
            byName.computeIfAbsent(n.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
          }
        }
      }
    }
    Map<String, Found> found = new LinkedHashMap<>();
    for (String name : people) {
      String plain = name.startsWith("@") ? name.substring(1) : name;
      if (plain.matches("\\d{15,22}")) {
        DiscordFiles.Found listed = byId.get(plain);
        if (listed != null) {
          found.put(name, new Found(plain, new Profile(remember(workspace, listed), null)));
          continue;
        }
        Optional<Profile> profile = lookup(new UserRef(platform, workspace, plain));
        found.put(name, new Found(plain, profile.orElse(null)));
        continue;
      }
      if (search == null || plain.isBlank()) {
        continue;
      }
      try {
        List<DiscordFiles.Found> matches =
            everyone != null
                ? byName.getOrDefault(plain.toLowerCase(Locale.ROOT), List.of())
                : search.searchMembers(workspace, plain).stream()
                    .filter(
                        f ->
                            f.username().equalsIgnoreCase(plain)
                                || f.globalName().equalsIgnoreCase(plain)
                                || f.nick().equalsIgnoreCase(plain))
                    .toList();
        if (matches.size() == 1) {
          DiscordFiles.Found f = matches.get(0);
          found.put(name, new Found(f.userId(), new Profile(remember(workspace, f), null)));
        }
      } catch (IOException e) {
        log.info("Searching a Discord server's members failed: {}", e.getMessage());
      }
    }
    return found;
  }

  /** The name people see for a member found in a server, remembered for later lookups. */
  private String remember(String workspace, DiscordFiles.Found f) {
    String shown =
        !f.nick().isEmpty() ? f.nick() : !f.globalName().isEmpty() ? f.globalName() : f.username();
    names.put(workspace + "/" + f.userId(), shown);
    return shown;
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
