package org.nudge.storage;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.nudge.engine.domain.PairSpaces;

/** {@link PairSpaces} on the {@code pair_space} table (V22). */
final class JdbiPairSpaces implements PairSpaces {

  private final Handle handle;

  JdbiPairSpaces(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<Space> of(long pairId) {
    return handle
        .createQuery(
            "SELECT pair_id, state, conversation_id, reason, opening_until FROM pair_space"
                + " WHERE pair_id = :pair")
        .bind("pair", pairId)
        .map(
            (rs, ctx) ->
                new Space(
                    rs.getLong("pair_id"),
                    State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                    rs.getString("conversation_id"),
                    rs.getString("reason"),
                    Rows.instant(rs, "opening_until")))
        .findOne();
  }

  @Override
  public boolean claimOpening(long pairId, Instant until, Instant now) {
    int taken =
        handle
            .createUpdate(
                "UPDATE pair_space SET opening_until = :until, updated_at = :now"
                    + " WHERE pair_id = :pair AND state = 'opening' AND opening_until < :now")
            .bind("until", until)
            .bind("now", now)
            .bind("pair", pairId)
            .execute();
    if (taken == 1) {
      return true;
    }
    if (of(pairId).isPresent()) {
      return false;
    }
    // Two nodes racing past the check: the primary key lets one insert through, and the other's
    // transaction fails and its message is claimed again after the lease, to find the space.
    return handle
            .createUpdate(
                "INSERT INTO pair_space (pair_id, state, opening_until, updated_at)"
                    + " SELECT id, 'opening', :until, :now FROM pair WHERE id = :pair"
                    + " AND NOT EXISTS (SELECT 1 FROM pair_space WHERE pair_id = :pair)")
            .bind("pair", pairId)
            .bind("until", until)
            .bind("now", now)
            .execute()
        == 1;
  }

  @Override
  public void opened(long pairId, String conversationId, Instant now) {
    set(pairId, "open", conversationId, null, now);
  }

  @Override
  public void refused(long pairId, String reason, Instant now) {
    set(pairId, "refused", null, reason.length() > 1000 ? reason.substring(0, 1000) : reason, now);
  }

  private void set(long pairId, String state, String conversationId, String reason, Instant now) {
    int updated =
        handle
            .createUpdate(
                "UPDATE pair_space SET state = :state, conversation_id = :id, reason = :reason,"
                    + " opening_until = NULL, updated_at = :now WHERE pair_id = :pair")
            .bind("state", state)
            .bind("id", conversationId)
            .bind("reason", reason)
            .bind("now", now)
            .bind("pair", pairId)
            .execute();
    if (updated == 0) {
      handle
          .createUpdate(
              "INSERT INTO pair_space (pair_id, state, conversation_id, reason, updated_at)"
                  + " VALUES (:pair, :state, :id, :reason, :now)")
          .bind("state", state)
          .bind("id", conversationId)
          .bind("reason", reason)
          .bind("now", now)
          .bind("pair", pairId)
          .execute();
    }
  }

  @Override
  public void releaseOpening(long pairId) {
    handle
        .createUpdate("DELETE FROM pair_space WHERE pair_id = :pair AND state = 'opening'")
        .bind("pair", pairId)
        .execute();
  }

  @Override
  public void retryRefused(long programId) {
    handle
        .createUpdate(
            "DELETE FROM pair_space WHERE state = 'refused'"
                + " AND pair_id IN (SELECT id FROM pair WHERE program_id = :program)")
        .bind("program", programId)
        .execute();
  }
}
