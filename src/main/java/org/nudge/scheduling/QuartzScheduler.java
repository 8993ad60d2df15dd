package org.nudge.scheduling;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.nudge.engine.rhythm.Sweep;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz drives Nudge's clock: a sweep every minute finds what came due (kept as indexed instants
 * per member and pair, not as a trigger per person), with Quartz's JDBC job store in Nudge's own
 * database so the schedule survives restarts, and clustering on PostgreSQL so one node at a time
 * runs the sweep.
 */
public final class QuartzScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QuartzScheduler.class);
  static final JobKey SWEEP = JobKey.jobKey("sweep", "nudge");
  private static final String DATA_SOURCE = "nudge";

  private final Scheduler scheduler;

  private QuartzScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Starts Quartz on the application's connection pool and makes sure the sweep job exists.
   *
   * @param postgres whether the database is PostgreSQL (which needs its own delegate and runs
   *     clustered)
   */
  public static QuartzScheduler start(DataSource dataSource, boolean postgres, Sweep sweep)
      throws SchedulerException {
    return start(dataSource, postgres, sweep, took -> {});
  }

  /** As above, telling {@code sweepTook} how long each sweep took (for {@code /metrics}). */
  public static QuartzScheduler start(
      DataSource dataSource, boolean postgres, Sweep sweep, Consumer<Duration> sweepTook)
      throws SchedulerException {
    DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new Pool(dataSource));
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "nudge");
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        postgres
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(postgres));
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    scheduler.setJobFactory((bundle, s) -> new SweepJob(sweep, sweepTook));
    JobDetail job =
        JobBuilder.newJob(SweepJob.class)
            .withIdentity(SWEEP)
            .requestRecovery()
            .storeDurably()
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity("sweep-every-minute", "nudge")
            .forJob(job)
            .startNow()
            .withSchedule(
                SimpleScheduleBuilder.repeatMinutelyForever()
                    // After downtime, run once now: the sweep itself decides what is still due.
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    if (!scheduler.checkExists(SWEEP)) {
      scheduler.scheduleJob(job, trigger);
    }
    scheduler.start();
    // One sweep at start-up catches up on what came due while Nudge was down.
    scheduler.triggerJob(SWEEP);
    log.info("Scheduler started ({} job store)", postgres ? "clustered PostgreSQL" : "H2");
    return new QuartzScheduler(scheduler);
  }

  /** True while Quartz is started and neither paused nor shut down (for {@code /healthz}). */
  public boolean running() {
    try {
      return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Fires nothing more, waits for a sweep that is running to finish, and stops. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("Scheduler did not shut down cleanly", e);
    }
  }

  /** The minute sweep; one node at a time, and re-run after a node dies mid-sweep. */
  @DisallowConcurrentExecution
  static final class SweepJob implements Job {
    private final Sweep sweep;
    private final Consumer<Duration> took;

    SweepJob(Sweep sweep, Consumer<Duration> took) {
      this.sweep = sweep;
      this.took = took;
    }

    @Override
    public void execute(JobExecutionContext context) {
      long start = System.nanoTime();
      try {
        sweep.run();
      } catch (RuntimeException e) {
        // Logged and retried at the next minute; the sweep is idempotent.
        log.error("Sweep failed", e);
      } finally {
        took.accept(Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  /** Hands Quartz connections from Nudge's own pool. */
  private record Pool(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // The pool belongs to the application, which closes it.
    }

    @Override
    public void initialize() {
      // Nothing to set up: the pool is open already.
    }
  }
}
