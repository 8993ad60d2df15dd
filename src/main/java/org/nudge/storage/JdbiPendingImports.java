package org.nudge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.nudge.engine.domain.PendingImports;
import org.nudge.storage.PersonalData.Erase;
import org.nudge.storage.PersonalData.Finder;
import org.nudge.storage.PersonalData.NotExported;
import org.nudge.storage.PersonalData.Table;

/** {@link PendingImports} on the {@code pending_import} table (V15). */
final class JdbiPendingImports implements PendingImports {

  /**
   * The plan names the people of the lead's file (their platform ids and names), so it goes with
   * the lead's forget-me; it is not exported, being the lead's unconfirmed draft of the program.
   */
  static final Table PERSONAL_DATA =
      new Table(
          "pending_import",
          Finder.byMember("lead_id"),
          List.of("plan"),
          List.of("lead_id"),
          new NotExported("an import the lead has not confirmed; it expires within a day"),
          Erase.DELETE);

  private final Handle handle;

  JdbiPendingImports(Handle handle) {
    this.handle = handle;
  }

  @Override
  public long save(long leadId, long programId, String plan, Instant now, Instant expiresAt) {
    handle
        .createUpdate("DELETE FROM pending_import WHERE lead_id = :lead OR expires_at < :now")
        .bind("lead", leadId)
        .bind("now", now)
        .execute();
    return handle
        .createUpdate(
            "INSERT INTO pending_import (lead_id, program_id, plan, created_at, expires_at)"
                + " VALUES (:lead, :program, :plan, :now, :expires)")
        .bind("lead", leadId)
        .bind("program", programId)
        .bind("plan", plan)
        .bind("now", now)
        .bind("expires", expiresAt)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  @Override
  public Optional<Pending> byId(long id) {
    return handle
        .createQuery(
            "SELECT id, lead_id, program_id, plan, expires_at FROM pending_import WHERE id = :id")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Pending(
                    rs.getLong("id"),
                    rs.getLong("lead_id"),
                    rs.getLong("program_id"),
                    rs.getString("plan"),
                    Rows.instant(rs, "expires_at")))
        .findOne();
  }

  @Override
  public boolean delete(long id) {
    return handle.createUpdate("DELETE FROM pending_import WHERE id = :id").bind("id", id).execute()
        > 0;
  }
}
