package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Prompts;

final class JdbiPrompts implements Prompts {

  private static final RowMapper<Prompt> MAPPER = ConstructorMapper.of(Prompt.class);
  private static final String COLUMNS =
      "id, member_id, pair_id, kind, idem_key, iso_week, question_id, question, due_at, sent_at,"
          + " status, counts, answered_at";

  private final Handle handle;

  JdbiPrompts(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<Prompt> record(Prompt p) {
    boolean known =
        handle
                .createQuery("SELECT COUNT(*) FROM prompt WHERE idem_key = :key")
                .bind("key", p.idemKey())
                .mapTo(Integer.class)
                .one()
            > 0;
    if (known) {
      return Optional.empty();
    }
    long id =
        handle
            .createUpdate(
                "INSERT INTO prompt (member_id, pair_id, kind, idem_key, iso_week, question_id,"
                    + " question, due_at, sent_at, status, counts, answered_at) VALUES (:memberId,"
                    + " :pairId, :kind, :idemKey, :isoWeek, :questionId, :question, :dueAt,"
                    + " :sentAt, :status, :counts, :answeredAt)")
            .bindMethods(p)
            .bind("dueAt", p.dueAt())
            .bind("sentAt", p.sentAt())
            .bind("answeredAt", p.answeredAt())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return byId(id);
  }

  @Override
  public Optional<Prompt> byId(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM prompt WHERE id = :id")
        .bind("id", id)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public int countedBetween(long memberId, Instant from, Instant to) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM prompt WHERE member_id = :m AND counts AND sent_at >= :from"
                + " AND sent_at < :to")
        .bind("m", memberId)
        .bind("from", from)
        .bind("to", to)
        .mapTo(Integer.class)
        .one();
  }

  @Override
  public Optional<Instant> lastSent(long memberId) {
    return handle
        .createQuery(
            "SELECT MAX(sent_at) FROM prompt WHERE member_id = :m AND counts AND sent_at IS NOT"
                + " NULL")
        .bind("m", memberId)
        .mapTo(Instant.class)
        .findOne();
  }

  @Override
  public List<Prompt> open(long memberId, String kind) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM prompt WHERE member_id = :m AND kind = :kind"
                + " AND status = 'open' ORDER BY id")
        .bind("m", memberId)
        .bind("kind", kind)
        .map(MAPPER)
        .list();
  }

  @Override
  public void setStatus(long id, String status, Instant at) {
    handle
        .createUpdate("UPDATE prompt SET status = :status, answered_at = :at WHERE id = :id")
        .bind("status", status)
        .bind("at", at)
        .bind("id", id)
        .execute();
  }
}
