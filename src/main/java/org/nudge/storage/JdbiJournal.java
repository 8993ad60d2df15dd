package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Entries.Feedback;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.Journal;

final class JdbiJournal implements Journal {

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
  private static final RowMapper<CheckIn> CHECK_IN =
      (rs, ctx) ->
          new CheckIn(
              rs.getLong("id"),
              rs.getLong("pair_id"),
              rs.getLong("member_id"),
              rs.getString("note"),
              Rows.instant(rs, "created_at"));
  private static final RowMapper<Advice> ADVICE =
      (rs, ctx) ->
          new Advice(
              rs.getLong("id"),
              rs.getLong("member_id"),
              Rows.nullableLong(rs, "pair_id"),
              rs.getString("text"),
              Rows.instant(rs, "follow_up_at"),
              rs.getString("outcome"),
              Rows.instant(rs, "created_at"),
              Rows.instant(rs, "followed_up_at"),
              rs.getString("acted"));
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

  private static final String WIN_COLUMNS =
      "id, member_id, pair_id, text, tags, shared, created_at";
  private static final String CHECK_IN_COLUMNS = "id, pair_id, member_id, note, created_at";
  private static final String ADVICE_COLUMNS =
      "id, member_id, pair_id, text, follow_up_at, outcome, created_at, followed_up_at, acted";
  private static final String REFLECTION_COLUMNS =
      "id, member_id, pair_id, iso_week, question_id, question, answer, next_step, shared,"
          + " created_at, updated_at";
  private static final String FEEDBACK_COLUMNS =
      "id, member_id, pair_id, role, rating, comment, shared, created_at";
  private static final String GOAL_COLUMNS =
      "id, pair_id, seq, text, status, created_by, created_at, done_at";

  /** An advice outcome that says the member tried it: "followed through" in a digest. */
  static final String TRIED = "tried";

  private final Handle handle;
  private final JdbiTallies tallies;

  JdbiJournal(Handle handle) {
    this.handle = handle;
    this.tallies = new JdbiTallies(handle);
  }

  @Override
  public Win addWin(
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
        .executeAndReturnGeneratedKeys(Rows.columns(WIN_COLUMNS))
        .map(WIN)
        .one();
  }

