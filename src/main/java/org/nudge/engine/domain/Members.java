package org.nudge.engine.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.model.UserRef;

/** Members by platform identity. */
public interface Members {

  Optional<Member> find(UserRef ref);

  Optional<Member> byId(long id);

  /** Creates a member with the default preferences (Friday 15:00, quiet 20:00 to 08:00). */
  Member create(UserRef ref, String displayName, ZoneId zone, Instant now);

  /**
   * Saves every preference of {@code member} (name, zone, prompt time, quiet hours, pause, lead).
   */
  void update(Member member);

  List<Member> leads(String platform, String workspace);

  /**
   * Erases what identifies the member (name, platform id) and keeps an anonymous row, so the
   * partner's history still adds up.
   */
  void anonymise(long id);

  /** Members whose next reflection is due at or before {@code now}, earliest first. */
  List<Member> duePrompts(Instant now, int limit);

  /** Sets when the member's next reflection is due (null: none until they are in a pair). */
  void setNextPrompt(long id, Instant at);

  void setUnansweredInRow(long id, int count);

  /** Records that the member volunteered to mentor others. */
  void volunteer(long id, Instant now);

  /** Members of a workspace who volunteered to mentor, with when they did. */
  List<Member> volunteers(String platform, String workspace);

  /**
   * Every member with this platform user id, in any workspace, oldest first. A Discord DM carries
   * no server, so the adapter asks which servers Nudge already knows the person in.
   */
  List<Member> findByUserId(String platform, String userId);

  /** {@link #setNextPrompt} for each member in the map (a null value: none). */
  default void setNextPrompts(Map<Long, Instant> next) {
    next.forEach(this::setNextPrompt);
  }

  /** {@link #setUnansweredInRow} for each member in the map. */
  default void setUnansweredInRowAll(Map<Long, Integer> counts) {
    counts.forEach(this::setUnansweredInRow);
  }
}
