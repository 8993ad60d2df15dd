package org.nudge.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the JDK's {@code HttpServer} runs each request on, bounded in number, in waiting and
 * in time.
 *
 * <p>The JDK server reads a request's line, headers and body on the executor's thread, with a
 * blocking read: a client that sends its headers and then nothing holds a thread for as long as it
 * likes, and enough of them starve every other request ({@code /healthz}, Slack's commands). The
 * server's own limit ({@code sun.net.httpserver.maxReqTime}) is a JVM-wide property read once,
 * whenever the JDK first creates any {@code HttpServer}, so it can't be relied on from here. So:
 *
 * <ul>
 *   <li>each request must have arrived within {@link Limits#arrival()} of a thread taking it up;
 *       past that, its thread is interrupted, which closes the connection (the JDK reads from an
 *       interruptible channel) and frees the thread;
 *   <li>{@link Limits#threads()} threads serve requests, more than a burst of slow clients is
 *       likely to hold, so that others are still served at once; they are started when needed and
 *       end after 30 s idle;
 *   <li>at most {@link Limits#queue()} requests wait for one; past that, a few more threads answer
 *       {@code 503} at once without reading the request's body, and past those the connection is
 *       closed.
 * </ul>
 *
 * {@link HttpHost} tells this class when a request's body has been read ({@link #arrived()}); what
 * its route does after that is not limited here.
 */
final class RequestWorkers implements Executor, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RequestWorkers.class);

  /**
   * @param threads requests served at once (each may be a slow client until its deadline)
   * @param queue requests waiting for a thread before they are refused
   * @param refusers threads that answer 503 to what the queue can't hold
   * @param refusalQueue requests waiting for a refuser before their connection is closed
   * @param arrival how long a request may take to arrive, from its first byte to its last
   */
  record Limits(int threads, int queue, int refusers, int refusalQueue, Duration arrival) {

    /**
     * 128 threads and 256 waiting; 4 refusers; 5 seconds to arrive. Slack's requests are a few
     * kilobytes and arrive in milliseconds (and Slack gives up on an ack after 3 s anyway), so 5 s
     * is generous to an honest client on a bad link. Idle threads cost nothing and blocked ones
     * little, so 127 slow clients at once still leave a thread for everyone else; more than that
     * are made to wait at most about 5 s, or turned away.
     */
    static final Limits DEFAULT = new Limits(128, 256, 4, 64, Duration.ofSeconds(5));

    Limits {
      if (threads < 1 || queue < 1 || refusers < 1 || refusalQueue < 1) {
        throw new IllegalArgumentException("HTTP limits must all be at least 1");
      }
      if (arrival.isNegative() || arrival.isZero()) {
        throw new IllegalArgumentException("A request needs some time to arrive");
      }
    }
  }

  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor refusers;
  private final ScheduledThreadPoolExecutor deadlines;
  private final long arrivalNanos;
  private final Metrics.Counter slow;
  private final Metrics.Counter refused;
  private final ThreadLocal<Arrival> current = new ThreadLocal<>();

  RequestWorkers(Limits limits, Metrics metrics) {
    this.workers = pool("nudge-http", limits.threads(), limits.queue());
    this.refusers = pool("nudge-http-busy", limits.refusers(), limits.refusalQueue());
    this.deadlines = new ScheduledThreadPoolExecutor(1, daemon("nudge-http-deadline"));
    this.deadlines.setRemoveOnCancelPolicy(true);
    this.arrivalNanos = limits.arrival().toNanos();
    this.slow =
        metrics.counter(
            "nudge_http_slow_requests_total",
            "Connections closed because their request did not arrive within the deadline");
    this.refused =
        metrics.counter(
            "nudge_http_refused_total",
            "Requests answered 503 or closed because every HTTP thread was busy");
  }

  /** Called by the JDK's dispatcher thread for each request; never blocks. */
  @Override
  public void execute(Runnable exchange) {
    try {
      workers.execute(() -> run(exchange, false));
    } catch (RejectedExecutionException full) {
      refused.increment();
      // Past the refusers too, this throws and the JDK closes the connection unread.
      refusers.execute(() -> run(exchange, true));
    }
  }

  /**
   * Marks the current request as arrived (its body read), so its deadline no longer applies. False
   * when the deadline passed first: the connection is closed, and the request must not be served.
   */
  boolean arrived() {
    Arrival arrival = current.get();
    return arrival == null || arrival.arrived();
  }

  /** True on a thread that only refuses: the request is to be answered 503, unread. */
  boolean refusing() {
    Arrival arrival = current.get();
    return arrival != null && arrival.refuse;
  }

  private void run(Runnable exchange, boolean refuse) {
    Arrival arrival = new Arrival(Thread.currentThread(), refuse);
    ScheduledFuture<?> deadline =
        deadlines.schedule(arrival::expire, arrivalNanos, TimeUnit.NANOSECONDS);
    current.set(arrival);
    try {
      exchange.run();
    } finally {
      current.remove();
      deadline.cancel(false);
      arrival.finish();
      // An expiry that came just before the end leaves the flag set: clear it for the next task.
      Thread.interrupted();
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    refusers.shutdownNow();
    deadlines.shutdownNow();
  }

  /**
   * One request on its thread, until it has arrived or its deadline passed. The lock makes
   * "arrived" and "expired" exclusive, and an interrupt is only ever sent while the request is
   * still arriving on that thread.
   */
  private final class Arrival {
    private final Thread thread;
    private final boolean refuse;
    private boolean arriving = true;

    Arrival(Thread thread, boolean refuse) {
      this.thread = thread;
      this.refuse = refuse;
    }

    synchronized boolean arrived() {
      if (!arriving) {
        return false;
      }
      arriving = false;
      return true;
    }

    synchronized void expire() {
      if (arriving) {
        arriving = false;
        slow.increment();
        log.debug("Closed a connection whose request did not arrive in time");
        thread.interrupt();
      }
    }

    synchronized void finish() {
      arriving = false;
    }
  }

  private static ThreadPoolExecutor pool(String name, int threads, int queue) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), daemon(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