  @Override
  public List<Win> winsBy(long memberId) {
    return handle
        .createQuery("SELECT " + WIN_COLUMNS + " FROM win WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(WIN)
        .list();
  }

  @Override
  public CheckIn addCheckIn(long pairId, long memberId, String note, Instant now) {
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
        .executeAndReturnGeneratedKeys(Rows.columns(CHECK_IN_COLUMNS))
        .map(CHECK_IN)
        .one();
  }

  @Override
  public Optional<CheckIn> lastCheckIn(long pairId) {
    return handle
        .createQuery(
            "SELECT "
                + CHECK_IN_COLUMNS
                + " FROM checkin WHERE pair_id = :pair"
                + " ORDER BY created_at DESC, id DESC LIMIT 1")
        .bind("pair", pairId)
        .map(CHECK_IN)
        .findOne();
  }

  @Override
  public List<CheckIn> checkInsBy(long memberId) {
    return handle
        .createQuery(
            "SELECT " + CHECK_IN_COLUMNS + " FROM checkin WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(CHECK_IN)
        .list();
  }

  @Override
  public Advice addAdvice(
      long memberId, Long pairId, String text, Instant followUpAt, Instant now) {
    if (pairId != null) {
      tallies.add(pairId, memberId, now, JdbiTallies.Delta.ADVICE_LOGGED);
    }
    return handle
        .createUpdate(
            "INSERT INTO advice (member_id, pair_id, text, follow_up_at, created_at)"
                + " VALUES (:member, :pair, :text, :followUp, :now)")
        .bind("member", memberId)
        .bind("pair", pairId)
        .bind("text", text)
        .bind("followUp", followUpAt)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(ADVICE_COLUMNS))
        .map(ADVICE)
        .one();
  }

  @Override
  public List<Advice> adviceBy(long memberId) {
    return handle
        .createQuery("SELECT " + ADVICE_COLUMNS + " FROM advice WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(ADVICE)
        .list();
  }

  @Override
  public Goal addGoal(long pairId, long createdBy, String text, Instant now) {
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
        .executeAndReturnGeneratedKeys(Rows.columns(GOAL_COLUMNS))
        .map(GOAL)
        .one();
  }

  @Override
  public List<Goal> goals(long pairId) {
    return handle
        .createQuery("SELECT " + GOAL_COLUMNS + " FROM goal WHERE pair_id = :pair ORDER BY seq")
        .bind("pair", pairId)
        .map(GOAL)
        .list();
  }

  @Override
  public List<Goal> goalsBy(long memberId) {
    return handle
        .createQuery("SELECT " + GOAL_COLUMNS + " FROM goal WHERE created_by = :m ORDER BY id")
        .bind("m", memberId)
        .map(GOAL)
        .list();
  }

  @Override
  public boolean completeGoal(long pairId, int seq, Instant now) {
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

  @Override
  public List<Reflection> reflectionsBy(long memberId) {
    return handle
        .createQuery(
            "SELECT " + REFLECTION_COLUMNS + " FROM reflection WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(REFLECTION)
        .list();
  }

  @Override
  public List<Feedback> feedbackBy(long memberId) {
    return handle
        .createQuery(
            "SELECT " + FEEDBACK_COLUMNS + " FROM feedback WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(FEEDBACK)
        .list();
  }

  @Override
  public Optional<Advice> advice(long id) {
    return handle
        .createQuery("SELECT " + ADVICE_COLUMNS + " FROM advice WHERE id = :id")
        .bind("id", id)
        .map(ADVICE)
        .findOne();
  }

  @Override
  public List<Advice> dueFollowUps(Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + ADVICE_COLUMNS
                + " FROM advice WHERE follow_up_at <= :now"
                + " AND followed_up_at IS NULL AND acted IS NULL ORDER BY follow_up_at, id"
                + " LIMIT :limit")
        .bind("now", now)
        .bind("limit", limit)
        .map(ADVICE)
        .list();
  }

  @Override
  public void followedUp(long adviceId, Instant now, Instant nextAt) {
    handle
        .createUpdate(
            nextAt == null
                ? "UPDATE advice SET followed_up_at = :now WHERE id = :id"
                : "UPDATE advice SET follow_up_at = :next, followed_up_at = NULL WHERE id = :id")
        .bind("now", now)
        .bind("next", nextAt)
        .bind("id", adviceId)
        .execute();
  }

  @Override
  public void setOutcome(long adviceId, String acted, String outcome, Instant now) {
    // The outcome counts in the week it was reported; a second report moves it there.
    record Reported(Long pairId, long memberId, String acted, Instant at) {}
    handle
        .createQuery("SELECT pair_id, member_id, acted, outcome_at FROM advice WHERE id = :id")
        .bind("id", adviceId)
        .map(
            (rs, ctx) ->
                new Reported(
                    Rows.nullableLong(rs, "pair_id"),
                    rs.getLong("member_id"),
                    rs.getString("acted"),
                    Rows.instant(rs, "outcome_at")))
        .findOne()
        .filter(before -> before.pairId() != null)
        .ifPresent(
            before -> {
              if (before.at() != null) {
                tallies.add(
                    before.pairId(),
                    before.memberId(),
                    before.at(),
                    JdbiTallies.Delta.outcome(TRIED.equals(before.acted()), -1));
              }
              tallies.add(
                  before.pairId(),
                  before.memberId(),
                  now,
                  JdbiTallies.Delta.outcome(TRIED.equals(acted), 1));
            });
    handle
        .createUpdate(
            "UPDATE advice SET acted = :acted, outcome = :outcome, outcome_at = :now"
                + " WHERE id = :id")
        .bind("acted", acted)
        .bind("outcome", outcome)
        .bind("now", now)
        .bind("id", adviceId)
        .execute();
  }

  @Override
  public List<Advice> openAdvice(long memberId) {
    return handle
        .createQuery(
            "SELECT "
                + ADVICE_COLUMNS
                + " FROM advice WHERE member_id = :m AND acted IS NULL"
                + " ORDER BY id")
        .bind("m", memberId)
        .map(ADVICE)
        .list();
  }

  @Override
  public List<Win> winsInPair(long pairId, Instant since) {
    return handle
        .createQuery(
            "SELECT "
                + WIN_COLUMNS
                + " FROM win WHERE pair_id = :pair AND created_at >= :since"
                + " ORDER BY id")
        .bind("pair", pairId)
        .bind("since", since)
        .map(WIN)
        .list();
  }

  @Override
  public Reflection addReflection(
      long memberId,
      Long pairId,
      String isoWeek,
      String questionId,
      String question,
      String answer,
      Instant now) {
    return handle
        .createUpdate(
            "INSERT INTO reflection (member_id, pair_id, iso_week, question_id, question,"
                + " answer, created_at, updated_at)"
                + " VALUES (:member, :pair, :week, :qid, :question, :answer, :now, :now)")
        .bind("member", memberId)
        .bind("pair", pairId)
        .bind("week", isoWeek)
        .bind("qid", questionId)
        .bind("question", question)
        .bind("answer", answer)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(REFLECTION_COLUMNS))
        .map(REFLECTION)
        .one();
  }

  @Override
  public void updateReflection(
      long id, String answer, String nextStep, boolean shared, Instant now) {
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
  public Optional<Reflection> reflection(long id) {
    return handle
        .createQuery("SELECT " + REFLECTION_COLUMNS + " FROM reflection WHERE id = :id")
        .bind("id", id)
        .map(REFLECTION)
        .findOne();
  }

  @Override
  public Optional<Reflection> latestReflection(long memberId) {
    return handle
        .createQuery(
            "SELECT "
                + REFLECTION_COLUMNS
                + " FROM reflection WHERE member_id = :m"
                + " ORDER BY id DESC LIMIT 1")
        .bind("m", memberId)
        .map(REFLECTION)
        .findOne();
  }

  @Override
  public List<Reflection> sharedReflections(long pairId, Instant since) {
    return handle
        .createQuery(
            "SELECT "
                + REFLECTION_COLUMNS
                + " FROM reflection WHERE pair_id = :pair AND shared"
                + " AND updated_at >= :since ORDER BY id")
        .bind("pair", pairId)
        .bind("since", since)
        .map(REFLECTION)
        .list();
  }

  @Override
  public Feedback addFeedback(
      long memberId,
      Long pairId,
      String role,
      int rating,
      String comment,
      boolean shared,
      Instant now) {
    return handle
        .createUpdate(
            "INSERT INTO feedback (member_id, pair_id, role, rating, comment, shared,"
                + " created_at) VALUES (:member, :pair, :role, :rating, :comment, :shared,"
                + " :now)")
        .bind("member", memberId)
        .bind("pair", pairId)
        .bind("role", role)
        .bind("rating", rating)
        .bind("comment", comment)
        .bind("shared", shared)
        .bind("now", now)
        .executeAndReturnGeneratedKeys(Rows.columns(FEEDBACK_COLUMNS))
        .map(FEEDBACK)
        .one();
  }

  @Override
  public void updateFeedback(long id, String comment, boolean shared) {
    handle
        .createUpdate("UPDATE feedback SET comment = :comment, shared = :shared WHERE id = :id")
        .bind("comment", comment)
        .bind("shared", shared)
        .bind("id", id)
        .execute();
  }

  @Override
  public Optional<Feedback> feedback(long id) {
    return handle
        .createQuery("SELECT " + FEEDBACK_COLUMNS + " FROM feedback WHERE id = :id")
        .bind("id", id)
        .map(FEEDBACK)
        .findOne();
  }
}
