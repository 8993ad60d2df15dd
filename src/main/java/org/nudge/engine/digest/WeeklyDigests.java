package org.nudge.engine.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.domain.Digests;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.rhythm.EachDue;
import org.nudge.engine.schedule.DueTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each program's weekly digest at the program's local day and hour, through the outbox with
 * the key {@code digest:{program}:{iso-week}}, so a digest goes out once a week however often the
 * sweep runs. {@link DigestAudiences} splits it: the celebration to the program's channel (none
 * without one), pair health and pairs at risk to the leads. After downtime a digest goes out late
 * within {@link #LATE_WINDOW}; an older one is skipped, logged, and the next week's is scheduled.
 */
public final class WeeklyDigests extends EachDue<Long> {

  private static final Logger log = LoggerFactory.getLogger(WeeklyDigests.class);

  /** How late a digest may still go out after downtime. */
  public static final Duration LATE_WINDOW = Duration.ofDays(1);

  private final DigestBuilder builder;
  private final DigestAudiences audiences;
  private final DueTimes dueTimes;
  private final DigestTrend trend;

  public WeeklyDigests(DigestBuilder builder, DigestAudiences audiences, DueTimes dueTimes) {
    super("weekly digests", (tx, now, limit) -> tx.digests().due(now, limit));
    this.builder = builder;
    this.audiences = audiences;
    this.dueTimes = dueTimes;
    this.trend = new DigestTrend(builder);
  }

  @Override
  protected void handle(Tx tx, Long programId, Instant now) {
    Digests.Schedule schedule = tx.digests().schedule(programId);
    Instant dueAt = schedule.nextAt();
    if (dueAt != null) {
      if (Duration.between(dueAt, now).compareTo(LATE_WINDOW) <= 0) {
        post(tx, programId, dueAt, now);
      } else {
        log.info("Program {} missed its digest due at {}; skipped", programId, dueAt);
      }
    }
    Instant after = dueAt != null && dueAt.isAfter(now) ? dueAt : now;
    tx.digests()
        .setNextDigest(
            programId,
            DigestSchedule.next(schedule.day(), schedule.hour(), schedule.zone(), after));
  }

  private void post(Tx tx, long programId, Instant dueAt, Instant now) {
    Optional<Program> program = tx.programs().byId(programId);
    if (program.isEmpty()) {
      return;
    }
    Program p = program.get();
    String week = dueTimes.isoWeek(dueAt.atZone(tx.digests().schedule(programId).zone()));
    Digest digest = builder.build(tx, p, dueAt);
    audiences.send(
        tx,
        p,
        digest,
        "digest:" + p.id() + ":" + week,
        now,
        DigestTrend.chart(tx, trend, p, digest));
  }
}
