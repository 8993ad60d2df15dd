package org.nudge.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * How far behind delivery is, for {@code /metrics}: a backlog that grows is fine during a weekly
 * fan-out, a message that has waited long past its time is not. Messages held for a later time (a
 * retry, quiet hours, a pause) are not due yet and don't count.
 */
public final class OutboxBacklog {

  private final Jdbi jdbi;

  public OutboxBacklog(Database database) {
    this.jdbi = database.jdbi();
  }

  /** How long ago the oldest message still waiting to be sent came due; zero when none waits. */
  public Duration oldestDueAge(Instant now) {
    // On the (status, not_before, id) index: the first entry of the pending range.
    List<Instant> oldest =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT MIN(not_before) FROM outbox"
                            + " WHERE status = 'pending' AND not_before <= :now")
                    .bind("now", now)
                    .mapTo(Instant.class)
                    .list());
    Instant due = oldest.isEmpty() ? null : oldest.get(0);
    return due == null || due.isAfter(now) ? Duration.ZERO : Duration.between(due, now);
  }
}
