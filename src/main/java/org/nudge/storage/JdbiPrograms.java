package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Programs;

final class JdbiPrograms implements Programs {

  private static final RowMapper<Program> MAPPER =
      (rs, ctx) ->
          new Program(
              rs.getLong("id"),
              rs.getString("platform"),
              rs.getString("workspace"),
              rs.getString("name"),
              rs.getString("channel_id"),
              rs.getString("leads_channel_id"),
              rs.getInt("checkin_cadence_days"),
              rs.getInt("feedback_every_weeks"),
              Rows.instant(rs, "created_at"),
              rs.getString("pair_space"));
  private static final String COLUMNS =
      "id, platform, workspace, name, channel_id, leads_channel_id, checkin_cadence_days,"
          + " feedback_every_weeks, created_at, pair_space";

  private final Handle handle;

  JdbiPrograms(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Program create(
      String platform, String workspace, String name, String channelId, Instant now) {
    long id =
        handle
            .createUpdate(
                "INSERT INTO program (platform, workspace, name, name_key, channel_id, created_at)"
                    + " VALUES (:p, :w, :name, :key, :channel, :now)")
            .bind("p", platform)
            .bind("w", workspace)
            .bind("name", name)
            .bind("key", name.toLowerCase(Locale.ROOT))
            .bind("channel", channelId)
            .bind("now", now)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return byId(id).orElseThrow();
  }

  @Override
  public Optional<Program> byName(String platform, String workspace, String name) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM program"
                + " WHERE platform = :p AND workspace = :w AND name_key = :key")
        .bind("p", platform)
        .bind("w", workspace)
        .bind("key", name.toLowerCase(Locale.ROOT))
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<Program> byId(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM program WHERE id = :id")
        .bind("id", id)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<Program> all(String platform, String workspace) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM program WHERE platform = :p AND workspace = :w"
                + " ORDER BY name_key")
        .bind("p", platform)
        .bind("w", workspace)
        .map(MAPPER)
        .list();
  }

  @Override
  public void setChannel(long programId, String channelId) {
    handle
        .createUpdate("UPDATE program SET channel_id = :channel WHERE id = :id")
        .bind("channel", channelId)
        .bind("id", programId)
        .execute();
  }

  @Override
  public void setLeadsChannel(long programId, String channelId) {
    handle
        .createUpdate("UPDATE program SET leads_channel_id = :channel WHERE id = :id")
        .bind("channel", channelId)
        .bind("id", programId)
        .execute();
  }

  @Override
  public void setPairSpace(long programId, String pairSpace) {
    handle
        .createUpdate(
            "UPDATE program SET pair_space = :space, space_notice_at = NULL WHERE id = :id")
        .bind("space", pairSpace)
        .bind("id", programId)
        .execute();
  }

  @Override
  public boolean firstSpaceRefusal(long programId, Instant now) {
    // Conditional, so two nodes meeting refusals at once can't both tell the leads.
    return handle
            .createUpdate(
                "UPDATE program SET space_notice_at = :now"
                    + " WHERE id = :id AND space_notice_at IS NULL")
            .bind("now", now)
            .bind("id", programId)
            .execute()
        == 1;
  }
}
