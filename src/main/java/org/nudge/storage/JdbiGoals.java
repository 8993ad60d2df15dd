package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.GoalLog;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/** Goals in the {@code goal} table, numbered per pair in the order they were added. */
final class JdbiGoals implements GoalLog {

  /**
   * Goals belong to the pair, but the member wrote the ones they added: those are exported and
   * deleted.
   */
  static final Table PERSONAL_DATA =
      new Table(
          "goal",
          Finder.byMember("created_by"),
          List.of("text"),
          List.of(),
          new Entries(
              "goal",
              "created_at",
              "text",
              List.of(new Detail("seq", "goal "), new Detail("status", "")),
              null),
          Erase.DELETE);

  private static final String COLUMNS =
      "id, pair_id, seq, text, status, created_by, created_at, done_at";
  private static final RowMapper<Goal> GOAL =
      (rs, ctx) ->
          new Goal(
              rs.getLong("id"),
              rs.getLong("pair_id"),
              rs.getInt("seq"),
              rs.getString("text"),
              rs.getString("status"),
              rs.getLong("created_by"),
              Rows.instant(rs, "created_at"),
              Rows.instant(rs, "done_at"));

  private final Handle handle;

  JdbiGoals(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Goal add(long pairId, long createdBy, String text, Instant now) {
    int seq =
        handle
            .createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM goal WHERE pair_id = :pair")
            .bind("pair", pairId)
            .mapTo(Integer.class)
            .one();
    return handle
        .createUpdate(
            "INSERT INTO goal (pair_id, seq, text, created_by, created_at)"
                + " VALUES (:pair, :seq, :text, :by, :now)")
        .bind("pair", pairId)
        .bind("seq", seq)
        .bind("text", text)
        .bind("by", createdBy)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(GOAL)
        .one();
  }

  @Override
  public List<Goal> inPair(long pairId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM goal WHERE pair_id = :pair ORDER BY seq")
        .bind("pair", pairId)
        .map(GOAL)
        .list();
  }

  @Override
  public List<Goal> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM goal WHERE created_by = :m ORDER BY id")
        .bind("m", memberId)
        .map(GOAL)
        .list();
  }

  @Override
  public boolean complete(long pairId, int seq, Instant now) {
    return handle
            .createUpdate(
                "UPDATE goal SET status = 'done', done_at = :now"
                    + " WHERE pair_id = :pair AND seq = :seq AND status = 'open'")
            .bind("now", now)
            .bind("pair", pairId)
            .bind("seq", seq)
            .execute()
        == 1;
  }
}
