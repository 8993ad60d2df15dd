package org.nudge.engine.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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

  /**
   * What the sweep changes on a member it prompted, in one write: the next due instant (null:
   * none), the prompts the member just left unanswered (added to those in a row), and the
   * reflection prompt just sent to them, which the next sweep expires if it is still open (null:
   * unchanged).
   */
  record NextPrompt(long memberId, Instant at, int moreUnanswered, Long openReflectionId) {}

  /** Applies each {@link NextPrompt}, one write per member. */
  void setNextPrompts(List<NextPrompt> updates);

  /** Records {@code promptId} as the reflection prompt the member was last sent. */
  void setOpenReflection(long memberId, long promptId);

  /** The members with these user ids in one workspace, by user id (a lead's import reads many). */
  default Map<String, Member> findAll(
      String platform, String workspace, Collection<String> userIds) {
    Map<String, Member> found = new LinkedHashMap<>();
    for (String userId : userIds) {
      find(new UserRef(platform, workspace, userId)).ifPresent(m -> found.put(userId, m));
    }
    return found;
  }

  /** The members with these ids, by id; ids of no member are left out (the matching reads many). */
  default Map<Long, Member> byIds(Collection<Long> ids) {
    Map<Long, Member> found = new LinkedHashMap<>();
    for (long id : ids) {
      byId(id).ifPresent(m -> found.put(id, m));
    }
    return found;
  }

  /**
   * Stores {@code newcomers} ({@link Member#newcomer}, perhaps with their first prompt due) exactly
   * as given, in one batch (a lead's import creates thousands); returns them with their ids, in the
   * order given. None of them may exist yet.
   */
  default List<Member> insertAll(List<Member> newcomers) {
    List<Member> stored = new ArrayList<>(newcomers.size());
    for (Member m : newcomers) {
      Member created = create(m.ref(), m.displayName(), m.zone(), m.createdAt());
      if (m.nextPromptAt() != null) {
        setNextPrompt(created.id(), m.nextPromptAt());
      }
      stored.add(m.withId(created.id()));
    }
    return stored;
  }
}
