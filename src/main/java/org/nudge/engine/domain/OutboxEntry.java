package org.nudge.engine.domain;

import java.time.Instant;
import org.nudge.engine.model.Outgoing;

/** One row of the outbox. */
public record OutboxEntry(
    long id,
    Outgoing message,
    String status,
    int attempts,
    String lastError,
    Instant createdAt,
    Instant notBefore) {}
