package org.nudge.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.UserRef;

/**
 * Meets people: the first time a user appears (writing to Nudge or being mentioned), a member is
 * created with what the platform's {@link Directory} knows, and leads named in {@code NUDGE_ADMINS}
 * get their role.
 *
 * <p>The directory is a network call (Slack's {@code users.info}), so it is never made inside a
 * transaction, where it would hold a database connection and an engine worker for as long as the
 * platform takes: {@link #ensure} throws {@link NewUser} instead, the engine rolls back, {@link
 * #meet}s the user outside the transaction and runs the work again.
 */
public final class Membership {

  /** Profiles fetched for users not yet stored; more than this and the oldest are forgotten. */
  private static final int MAX_WAITING_PROFILES = 10_000;

  private final Directory directory;
  private final EngineSettings settings;
  private final Map<UserRef, Optional<Directory.Profile>> profiles = new ConcurrentHashMap<>();
  private final Map<String, Optional<Directory.Found>> foundNames = new ConcurrentHashMap<>();

  public Membership(Directory directory, EngineSettings settings) {
    this.directory = directory;
    this.settings = settings;
  }

  /**
   * The member for {@code user}, created on first contact with the profile {@link #meet} fetched.
   *
   * @throws NewUser when the user is new and their profile hasn't been fetched yet
   */
  public Member ensure(Tx tx, UserRef user, Instant now) {
    Optional<Member> known = tx.members().find(user);
    if (known.isPresent()) {
      return known.get();
    }
    Optional<Directory.Profile> profile = profiles.get(user);
    if (profile == null) {
      throw new NewUser(user);
    }
    String name = profile.map(Directory.Profile::displayName).orElse(user.userId());
    Member created =
        tx.members()
            .create(
                user,
                name,
                profile.map(Directory.Profile::zone).orElse(settings.defaultZone()),
                now);
    if (settings.admins().contains(user)) {
      created = created.withLead(true);
      tx.members().update(created);
    }
    return created;
  }

  /** Asks the platform's directory about a new user; call it outside any transaction. */
  public void meet(UserRef user) {
    if (profiles.size() >= MAX_WAITING_PROFILES) {
      profiles.clear(); // fetched for work that never ran again; they'll be fetched anew
    }
    profiles.put(user, directory.lookup(user));
  }

  /**
   * Drops the profiles fetched for {@code users} once the work that needed them is over (stored or
   * not): a later attempt that met someone else may have rolled back the first one's creation.
   */
  public void forget(Collection<UserRef> users) {
    users.forEach(profiles::remove);
  }

  /**
   * The people a lead's file names, found by the platform's {@link Directory#find}: by name, the
   * one found, or absent when nobody answers to it.
   *
   * @throws NamesToLookUp when some of them haven't been looked up yet
   */
  public Map<String, Optional<Directory.Found>> found(
      String platform, String workspace, Collection<String> names) {
    Map<String, Optional<Directory.Found>> result = new java.util.LinkedHashMap<>();
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (String name : names) {
      Optional<Directory.Found> known = foundNames.get(nameKey(platform, workspace, name));
      if (known == null) {
        missing.add(name);
      } else {
        result.put(name, known);
      }
    }
    if (!missing.isEmpty()) {
      throw new NamesToLookUp(platform, workspace, missing);
    }
    return result;
  }

  /** Asks the platform about the names a file holds; call it outside any transaction. */
  public void lookUp(NamesToLookUp names) {
    Map<String, Directory.Found> found =
        directory.find(names.platform, names.workspace, names.names);
    for (String name : names.names) {
      foundNames.put(
          nameKey(names.platform, names.workspace, name), Optional.ofNullable(found.get(name)));
    }
  }

  /** Forgets what {@link #lookUp} found once the work that needed it is over. */
  public void forgetNames(NamesToLookUp names) {
    names.names.forEach(n -> foundNames.remove(nameKey(names.platform, names.workspace, n)));
  }

  private static String nameKey(String platform, String workspace, String name) {
    return platform + ":" + workspace + ":" + name;
  }

  /**
   * Names in a lead's file that the platform hasn't been asked about yet. Thrown inside a
   * transaction so that the directory is asked after it rolled back, like {@link NewUser}.
   */
  public static final class NamesToLookUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String platform;
    private final String workspace;
    private final transient java.util.List<String> names;

    NamesToLookUp(String platform, String workspace, java.util.List<String> names) {
      super(null, null, false, false);
      this.platform = platform;
      this.workspace = workspace;
      this.names = java.util.List.copyOf(names);
    }

    /** The {@link NamesToLookUp} in {@code e}'s causes, if any. */
    static Optional<NamesToLookUp> in(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof NamesToLookUp names) {
          return Optional.of(names);
        }
      }
      return Optional.empty();
    }
  }

  /** Leads appointed in the database plus those named in the configuration. */
  public boolean isLead(Member member) {
    return member.lead() || settings.admins().contains(member.ref());
  }

  /**
   * A user Nudge hasn't met needs their profile from the platform first. Thrown inside a
   * transaction so that the directory is asked after it rolled back; it carries no stack trace.
   */
  public static final class NewUser extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient UserRef user;

    NewUser(UserRef user) {
      super(null, null, false, false);
      this.user = user;
    }

    public UserRef user() {
      return user;
    }

    /** The {@link NewUser} in {@code e}'s causes, if any (a transaction may wrap it). */
    static Optional<NewUser> in(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof NewUser newUser) {
          return Optional.of(newUser);
        }
      }
      return Optional.empty();
    }
  }
}
