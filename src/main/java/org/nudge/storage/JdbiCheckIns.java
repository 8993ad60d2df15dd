package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.CheckInLog;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/**
 * Check-ins in the {@code checkin} table. A check-in also moves the pair's {@code last_checkin_at}
 * and counts in the pair's weekly tally, in the same transaction.
 */
final class JdbiCheckIns implements CheckInLog {

  /**
   * The check-ins a member recorded, with their note: exported and deleted. The pair's last
   * check-in is then read again from what is left (see the registry's {@code pair} entry).
   */
  static final Table PERSONAL_DATA =
      new Table(
          "checkin",
          Finder.byMember("member_id"),
          List.of("note"),
          List.of(),
          new Entries("checkin", "created_at", "note", List.of(), null),
          Erase.DELETE);

  private static final String COLUMNS = "id, pair_id, member_id, note, created_at";
  private static final RowMapper<CheckIn> CHECK_IN =
      (rs, ctx) ->
          new CheckIn(
              rs.getLong("id"),
              rs.getLong("pair_id"),
              rs.getLong("member_id"),
              rs.getString("note"),
              Rows.instant(rs, "created_at"));

  private final Handle handle;
  private final JdbiTallies tallies;

  JdbiCheckIns(Handle handle) {
    this.handle = handle;
    this.tallies = new JdbiTallies(handle);
  }

  @Override
  public CheckIn add(long pairId, long memberId, String note, Instant now) {
    tallies.add(pairId, memberId, now, JdbiTallies.Delta.checkIn(now));
    handle
        .createUpdate(
            "UPDATE pair SET last_checkin_at = GREATEST(COALESCE(last_checkin_at, :now), :now)"
                + " WHERE id = :pair")
        .bind("now", now)
        .bind("pair", pairId)
        .execute();
    return handle
        .createUpdate(
            "INSERT INTO checkin (pair_id, member_id, note, created_at)"
                + " VALUES (:pair, :member, :note, :now)")
        .bind("pair", pairId)
        .bind("member", memberId)
        .bind("note", note)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(CHECK_IN)
        .one();
  }

  @Override
  public Optional<CheckIn> last(long pairId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM checkin WHERE pair_id = :pair"
                + " ORDER BY created_at DESC, id DESC LIMIT 1")
        .bind("pair", pairId)
        .map(CHECK_IN)
        .findOne();
  }

  @Override
  public List<CheckIn> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM checkin WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(CHECK_IN)
        .list();
  }
}
