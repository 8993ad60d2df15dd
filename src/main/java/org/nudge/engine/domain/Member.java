package org.nudge.engine.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.schedule.MemberSchedule;
import org.nudge.engine.schedule.QuietHours;

/**
 * A person in a workspace: their preferences for when Nudge may write to them, and whether they
 * lead programs. Hours are local to {@code zone}; quiet hours may wrap midnight.
 */
public record Member(
    long id,
    UserRef ref,
    String displayName,
    ZoneId zone,
    DayOfWeek promptDay,
    int promptHour,
    int quietStartHour,
    int quietEndHour,
    boolean quietWeekends,
    Instant pausedUntil,
    boolean lead,
    Instant createdAt,
    Instant nextPromptAt,
    int unansweredInRow) {

  /**
   * Someone Nudge hasn't met, not yet stored (id 0), with the default preferences {@link
   * Members#create} gives: {@link MemberSchedule#defaults} in {@code zone}, not a lead, no prompt
   * due. {@link Members#insertAll} stores such members in bulk.
   */
  public static Member newcomer(UserRef ref, String displayName, ZoneId zone, Instant now) {
    MemberSchedule defaults = MemberSchedule.defaults(zone);
    return new Member(
        0,
        ref,
        displayName,
        zone,
        defaults.promptDay(),
        defaults.promptHour(),
        defaults.quiet().start().getHour(),
        defaults.quiet().end().getHour(),
        defaults.quiet().weekends(),
        null,
        false,
        now,
        null,
        0);
  }

  /** When Nudge may write to this member: their zone, prompt time, quiet hours and pause. */
  public MemberSchedule schedule() {
    return new MemberSchedule(
        zone,
        promptDay,
        promptHour,
        new QuietHours(
            LocalTime.of(quietStartHour, 0), LocalTime.of(quietEndHour, 0), quietWeekends),
        pausedUntil);
  }

  public boolean isPausedAt(Instant now) {
    return pausedUntil != null && pausedUntil.isAfter(now);
  }

  public Member withDisplayName(String name) {
    return new Member(
        id,
        ref,
        name,
        zone,
        promptDay,
        promptHour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        pausedUntil,
        lead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }

  public Member withZone(ZoneId newZone) {
    return new Member(
        id,
        ref,
        displayName,
        newZone,
        promptDay,
        promptHour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        pausedUntil,
        lead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }

  public Member withPrompt(DayOfWeek day, int hour) {
    return new Member(
        id,
        ref,
        displayName,
        zone,
        day,
        hour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        pausedUntil,
        lead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }

  public Member withQuietHours(int start, int end, boolean weekends) {
    return new Member(
        id,
        ref,
        displayName,
        zone,
        promptDay,
        promptHour,
        start,
        end,
        weekends,
        pausedUntil,
        lead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }

  public Member withPausedUntil(Instant until) {
    return new Member(
        id,
        ref,
        displayName,
        zone,
        promptDay,
        promptHour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        until,
        lead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }

  /** The same member with this id (a newcomer once stored). */
  public Member withId(long newId) {
    return new Member(
        newId,
        ref,
        displayName,
        zone,
        promptDay,
        promptHour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        pausedUntil,
        lead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }

  /** The same member with their next reflection due at {@code at} (null: none). */
  public Member withNextPromptAt(Instant at) {
    return new Member(
        id,
        ref,
        displayName,
        zone,
        promptDay,
        promptHour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        pausedUntil,
        lead,
        createdAt,
        at,
        unansweredInRow);
  }

  public Member withLead(boolean isLead) {
    return new Member(
        id,
        ref,
        displayName,
        zone,
        promptDay,
        promptHour,
        quietStartHour,
        quietEndHour,
        quietWeekends,
        pausedUntil,
        isLead,
        createdAt,
        nextPromptAt,
        unansweredInRow);
  }
}
