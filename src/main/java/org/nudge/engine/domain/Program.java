package org.nudge.engine.domain;

import java.time.Instant;

/**
 * A mentoring program in one workspace: its channel for digests and shared wins (may be null until
 * a lead sets one) and its default check-in cadence.
 */
public record Program(
    long id,
    String platform,
    String workspace,
    String name,
    String channelId,
    int checkinCadenceDays,
    int feedbackEveryWeeks,
    Instant createdAt) {}
