package org.nudge.engine.domain;

import java.time.Instant;

/**
 * A mentoring program in one workspace: its channel for shared wins and the celebrating part of its
 * digest (may be null until a lead sets one), the leads' channel for the part only leads see (null:
 * each lead's DM instead), its default check-in cadence, and where its pairs hear from Nudge
 * ({@code pairSpace}: {@link #DM} or {@link #GROUP}, a shared conversation per pair).
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
    Instant createdAt,
    String pairSpace) {

  /** Each member of a pair hears from Nudge in their own DM. */
  public static final String DM = "dm";

  /** Each pair has one shared conversation for the welcome, check-in reminders and agenda. */
  public static final String GROUP = "group";

  public Program {
    pairSpace = pairSpace == null ? DM : pairSpace;
  }

  /** Whether the program's pairs get a shared space. */
  public boolean groupSpaces() {
    return GROUP.equals(pairSpace);
  }
}
