package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.WinLog;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/** Wins in the {@code win} table; a win in a pair counts in the pair's weekly tally. */
final class JdbiWins implements WinLog {

  /** A member's wins are theirs: exported one per line, with their tags, and deleted. */
  static final Table PERSONAL_DATA =
      new Table(
          "win",
          Finder.byMember("member_id"),
          List.of("text", "tags"),
          List.of(),
          new Entries("win", "created_at", "text", List.of(new Detail("tags", "")), "shared"),
          Erase.DELETE);

  private static final String COLUMNS = "id, member_id, pair_id, text, tags, shared, created_at";
  private static final RowMapper<Win> WIN =
      (rs, ctx) ->
          new Win(
              rs.getLong("id"),
              rs.getLong("member_id"),
              Rows.nullableLong(rs, "pair_id"),
              rs.getString("text"),
              rs.getString("tags"),
              rs.getBoolean("shared"),
              Rows.instant(rs, "created_at"));

  private final Handle handle;
  private final JdbiTallies tallies;

  JdbiWins(Handle handle) {
    this.handle = handle;
    this.tallies = new JdbiTallies(handle);
  }

  @Override
  public Win add(
      long memberId, Long pairId, String text, String tags, boolean shared, Instant now) {
    if (pairId != null) {
      tallies.add(pairId, memberId, now, JdbiTallies.Delta.WIN);
    }
    return handle
        .createUpdate(
            "INSERT INTO win (member_id, pair_id, text, tags, shared, created_at)"
                + " VALUES (:member, :pair, :text, :tags, :shared, :now)")
        .bind("member", memberId)
        .bind("pair", pairId)
        .bind("text", text)
        .bind("tags", tags)
        .bind("shared", shared)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(WIN)
        .one();
  }

  @Override
  public List<Win> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM win WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(WIN)
        .list();
  }

  @Override
  public List<Win> inPair(long pairId, Instant since) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM win WHERE pair_id = :pair AND created_at >= :since"
                + " ORDER BY id")
        .bind("pair", pairId)
        .bind("since", since)
        .map(WIN)
        .list();
  }
}
