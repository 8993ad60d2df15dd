package org.nudge.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Pairs;

final class JdbiPairs implements Pairs {

  private static final RowMapper<Pair> MAPPER =
      (rs, ctx) ->
          new Pair(
              rs.getLong("id"),
              rs.getLong("program_id"),
              rs.getLong("mentor_id"),
              rs.getLong("mentee_id"),
              rs.getString("phase"),
              Rows.instant(rs, "started_at"),
              Rows.instant(rs, "ended_at"),
              Rows.nullableInt(rs, "cadence_days"),
              Rows.instant(rs, "checkin_due_at"),
              Rows.instant(rs, "mentee_reminded_at"),
              Rows.instant(rs, "mentor_reminded_at"),
              Rows.instant(rs, "next_feedback_at"),
              rs.getInt("feedback_round"),
              Rows.instant(rs, "next_revisit_at"));
  private static final String COLUMNS =
      "id, program_id, mentor_id, mentee_id, phase, started_at, ended_at, cadence_days,"
          + " checkin_due_at, mentee_reminded_at, mentor_reminded_at, next_feedback_at,"
          + " feedback_round, next_revisit_at";

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
    return List.copyOf(activeForAll(List.of(memberId)).getOrDefault(memberId, List.of()));
  }

  /** Ids bound into one {@code IN (…)}: small enough for either database's statement limits. */
  private static final int CHUNK = 500;

  /**
   * Two indexed lookups, one per side of the pair (each in chunks of {@link #CHUNK} ids), merged
   * here by id. {@code mentor_id IN (…) OR mentee_id IN (…)} makes H2 scan every pair, and H2
   * parses a UNION again on every call (it keeps no UNION in its statement cache), which cost a
   * command as much as inserting its win.
   */
  @Override
  public Map<Long, List<Pair>> activeForAll(Collection<Long> memberIds) {
    Map<Long, List<Pair>> active = new LinkedHashMap<>();
    if (memberIds.isEmpty()) {
      return active;
    }
    Set<Long> wanted = new HashSet<>(memberIds);
    List<Long> ids = List.copyOf(wanted);
    Map<Long, Pair> pairs = new TreeMap<>();
    for (String side : List.of("mentor_id", "mentee_id")) {
      for (List<Long> chunk : Rows.chunks(ids, CHUNK)) {
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM pair WHERE ended_at IS NULL AND "
                    + side
                    + " IN (<ids>)")
            .bindList("ids", chunk)
            .map(MAPPER)
            .forEach(p -> pairs.put(p.id(), p));
      }
    }
    for (Pair p : pairs.values()) {
      if (wanted.contains(p.mentorId())) {
        active.computeIfAbsent(p.mentorId(), k -> new ArrayList<>()).add(p);
      }
      if (p.menteeId() != p.mentorId() && wanted.contains(p.menteeId())) {
        active.computeIfAbsent(p.menteeId(), k -> new ArrayList<>()).add(p);
      }
    }
    return active;
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
        .createUpdate(
            "UPDATE pair SET ended_at = :now, checkin_due_at = NULL, next_feedback_at = NULL,"
                + " next_revisit_at = NULL WHERE id = :id AND ended_at IS NULL")
        .bind("now", now)
        .bind("id", pairId)
        .execute();
  }

  @Override
  public List<Pair> dueForCheckin(Instant now, int limit) {
    return due("checkin_due_at", now, limit);
  }

  @Override
  public List<Pair> dueForFeedback(Instant now, int limit) {
    return due("next_feedback_at", now, limit);
  }

  @Override
  public List<Pair> dueForRevisit(Instant now, int limit) {
    return due("next_revisit_at", now, limit);
  }

  private List<Pair> due(String column, Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM pair WHERE ended_at IS NULL AND "
                + column
                + " <= :now"
                + " ORDER BY "
                + column
                + ", id LIMIT :limit")
        .bind("now", now)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public void updateRhythm(Pair p) {
    handle
        .createUpdate(
            "UPDATE pair SET cadence_days = :cadence, checkin_due_at = :checkin,"
                + " mentee_reminded_at = :menteeReminded, mentor_reminded_at = :mentorReminded,"
                + " next_feedback_at = :feedback, feedback_round = :round,"
                + " next_revisit_at = :revisit WHERE id = :id")
        .bind("cadence", p.cadenceDays())
        .bind("checkin", p.checkinDueAt())
        .bind("menteeReminded", p.menteeRemindedAt())
        .bind("mentorReminded", p.mentorRemindedAt())
        .bind("feedback", p.nextFeedbackAt())
        .bind("round", p.feedbackRound())
        .bind("revisit", p.nextRevisitAt())
        .bind("id", p.id())
        .execute();
  }

  @Override
  public void setPhase(long pairId, String phase) {
    handle
        .createUpdate("UPDATE pair SET phase = :phase WHERE id = :id")
        .bind("phase", phase)
        .bind("id", pairId)
        .execute();
  }

  /** One batch insert of every column, the ids taken from the generated keys. */
  @Override
  public List<Pair> insertAll(List<Pair> drafts) {
    if (drafts.isEmpty()) {
      return List.of();
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO pair (program_id, mentor_id, mentee_id, phase, started_at, ended_at,"
                + " cadence_days, checkin_due_at, mentee_reminded_at, mentor_reminded_at,"
                + " next_feedback_at, feedback_round, next_revisit_at) VALUES (:program, :mentor,"
                + " :mentee, :phase, :started, :ended, :cadence, :checkin, :menteeReminded,"
                + " :mentorReminded, :feedback, :round, :revisit)");
    for (Pair p : drafts) {
      batch
          .bind("program", p.programId())
          .bind("mentor", p.mentorId())
          .bind("mentee", p.menteeId())
          .bind("phase", p.phase())
          .bind("started", p.startedAt())
          .bindByType("ended", p.endedAt(), Instant.class)
          .bindByType("cadence", p.cadenceDays(), Integer.class)
          .bindByType("checkin", p.checkinDueAt(), Instant.class)
          .bindByType("menteeReminded", p.menteeRemindedAt(), Instant.class)
          .bindByType("mentorReminded", p.mentorRemindedAt(), Instant.class)
          .bindByType("feedback", p.nextFeedbackAt(), Instant.class)
          .bind("round", p.feedbackRound())
          .bindByType("revisit", p.nextRevisitAt(), Instant.class)
          .add();
    }
    // Each id by the pair it was generated for (program, mentor, mentee), not by position.
    Map<List<Long>, Long> ids = new HashMap<>();
    batch
        .executePreparedBatch("id", "program_id", "mentor_id", "mentee_id")
        .map(
            (rs, ctx) ->
                Map.entry(
                    List.of(
                        rs.getLong("program_id"), rs.getLong("mentor_id"), rs.getLong("mentee_id")),
                    rs.getLong("id")))
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    List<Pair> stored = new ArrayList<>(drafts.size());
    for (Pair d : drafts) {
      stored.add(d.withId(ids.get(List.of(d.programId(), d.mentorId(), d.menteeId()))));
    }
    return stored;
  }
}
