package org.nudge.adapter.slack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Slack adapter's threads, sized by {@link WorkLimits}, started together and stopped together:
 * the engine's workers after the ack, the workers for modal submissions (whose answer rides in
 * their own ack), and the workers that talk to Slack after the ack. Requests themselves are read on
 * the HTTP host's threads or Socket Mode's, never here.
 */
final class SlackWork implements AutoCloseable {

  private final ThreadPoolExecutor engine;
  private final ThreadPoolExecutor forms;
  private final ThreadPoolExecutor slack;
  private final AcksFirst acks;
  private final MemberLanes lanes;

  SlackWork(WorkLimits limits) {
    // The lanes bound what waits; the pools' own queues hold at most one turn per lane.
    this.engine = pool("nudge-slack-engine", limits.engineThreads(), Integer.MAX_VALUE);
    this.forms = pool("nudge-slack-forms", limits.formThreads(), Integer.MAX_VALUE);
    this.slack = pool("nudge-slack-io", limits.ioThreads(), limits.ioQueue());
    this.acks = new AcksFirst(limits.acksQuiet(), limits.acksHold());
    this.lanes = new MemberLanes(limits.engineQueue(), acks, engine, forms);
  }

  /** The engine's work, in each member's order; refused work means "too busy". */
  MemberLanes lanes() {
    return lanes;
  }

  /** Slack calls after the ack; a rejected task means even these workers are swamped. */
  ExecutorService slack() {
    return slack;
  }

  /**
   * Slack calls made from a worker: when the Slack workers' queue is full, the worker makes the
   * call itself. The engine's queue in front of it is what turns people away, never a lost reply.
   */
  Executor io() {
    return task -> {
      try {
        slack.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }

  /** Tells the engine's work after an ack when Slack's acks are done. */
  AcksFirst acks() {
    return acks;
  }

  /** Interactions acked and waiting for an engine worker. */
  int waiting() {
    return lanes.waiting();
  }

  /** Takes no more work; what is queued finishes within a few seconds or is dropped. */
  @Override
  public void close() {
    lanes.close();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!lanes.idle() && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ExecutorService pool : new ExecutorService[] {engine, forms, slack}) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
      }
    }
  }

  /** A fixed pool whose queue holds at most {@code queue} tasks; past that it rejects. */
  private static ThreadPoolExecutor pool(String name, int threads, int queue) {
    BlockingQueue<Runnable> waiting =
        queue == Integer.MAX_VALUE ? new LinkedBlockingQueue<>() : new ArrayBlockingQueue<>(queue);
    AtomicInteger number = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            waiting,
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
