package org.nudge.engine.domain;

import java.time.Instant;

/**
 * A mentoring program in one workspace: its channel for shared wins and the celebrating part of its
 * digest (may be null until a lead sets one), the leads' channel for the part only leads see (null:
 * each lead's DM instead), and its default check-in cadence.
 */
public record Program(
    long id,
    String platform,
    String workspace,
    String name,
    String channelId,
    String leadsChannelId,
    int checkinCadenceDays,
    int feedbackEveryWeeks,
    Instant createdAt) {}
