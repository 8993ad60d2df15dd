package org.nudge.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.nudge.engine.domain.Enrolments;
import org.nudge.engine.prompts.Role;
import org.nudge.storage.PersonalData.Detail;
import org.nudge.storage.PersonalData.Entries;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.NotExported;
import org.nudge.storage.PersonalData.Table;

/**
 * Enrolments in {@code enrolment}, programs' enrolment settings in {@code program_enrolment}, and
 * the proposal a lead reviews in {@code match_proposal}.
 */
final class JdbiEnrolments implements Enrolments {

  /**
   * A member's enrolment answers are theirs: exported, one line per program, and deleted when they
   * are forgotten.
   */
  static final Table PERSONAL_DATA =
      new Table(
          "enrolment",
          Finder.byMember("member_id"),
          List.of("topics", "languages", "hope"),
          List.of(),
          new Entries(
              "enrolment",
              "updated_at",
              "topics",
              List.of(
                  new Detail("role", "as "),
                  new Detail("languages", "languages "),
                  new Detail("capacity", "capacity "),
                  new Detail("hope", "hoping for "),
                  new Detail("program_id", "program ")),
              null),
          Erase.DELETE);

  /**
   * A lead's draft of pairs names the member as mentee, mentor or excluded person; it is the leads'
   * working paper, not the member's, and goes when the member is forgotten (a new {@code /nudge
   * match} proposes again without them).
   */
  static final Table PROPOSAL_DATA =
      new Table(
          "match_proposal",
          Finder.byMember("member_id", "mentor_id"),
          List.of(),
          List.of(),
          new NotExported("a lead's draft of pairs; the member's own answers are exported"),
          Erase.DELETE);

  private static final String COLUMNS =
      "id, program_id, member_id, role, topics, languages, capacity, hope, created_at, updated_at";

  private static final RowMapper<Enrolment> ENROLMENT =
      (rs, ctx) ->
          new Enrolment(
              rs.getLong("id"),
              new Answers(
                  rs.getLong("program_id"),
                  rs.getLong("member_id"),
                  Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                  list(rs.getString("topics")),
                  list(rs.getString("languages")),
                  rs.getInt("capacity"),
                  rs.getString("hope")),
              Rows.instant(rs, "created_at"),
              Rows.instant(rs, "updated_at"));

  private final Handle handle;

  JdbiEnrolments(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Settings settings(long programId) {
    return handle
        .createQuery("SELECT topics, is_open FROM program_enrolment WHERE program_id = :p")
        .bind("p", programId)
        .map((rs, ctx) -> new Settings(programId, list(rs.getString(1)), rs.getBoolean(2)))
        .findOne()
        .orElse(new Settings(programId, List.of(), false));
  }

  @Override
  public void setTopics(long programId, List<String> topics) {
    ensureSettings(programId);
    handle
        .createUpdate("UPDATE program_enrolment SET topics = :t WHERE program_id = :p")
        .bind("t", String.join(",", topics))
        .bind("p", programId)
        .execute();
  }

  @Override
  public void setOpen(long programId, boolean open) {
    ensureSettings(programId);
    handle
        .createUpdate("UPDATE program_enrolment SET is_open = :o WHERE program_id = :p")
        .bind("o", open)
        .bind("p", programId)
        .execute();
  }

  private void ensureSettings(long programId) {
    // Portable upsert: insert only when missing; two leads at once meet the primary key.
    handle
        .createUpdate(
            "INSERT INTO program_enrolment (program_id) SELECT :p FROM program WHERE id = :p"
                + " AND NOT EXISTS (SELECT 1 FROM program_enrolment WHERE program_id = :p)")
        .bind("p", programId)
        .execute();
  }

  @Override
  public Enrolment enrol(Answers a, Instant now) {
    int updated =
        handle
            .createUpdate(
                "UPDATE enrolment SET role = :role, topics = :topics, languages = :languages,"
                    + " capacity = :capacity, hope = :hope, updated_at = :now"
                    + " WHERE program_id = :p AND member_id = :m")
            .bindMethods(new Row(a))
            .bind("now", now)
            .execute();
    if (updated == 0) {
      handle
          .createUpdate(
              "INSERT INTO enrolment (program_id, member_id, role, topics, languages, capacity,"
                  + " hope, created_at, updated_at) VALUES (:p, :m, :role, :topics, :languages,"
                  + " :capacity, :hope, :now, :now)")
          .bindMethods(new Row(a))
          .bind("now", now)
          .execute();
    }
    return find(a.programId(), a.memberId()).orElseThrow();
  }

  /** The answers as the columns store them. */
  public record Row(Answers answers) {
    public long p() {
      return answers.programId();
    }

    public long m() {
      return answers.memberId();
    }

    public String role() {
      return answers.role().name().toLowerCase(Locale.ROOT);
    }

    public String topics() {
      return String.join(",", answers.topics());
    }

    public String languages() {
      return String.join(",", answers.languages());
    }

    public int capacity() {
      return answers.capacity();
    }

    public String hope() {
      return answers.hope();
    }
  }

  @Override
  public Optional<Enrolment> find(long programId, long memberId) {
    return handle
        .createQuery(
            "SELECT " + COLUMNS + " FROM enrolment WHERE program_id = :p AND member_id = :m")
        .bind("p", programId)
        .bind("m", memberId)
        .map(ENROLMENT)
        .findOne();
  }

  @Override
  public List<Enrolment> in(long programId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM enrolment WHERE program_id = :p ORDER BY id")
        .bind("p", programId)
        .map(ENROLMENT)
        .list();
  }

  @Override
  public boolean leave(long programId, long memberId) {
    return handle
            .createUpdate("DELETE FROM enrolment WHERE program_id = :p AND member_id = :m")
            .bind("p", programId)
            .bind("m", memberId)
            .execute()
        > 0;
  }

  @Override
  public List<Couple> pairsEver(String platform, String workspace) {
    return handle
        .createQuery(
            "SELECT p.mentor_id, p.mentee_id FROM pair p JOIN program g ON g.id = p.program_id"
                + " WHERE g.platform = :platform AND g.workspace = :workspace")
        .bind("platform", platform)
        .bind("workspace", workspace)
        .map((rs, ctx) -> new Couple(rs.getLong(1), rs.getLong(2)))
        .list();
  }

  @Override
  public List<Proposed> proposal(long programId) {
    return handle
        .createQuery(
            "SELECT member_id, mentor_id, state FROM match_proposal WHERE program_id = :p"
                + " ORDER BY id")
        .bind("p", programId)
        .map(
            (rs, ctx) ->
                new Proposed(
                    rs.getLong("member_id"),
                    Rows.nullableLong(rs, "mentor_id"),
                    State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT))))
        .list();
  }

  @Override
  public void saveProposal(long programId, List<Proposed> rows, Instant now) {
    handle
        .createUpdate("DELETE FROM match_proposal WHERE program_id = :p")
        .bind("p", programId)
        .execute();
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO match_proposal (program_id, member_id, mentor_id, state, created_at)"
                + " VALUES (:p, :m, :mentor, :state, :now)");
    for (Proposed row : rows) {
      batch
          .bind("p", programId)
          .bind("m", row.memberId())
          .bind("mentor", row.mentorId())
          .bind("state", row.state().name().toLowerCase(Locale.ROOT))
          .bind("now", now)
          .add();
    }
    batch.execute();
  }

  private static List<String> list(String stored) {
    return stored == null || stored.isBlank()
        ? List.of()
        : Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
