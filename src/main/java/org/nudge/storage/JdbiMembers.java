package org.nudge.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Members;
import org.nudge.engine.model.UserRef;

final class JdbiMembers implements Members {

  private static final String COLUMNS =
      "id, platform, workspace, user_id, display_name, time_zone, prompt_day, prompt_hour,"
          + " quiet_start, quiet_end, quiet_weekends, paused_until, is_lead, created_at,"
          + " next_prompt_at, unanswered_in_row";

  private final Handle handle;

  JdbiMembers(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<Member> find(UserRef ref) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM member"
                + " WHERE platform = :p AND workspace = :w AND user_id = :u")
        .bind("p", ref.platform())
        .bind("w", ref.workspace())
        .bind("u", ref.userId())
        .map(JdbiMembers::map)
        .findOne();
  }

  @Override
  public Optional<Member> byId(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM member WHERE id = :id")
        .bind("id", id)
        .map(JdbiMembers::map)
        .findOne();
  }

  /**
   * Creates the member, or returns the one a concurrent transaction created first: one person's
   * first two commands can arrive at once. The insert runs under a savepoint, so on PostgreSQL a
   * unique violation doesn't abort the surrounding transaction.
   */
  @Override
  public Member create(UserRef ref, String displayName, ZoneId zone, Instant now) {
    String savepoint = "member_create";
    handle.savepoint(savepoint);
    try {
      long id =
          handle
              .createUpdate(
                  "INSERT INTO member (platform, workspace, user_id, display_name, time_zone,"
                      + " created_at) VALUES (:p, :w, :u, :name, :zone, :now)")
              .bind("p", ref.platform())
              .bind("w", ref.workspace())
              .bind("u", ref.userId())
              .bind("name", displayName)
              .bind("zone", zone.getId())
              .bind("now", now)
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      handle.releaseSavepoint(savepoint);
      return byId(id).orElseThrow();
    } catch (UnableToExecuteStatementException e) {
      if (!Rows.isUniqueViolation(e)) {
        throw e;
      }
      handle.rollbackToSavepoint(savepoint);
      return find(ref).orElseThrow(() -> e);
    }
  }

  @Override
  public void update(Member m) {
    handle
        .createUpdate(
            "UPDATE member SET display_name = :name, time_zone = :zone, prompt_day = :day,"
                + " prompt_hour = :hour, quiet_start = :qs, quiet_end = :qe,"
                + " quiet_weekends = :qw, paused_until = :paused, is_lead = :lead WHERE id = :id")
        .bind("name", m.displayName())
        .bind("zone", m.zone().getId())
        .bind("day", m.promptDay().getValue())
        .bind("hour", m.promptHour())
        .bind("qs", m.quietStartHour())
        .bind("qe", m.quietEndHour())
        .bind("qw", m.quietWeekends())
        .bind("paused", m.pausedUntil())
        .bind("lead", m.lead())
        .bind("id", m.id())
        .execute();
  }

  @Override
  public List<Member> leads(String platform, String workspace) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM member"
                + " WHERE platform = :p AND workspace = :w AND is_lead ORDER BY id")
        .bind("p", platform)
        .bind("w", workspace)
        .map(JdbiMembers::map)
        .list();
  }

  @Override
  public List<Member> duePrompts(Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM member WHERE next_prompt_at <= :now"
                + " ORDER BY next_prompt_at, id LIMIT :limit")
        .bind("now", now)
        .bind("limit", limit)
        .map(JdbiMembers::map)
        .list();
  }

  @Override
  public void setNextPrompt(long id, Instant at) {
    handle
        .createUpdate("UPDATE member SET next_prompt_at = :at WHERE id = :id")
        .bind("at", at)
        .bind("id", id)
        .execute();
  }

  @Override
  public void setUnansweredInRow(long id, int count) {
    handle
        .createUpdate("UPDATE member SET unanswered_in_row = :n WHERE id = :id")
        .bind("n", count)
        .bind("id", id)
        .execute();
  }

  @Override
  public void volunteer(long id, Instant now) {
    handle
        .createUpdate(
            "UPDATE member SET volunteered_at = :now WHERE id = :id AND volunteered_at IS NULL")
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  @Override
  public List<Member> volunteers(String platform, String workspace) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM member WHERE platform = :p AND workspace = :w"
                + " AND volunteered_at IS NOT NULL ORDER BY volunteered_at")
        .bind("p", platform)
        .bind("w", workspace)
        .map(JdbiMembers::map)
        .list();
  }

  @Override
  public List<Member> findByUserId(String platform, String userId) {
    return handle
        .createQuery(
            "SELECT " + COLUMNS + " FROM member WHERE platform = :p AND user_id = :u ORDER BY id")
        .bind("p", platform)
        .bind("u", userId)
        .map(JdbiMembers::map)
        .list();
  }

  static Member map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Member(
        rs.getLong("id"),
        new UserRef(rs.getString("platform"), rs.getString("workspace"), rs.getString("user_id")),
        rs.getString("display_name"),
        ZoneId.of(rs.getString("time_zone")),
        DayOfWeek.of(rs.getInt("prompt_day")),
        rs.getInt("prompt_hour"),
        rs.getInt("quiet_start"),
        rs.getInt("quiet_end"),
        rs.getBoolean("quiet_weekends"),
        Rows.instant(rs, "paused_until"),
        rs.getBoolean("is_lead"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "next_prompt_at"),
        rs.getInt("unanswered_in_row"));
  }

  private static final ValuesList<NextPrompt> NEXT_PROMPTS =
      new ValuesList<>(
          ValuesList.column("BIGINT", Long.class, NextPrompt::memberId),
          ValuesList.column("TIMESTAMP WITH TIME ZONE", Instant.class, NextPrompt::at),
          ValuesList.column("INT", Integer.class, NextPrompt::moreUnanswered),
          ValuesList.column("BIGINT", Long.class, NextPrompt::openReflectionId));

  /**
   * One {@code MERGE} per batch rather than an {@code UPDATE} per member: PostgreSQL runs each
   * statement of a JDBC batch on its own, which made these updates a fifth of the 100k sweep there.
   * A member listed twice gets what two updates in a row would have left.
   */
  @Override
  public void setNextPrompts(List<NextPrompt> updates) {
    Map<Long, NextPrompt> once = new LinkedHashMap<>();
    for (NextPrompt u : updates) {
      once.merge(
          u.memberId(),
          u,
          (first, then) ->
              new NextPrompt(
                  then.memberId(),
                  then.at(),
                  first.moreUnanswered() + then.moreUnanswered(),
                  then.openReflectionId() != null
                      ? then.openReflectionId()
                      : first.openReflectionId()));
    }
    for (List<NextPrompt> rows : ValuesList.chunks(List.copyOf(once.values()))) {
      NEXT_PROMPTS
          .bind(
              handle.createUpdate(
                  "MERGE INTO member m USING (VALUES "
                      + NEXT_PROMPTS.placeholders(rows.size())
                      + ") AS u (id, next_at, more, open_id) ON m.id = u.id"
                      + " WHEN MATCHED THEN UPDATE SET next_prompt_at = u.next_at,"
                      + " unanswered_in_row = m.unanswered_in_row + u.more,"
                      + " open_reflection_id = COALESCE(u.open_id, m.open_reflection_id)"),
              rows)
          .execute();
    }
  }

  @Override
  public void setOpenReflection(long memberId, long promptId) {
    handle
        .createUpdate("UPDATE member SET open_reflection_id = :p WHERE id = :id")
        .bind("p", promptId)
        .bind("id", memberId)
        .execute();
  }

  /** Lists bound into one {@code IN (…)}: small enough for either database's statement limits. */
  private static final int CHUNK = 500;

  @Override
  public Map<String, Member> findAll(
      String platform, String workspace, Collection<String> userIds) {
    Map<String, Member> found = new LinkedHashMap<>();
    List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
    for (int from = 0; from < ids.size(); from += CHUNK) {
      // By user id alone, so H2 walks member_user (V15) rather than the unique index, whose
      // platform and workspace prefix matches every member of the workspace.
      handle
          .createQuery("SELECT " + COLUMNS + " FROM member WHERE user_id IN (<ids>)")
          .bindList("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
          .map(JdbiMembers::map)
          .filter(m -> m.ref().platform().equals(platform) && m.ref().workspace().equals(workspace))
          .forEach(m -> found.put(m.ref().userId(), m));
    }
    return found;
  }

  @Override
  public Map<Long, Member> byIds(Collection<Long> ids) {
    Map<Long, Member> found = new LinkedHashMap<>();
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
    for (int from = 0; from < distinct.size(); from += CHUNK) {
      handle
          .createQuery("SELECT " + COLUMNS + " FROM member WHERE id IN (<ids>)")
          .bindList("ids", distinct.subList(from, Math.min(distinct.size(), from + CHUNK)))
          .map(JdbiMembers::map)
          .forEach(m -> found.put(m.id(), m));
    }
    return found;
  }

  /**
   * One batch insert of every column, the ids taken from the generated keys: nothing is read back.
   * Unlike {@link #create} it doesn't absorb a concurrent creation of the same person: an import's
   * transaction fails and the lead confirms again.
   */
  @Override
  public List<Member> insertAll(List<Member> newcomers) {
    if (newcomers.isEmpty()) {
      return List.of();
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO member (platform, workspace, user_id, display_name, time_zone,"
                + " prompt_day, prompt_hour, quiet_start, quiet_end, quiet_weekends, paused_until,"
                + " is_lead, created_at, next_prompt_at, unanswered_in_row) VALUES (:p, :w, :u,"
                + " :name, :zone, :day, :hour, :qs, :qe, :qw, :paused, :lead, :now, :next, :n)");
    for (Member m : newcomers) {
      batch
          .bind("p", m.ref().platform())
          .bind("w", m.ref().workspace())
          .bind("u", m.ref().userId())
          .bind("name", m.displayName())
          .bind("zone", m.zone().getId())
          .bind("day", m.promptDay().getValue())
          .bind("hour", m.promptHour())
          .bind("qs", m.quietStartHour())
          .bind("qe", m.quietEndHour())
          .bind("qw", m.quietWeekends())
          .bindByType("paused", m.pausedUntil(), Instant.class)
          .bind("lead", m.lead())
          .bind("now", m.createdAt())
          .bindByType("next", m.nextPromptAt(), Instant.class)
          .bind("n", m.unansweredInRow())
          .add();
    }
    // Each id by the identity it was generated for, not by position: nothing promises that a
    // driver hands a batch's keys back in the order the rows were added.
    Map<UserRef, Long> ids = new HashMap<>();
    batch
        .executePreparedBatch("id", "platform", "workspace", "user_id")
        .map(
            (rs, ctx) ->
                Map.entry(
                    new UserRef(
                        rs.getString("platform"),
                        rs.getString("workspace"),
                        rs.getString("user_id")),
                    rs.getLong("id")))
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    List<Member> stored = new ArrayList<>(newcomers.size());
    for (Member m : newcomers) {
      stored.add(m.withId(ids.get(m.ref())));
    }
    return stored;
  }
}
