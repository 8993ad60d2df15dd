package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Pairs;

final class JdbiPairs implements Pairs {

  private static final RowMapper<Pair> MAPPER = ConstructorMapper.of(Pair.class);
  private static final String COLUMNS =
      "id, program_id, mentor_id, mentee_id, phase, started_at, ended_at";

  private final Handle handle;

  JdbiPairs(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Pair create(long programId, long mentorId, long menteeId, Instant now) {
    long id =
        handle
            .createUpdate(
                "INSERT INTO pair (program_id, mentor_id, mentee_id, started_at)"
                    + " VALUES (:program, :mentor, :mentee, :now)")
            .bind("program", programId)
            .bind("mentor", mentorId)
            .bind("mentee", menteeId)
            .bind("now", now)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return byId(id).orElseThrow();
  }

  @Override
  public Optional<Pair> byId(long id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM pair WHERE id = :id")
        .bind("id", id)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<Pair> activeFor(long memberId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM pair WHERE ended_at IS NULL"
                + " AND (mentor_id = :m OR mentee_id = :m) ORDER BY id")
        .bind("m", memberId)
        .map(MAPPER)
        .list();
  }

  @Override
  public List<Pair> activeIn(long programId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM pair WHERE ended_at IS NULL AND program_id = :p"
                + " ORDER BY id")
        .bind("p", programId)
        .map(MAPPER)
        .list();
  }

  @Override
  public void end(long pairId, Instant now) {
    handle
        .createUpdate("UPDATE pair SET ended_at = :now WHERE id = :id AND ended_at IS NULL")
        .bind("now", now)
        .bind("id", pairId)
        .execute();
  }
}
