package org.nudge.storage;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Entries.Feedback;
import org.nudge.engine.domain.FeedbackLog;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/** Feedback in the {@code feedback} table: a rating and an optional comment. */
final class JdbiFeedback implements FeedbackLog {

  /** A member's ratings and comments: exported with the role they gave them in, and deleted. */
  static final Table PERSONAL_DATA =
      new Table(
          "feedback",
          Finder.byMember("member_id"),
          List.of("comment"),
          List.of(),
          new Entries(
              "feedback",
              "created_at",
              "comment",
              List.of(new Detail("role", "as "), new Detail("rating", "rating ")),
              "shared"),
          Erase.DELETE);

  private static final String COLUMNS =
      "id, member_id, pair_id, role, rating, comment, shared, created_at";
  private static final RowMapper<Feedback> FEEDBACK =
      (rs, ctx) ->
          new Feedback(
              rs.getLong("id"),
              rs.getLong("member_id"),
              Rows.nullableLong(rs, "pair_id"),
              rs.getString("role"),
              rs.getInt("rating"),
              rs.getString("comment"),
              rs.getBoolean("shared"),
              Rows.instant(rs, "created_at"));

  private final Handle handle;

  JdbiFeedback(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Feedback add(Feedback rating) {
    return handle
        .createUpdate(
            "INSERT INTO feedback (member_id, pair_id, role, rating, comment, shared,"
                + " created_at) VALUES (:memberId, :pairId, :role, :rating, :comment, :shared,"
                + " :createdAt)")
        .bindMethods(rating)
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(FEEDBACK)
        .one();
  }

  @Override
  public void update(long id, String comment, boolean shared) {
    handle
        .createUpdate("UPDATE feedback SET comment = :comment, shared = :shared WHERE id = :id")
        .bind("comment", comment)
        .bind("shared", shared)
        .bind("id", id)
        .execute();
  }

  @Override
  public Optional<Feedback> find(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM feedback WHERE id = :id")
        .bind("id", id)
        .map(FEEDBACK)
        .findOne();
  }

  @Override
  public List<Feedback> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM feedback WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(FEEDBACK)
        .list();
  }
}
