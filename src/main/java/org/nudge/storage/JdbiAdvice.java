package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.nudge.engine.domain.AdviceLog;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.Table;

/**
 * Advice in the {@code advice} table. Advice in a pair counts in the pair's weekly tally when it is
 * logged and again, in the week it is reported, when the member says what came of it.
 */
final class JdbiAdvice implements AdviceLog {

  /** Advice a member received and what came of it: exported and deleted. */
  static final Table PERSONAL_DATA =
      new Table(
          "advice",
          Finder.byMember("member_id"),
          List.of("text", "outcome"),
          List.of(),
          new Entries(
              "advice",
              "created_at",
              "text",
              List.of(new Detail("outcome", ""), new Detail("acted", "acted: ")),
              null),
          Erase.DELETE);

  /** An advice outcome that says the member tried it: "followed through" in a digest. */
  static final String TRIED = "tried";

  private static final String COLUMNS =
      "id, member_id, pair_id, text, follow_up_at, outcome, created_at, followed_up_at, acted";
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

  private final Handle handle;
  private final JdbiTallies tallies;

  JdbiAdvice(Handle handle) {
    this.handle = handle;
    this.tallies = new JdbiTallies(handle);
  }

  @Override
  public Advice add(long memberId, Long pairId, String text, Instant followUpAt, Instant now) {
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
        .executeAndReturnGeneratedKeys(Rows.columns(COLUMNS))
        .map(ADVICE)
        .one();
  }

  @Override
  public List<Advice> by(long memberId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM advice WHERE member_id = :m ORDER BY id")
        .bind("m", memberId)
        .map(ADVICE)
        .list();
  }

  @Override
  public Optional<Advice> find(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM advice WHERE id = :id")
        .bind("id", id)
        .map(ADVICE)
        .findOne();
  }

  @Override
  public List<Advice> open(long memberId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM advice WHERE member_id = :m AND acted IS NULL"
                + " ORDER BY id")
        .bind("m", memberId)
        .map(ADVICE)
        .list();
  }

  @Override
  public List<Advice> dueFollowUps(Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
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
}
