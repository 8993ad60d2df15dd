package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.ThanksLog;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/** Thanks in the {@code thanks} table; the digest counts them per program week. */
final class JdbiThanks implements ThanksLog {

  /**
   * The thanks a member wrote are theirs: exported one per line and deleted when they are
   * forgotten. The thanks they received are their author's words and stay with them, as the pair
   * does; {@code partner_id} then points at the forgotten member's anonymous tombstone, which says
   * nothing of who was thanked.
   */
  static final Table PERSONAL_DATA =
      new Table(
          "thanks",
          Finder.byMember("member_id"),
          List.of("text"),
          List.of("partner_id"),
          new Entries("thanks", "created_at", "text", List.of(), "shared"),
          Erase.DELETE);

  private static final String COLUMNS =
      "id, member_id, partner_id, pair_id, text, shared, created_at";
  private static final RowMapper<Thanks> THANKS =
      (rs, ctx) ->
          new Thanks(
              rs.getLong("id"),
              rs.getLong("member_id"),
              rs.getLong("partner_id"),
              rs.getLong("pair_id"),
              rs.getString("text"),
              rs.getBoolean("shared"),
              Rows.instant(rs, "created_at"));

  private final Handle handle;

  JdbiThanks(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Thanks add(
      long memberId, long partnerId, long pairId, String text, boolean shared, Instant now) {
    return handle
        .createUpdate(
            "INSERT INTO thanks (member_id, partner_id, pair_id, text, shared, created_at)"
                + " VALUES (:member, :partner, :pair, :text, :shared, :now)")
        .bind("member", memberId)
        .bind("partner", partnerId)
        .bind("pair", pairId)
        .bind("text", text)
        .bind("shared", shared)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(THANKS)
        .one();
  }

  @Override
  public List<Thanks> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM thanks WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(THANKS)
        .list();
  }
}
