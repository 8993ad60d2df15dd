package org.nudge.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.nudge.engine.domain.SendRates;

/**
 * Send slots on JDBI: the workspace's row is read {@code FOR UPDATE} (H2 and PostgreSQL alike), so
 * nodes reserving at once queue on the row lock and each gets the span after the other's.
 */
final class JdbiSendRates implements SendRates {

  private final Handle handle;

  JdbiSendRates(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Instant reserve(String key, int count, Duration interval, Instant now) {
    Instant free = lockedNextFree(key).orElse(null);
    if (free == null) {
      // The workspace's first send: whoever inserts second waits on the first's row, then fails
      // on the key, and this transaction is retried by the caller; so insert, then lock.
      handle
          .createUpdate("INSERT INTO send_rate (rate_key, next_free) VALUES (:k, :now)")
          .bind("k", key)
          .bind("now", now)
          .execute();
      free = now;
    }
    Instant start = free.isAfter(now) ? free : now;
    handle
        .createUpdate("UPDATE send_rate SET next_free = :next WHERE rate_key = :k")
        .bind("next", start.plus(interval.multipliedBy(count)))
        .bind("k", key)
        .execute();
    return start;
  }

  @Override
  public void holdUntil(String key, Instant until) {
    handle
        .createUpdate(
            "UPDATE send_rate SET next_free = :until WHERE rate_key = :k AND next_free < :until")
        .bind("until", until)
        .bind("k", key)
        .execute();
  }

  private Optional<Instant> lockedNextFree(String key) {
    return handle
        .createQuery("SELECT next_free FROM send_rate WHERE rate_key = :k FOR UPDATE")
        .bind("k", key)
        .map((rs, ctx) -> Rows.instant(rs, "next_free"))
        .findOne();
  }
}
