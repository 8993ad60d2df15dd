package org.nudge.engine;

import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.UserRef;

/**
 * Meets people: the first time a user appears (writing to Nudge or being mentioned), a member is
 * created with what the platform's {@link Directory} knows, and leads named in {@code NUDGE_ADMINS}
 * get their role.
 */
public final class Membership {

  private final Directory directory;
  private final EngineSettings settings;

  public Membership(Directory directory, EngineSettings settings) {
    this.directory = directory;
    this.settings = settings;
  }

  /** The member for {@code user}, created on first contact. */
  public Member ensure(Tx tx, UserRef user, Instant now) {
    Optional<Member> known = tx.members().find(user);
    if (known.isPresent()) {
      return known.get();
    }
    Optional<Directory.Profile> profile = directory.lookup(user);
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

  /** Leads appointed in the database plus those named in the configuration. */
  public boolean isLead(Member member) {
    return member.lead() || settings.admins().contains(member.ref());
  }
}
