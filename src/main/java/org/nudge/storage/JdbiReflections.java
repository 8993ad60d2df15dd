package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.ReflectionLog;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/** Reflections in the {@code reflection} table: one answer per question asked. */
final class JdbiReflections implements ReflectionLog {

  /** A member's answers and next steps: exported with the question, and deleted. */
  static final Table PERSONAL_DATA =
      new Table(
          "reflection",
          Finder.byMember("member_id"),
          List.of("answer", "next_step"),
          List.of(),
          new Entries(
              "reflection",
              "created_at",
              "answer",
              List.of(new Detail("question", ""), new Detail("next_step", "next: ")),
              "shared"),
          Erase.DELETE);

  private static final String COLUMNS =
      "id, member_id, pair_id, iso_week, question_id, question, answer, next_step, shared,"
          + " created_at, updated_at";
  private static final RowMapper<Reflection> REFLECTION =
      (rs, ctx) ->
          new Reflection(
              rs.getLong("id"),
              rs.getLong("member_id"),
              Rows.nullableLong(rs, "pair_id"),
              rs.getString("iso_week"),
              rs.getString("question_id"),
              rs.getString("question"),
              rs.getString("answer"),
              rs.getString("next_step"),
              rs.getBoolean("shared"),
              Rows.instant(rs, "created_at"),
              Rows.instant(rs, "updated_at"));

  private final Handle handle;

  JdbiReflections(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Reflection add(Reflection answer) {
    return handle
        .createUpdate(
            "INSERT INTO reflection (member_id, pair_id, iso_week, question_id, question,"
                + " answer, next_step, shared, created_at, updated_at) VALUES (:memberId,"
                + " :pairId, :isoWeek, :questionId, :question, :answer, :nextStep, :shared,"
                + " :createdAt, :updatedAt)")
        .bindMethods(answer)
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(REFLECTION)
        .one();
  }

  @Override
  public void update(long id, String answer, String nextStep, boolean shared, Instant now) {
    handle
        .createUpdate(
            "UPDATE reflection SET answer = :answer, next_step = :next, shared = :shared,"
                + " updated_at = :now WHERE id = :id")
        .bind("answer", answer)
        .bind("next", nextStep)
        .bind("shared", shared)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  @Override
  public Optional<Reflection> find(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM reflection WHERE id = :id")
        .bind("id", id)
        .map(REFLECTION)
        .findOne();
  }

  @Override
  public Optional<Reflection> latest(long memberId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM reflection WHERE member_id = :m"
                + " ORDER BY id DESC LIMIT 1")
        .bind("m", memberId)
        .map(REFLECTION)
        .findOne();
  }

  @Override
  public List<Reflection> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM reflection WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(REFLECTION)
        .list();
  }

  @Override
  public List<Reflection> sharedInPair(long pairId, Instant since) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM reflection WHERE pair_id = :pair AND shared"
                + " AND updated_at >= :since ORDER BY id")
        .bind("pair", pairId)
        .bind("since", since)
        .map(REFLECTION)
        .list();
  }
}
