package org.nudge.engine.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Imports a lead has seen as a dry run and not yet confirmed or cancelled: the plan they were
 * shown, kept so that Confirm applies exactly that, until it expires.
 */
public interface PendingImports {

  /** A stored plan: whose it is, for which program, and until when Confirm may apply it. */
  record Pending(long id, long leadId, long programId, String plan, Instant expiresAt) {}

  /**
   * Stores a plan and drops the lead's older ones (one pending import per lead) and any expired.
   */
  long save(long leadId, long programId, String plan, Instant now, Instant expiresAt);

  Optional<Pending> byId(long id);

  /** Deletes the plan; false when it was already gone (confirmed, cancelled or expired). */
  boolean delete(long id);
}
