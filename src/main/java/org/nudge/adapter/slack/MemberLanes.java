package org.nudge.adapter.slack;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what each member sent in the order it arrived, and different members' work side by side.
 *
 * <p>Each member (platform, workspace, user) has a lane: their work waiting, of which at most one
 * piece runs at a time. A lane takes one turn on a worker per piece of work and then queues again
 * behind the other lanes, so a busy member never holds a worker while others wait. With a plain
 * pool two requests from one member could run on two workers at once, and the second could commit
 * first: a lead's {@code /nudge pair … Spring} 15 ms after {@code /nudge program create Spring} was
 * answered "There's no program called Spring".
 *
 * <p>Work after an ack waits for Slack's acks in progress when its turn comes ({@link AcksFirst}).
 * Urgent work (a modal submission, whose answer rides in its own ack) never waits for acks: when
 * its lane is idle it starts on the urgent workers, so it never queues behind other members; when
 * the member's earlier work is still waiting, that work stops waiting for acks and the submission
 * runs right after it, in order.
 *
 * <p>At most {@code capacity} pieces of work wait, across all lanes; past that new work is refused
 * ({@link RejectedExecutionException}), so that the member hears at once that Nudge is too busy.
 */
final class MemberLanes {

  private static final Logger log = LoggerFactory.getLogger(MemberLanes.class);

  private final ConcurrentHashMap<UserRef, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final int capacity;
  private final AcksFirst acks;
  private final Executor workers;
  private final Executor urgentWorkers;
  private volatile boolean closed;

  /**
   * @param workers run work after the ack; their queue must take every lane (unbounded)
   * @param urgentWorkers run urgent work whose lane was idle; unbounded queue too
   */
  MemberLanes(int capacity, AcksFirst acks, Executor workers, Executor urgentWorkers) {
    if (capacity < 1) {
      throw new IllegalArgumentException("A member's lanes must hold at least one task");
    }
    this.capacity = capacity;
    this.acks = acks;
    this.workers = workers;
    this.urgentWorkers = urgentWorkers;
  }

  /**
   * Queues {@code task} behind {@code member}'s earlier work; it starts once Slack's acks in
   * progress are done ({@link AcksFirst}).
   *
   * @throws RejectedExecutionException when full or closed: nothing was queued
   */
  void afterAcks(UserRef member, Runnable task) {
    add(member, new Work(task, false, acks.holdUntil()));
  }

  /**
   * Queues {@code task} behind {@code member}'s earlier work, which stops waiting for acks; the
   * task itself never waits for them.
   *
   * @throws RejectedExecutionException when full or closed: nothing was queued
   */
  void urgent(UserRef member, Runnable task) {
    add(member, new Work(task, true, 0));
    acks.hurry();
  }

  /** Work queued and not started yet, across all lanes. */
  int waiting() {
    return waiting.get();
  }

  /** True when no work waits or runs. */
  boolean idle() {
    return waiting.get() == 0 && running.get() == 0;
  }

  /** Refuses new work from now on; what is queued still runs. */
  void close() {
    closed = true;
  }

  private record Work(Runnable task, boolean urgent, long holdUntil) {}

  /** One member's work. Guarded by itself; {@code urgent} is read without the lock too. */
  private static final class Lane {
    final ArrayDeque<Work> queue = new ArrayDeque<>();
    volatile int urgent;
    boolean running;
    boolean turnOnWorkers;
    boolean turnOnUrgentWorkers;
    boolean retired;
  }

  private void add(UserRef member, Work work) {
    if (closed) {
      throw new RejectedExecutionException("Slack is stopping");
    }
    if (waiting.incrementAndGet() > capacity) {
      waiting.decrementAndGet();
      throw new RejectedExecutionException("The engine's queue is full");
    }
    while (true) {
      Lane lane = lanes.computeIfAbsent(member, m -> new Lane());
      synchronized (lane) {
        if (lane.retired) {
          continue; // it emptied and left the map just now: take a fresh one
        }
        lane.queue.add(work);
        if (work.urgent()) {
          lane.urgent++;
        }
        schedule(lane, member);
        return;
      }
    }
  }

  /** Gives an idle lane with work a turn; an urgent task gets one on the urgent workers. */
  private void schedule(Lane lane, UserRef member) {
    if (lane.running || lane.queue.isEmpty()) {
      return;
    }
    if (lane.urgent > 0 && !lane.turnOnUrgentWorkers) {
      lane.turnOnUrgentWorkers = true;
      submit(urgentWorkers, lane, member, true);
    } else if (!lane.turnOnWorkers && !lane.turnOnUrgentWorkers) {
      lane.turnOnWorkers = true;
      submit(workers, lane, member, false);
    }
  }

  private void submit(Executor pool, Lane lane, UserRef member, boolean urgentPool) {
    try {
      pool.execute(() -> turn(lane, member, urgentPool));
    } catch (RejectedExecutionException e) {
      // The workers have stopped (past close's grace period): what waits here is dropped.
      log.warn("Slack's workers have stopped; {} queued interactions dropped", lane.queue.size());
      waiting.addAndGet(-lane.queue.size());
      lane.queue.clear();
      lane.urgent = 0;
      lane.turnOnWorkers = false;
      lane.turnOnUrgentWorkers = false;
      retireIfIdle(lane, member);
    }
  }

  /** One turn: the lane's next piece of work, unless another turn of it got there first. */
  private void turn(Lane lane, UserRef member, boolean urgentPool) {
    Work work;
    synchronized (lane) {
      if (urgentPool) {
        lane.turnOnUrgentWorkers = false;
      } else {
        lane.turnOnWorkers = false;
      }
      if (lane.running || lane.queue.isEmpty()) {
        retireIfIdle(lane, member);
        return;
      }
      work = lane.queue.poll();
      if (work.urgent()) {
        lane.urgent--;
      }
      lane.running = true;
      running.incrementAndGet();
      waiting.decrementAndGet();
    }
    try {
      if (!work.urgent()) {
        acks.awaitQuiet(work.holdUntil(), () -> lane.urgent > 0);
      }
      work.task().run();
    } catch (RuntimeException e) {
      log.error("Slack work failed: {}", e.getClass().getName(), e);
    } finally {
      synchronized (lane) {
        lane.running = false;
        running.decrementAndGet();
        schedule(lane, member);
        retireIfIdle(lane, member);
      }
    }
  }

  private void retireIfIdle(Lane lane, UserRef member) {
    if (!lane.running && lane.queue.isEmpty() && !lane.turnOnWorkers && !lane.turnOnUrgentWorkers) {
      lane.retired = true;
      lanes.remove(member, lane);
    }
  }
}
