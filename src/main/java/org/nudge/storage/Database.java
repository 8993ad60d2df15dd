package org.nudge.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.StatementExceptions.MessageRendering;
import org.nudge.config.NudgeConfig.DatabaseConfig;

/**
 * The one database Nudge keeps everything in: a pooled connection, the schema brought up to date by
 * Flyway, and a configured {@link Jdbi}. H2 in file mode by default, PostgreSQL to scale out.
 */
public final class Database implements AutoCloseable {

  /** How a path starts in an H2 URL that names no file system: {@code jdbc:h2:./data/nudge}. */
  private static final Pattern PLAIN_PATH = Pattern.compile("[./~]|[A-Za-z]:[/\\\\]");

  /** The H2 file system that a thread's interrupt doesn't close (see {@link #uninterruptible}). */
  private static final String UNINTERRUPTIBLE = "jdbc:h2:retry:";

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = configure(Jdbi.create(dataSource));
  }

  /**
   * The finest time both databases store: PostgreSQL keeps microseconds, so an instant with
   * nanoseconds would come back as another instant, and what was queued "now" would never be due.
   */
  public static final TemporalUnit PRECISION = ChronoUnit.MICROS;

  /** The real clock, ticking in what the database can store exactly. */
  public static Clock systemClock() {
    return Clock.tick(Clock.systemUTC(), PRECISION.getDuration());
  }

  /** Opens the pool and migrates the schema; fails with the database's own message if it can't. */
  public static Database open(DatabaseConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(uninterruptible(config.url()));
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setPoolName("nudge-db");
    if (config.url().startsWith("jdbc:h2:")) {
      // H2 re-parses any statement beyond its last 8 by default; the sweep's batch alone runs a
      // dozen distinct ones, so each batch parsed them all again.
      hikari.addDataSourceProperty("QUERY_CACHE_SIZE", "64");
      if (!config.url().toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
        // By default H2 keeps the last half second of commits in memory: a process killed then
        // loses what Nudge already confirmed (a /win answered "logged", a prompt marked sent and
        // so sent again after the restart). Writing each commit through costs little here
        // (BENCHMARKS.md); a URL that sets WRITE_DELAY itself keeps its choice.
        hikari.addDataSourceProperty("WRITE_DELAY", "0");
      }
      if (closesItself(config.url())) {
        // H2's own shutdown hook would close the database at SIGTERM while the scheduler and the
        // delivery thread still use it (Quartz then logs an error with a stack trace, and a
        // message sent then is never marked sent). Nudge closes it itself, last, in close().
        hikari.addDataSourceProperty("DB_CLOSE_ON_EXIT", "FALSE");
      }
    }
    if (config.url().startsWith("jdbc:postgresql:")) {
      // The server's detail of a failed statement quotes the failing row: members' words.
      hikari.addDataSourceProperty("logServerErrorDetail", "false");
      // A batch of inserts (a sweep's outbox rows) goes as multi-row INSERTs, not one round trip
      // per row. Batches of updates, and inserts that return their rows, are never rewritten:
      // the sweep writes those as multi-row statements itself (ValuesList).
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource dataSource = new HikariDataSource(hikari);
    try {
      migrate(dataSource);
      return new Database(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * An H2 file URL on H2's {@code retry:} file system. On the default one, a thread interrupted
   * while it reads or writes the file (Quartz stopping its scheduler thread, the HTTP host giving
   * up on a slow request) closes the file for every connection, and the database with it; {@code
   * retry:} opens the file again and repeats the operation. Same files, same format. ({@code
   * async:} withstands interrupts too but made the 100k sweep twice as slow: BENCHMARKS.md.)
   */
  static String uninterruptible(String url) {
    String rest;
    if (url.startsWith("jdbc:h2:file:")) {
      rest = url.substring("jdbc:h2:file:".length());
    } else if (url.startsWith("jdbc:h2:") && PLAIN_PATH.matcher(url.substring(8)).lookingAt()) {
      rest = url.substring("jdbc:h2:".length());
    } else {
      return url;
    }
    return UNINTERRUPTIBLE + rest;
  }

  /**
   * Whether Nudge, not H2's shutdown hook, closes this H2 URL's database: a file Nudge opens
   * itself, unless the URL chooses otherwise. H2 refuses {@code DB_CLOSE_ON_EXIT=FALSE} together
   * with {@code AUTO_SERVER=TRUE} (which lets a second process, such as a backup, in).
   */
  static boolean closesItself(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    return uninterruptible(url).startsWith(UNINTERRUPTIBLE)
        && !upper.contains("DB_CLOSE_ON_EXIT")
        && !upper.replace(" ", "").contains("AUTO_SERVER=TRUE");
  }

  /**
   * Where Flyway finds the migrations: SQL files, and Java ones for what SQL can't say portably.
   */
  static final String[] MIGRATIONS = {
    "classpath:db/migration", "classpath:org/nudge/storage/migration"
  };

  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
  }

  /**
   * Instants travel as UTC {@link OffsetDateTime}s: both H2 and PostgreSQL map those to {@code
   * TIMESTAMP WITH TIME ZONE} exactly, whatever the JVM's default zone (which {@code
   * java.sql.Timestamp} would silently apply). A failed statement's exception names neither the
   * statement's values nor its text: by default JDBI appends the bound values, members' words.
   */
  static Jdbi configure(Jdbi jdbi) {
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(MessageRendering.NONE);
    jdbi.registerArgument(
        new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
          @Override
          protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) ->
                statement.setObject(position, value.atOffset(ZoneOffset.UTC));
          }
        });
    jdbi.registerColumnMapper(
        Instant.class,
        (rs, column, ctx) -> {
          OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
          return value == null ? null : value.toInstant();
        });
    return jdbi;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * True when no other process can have this database open: an H2 file, which H2 locks against
   * every other process unless the URL shares it ({@code AUTO_SERVER}) or turns the lock off.
   */
  public boolean isOwnedByThisProcess() {
    String url = dataSource.getJdbcUrl().toUpperCase(Locale.ROOT).replace(" ", "");
    return url.startsWith(UNINTERRUPTIBLE.toUpperCase(Locale.ROOT))
        && !url.contains("AUTO_SERVER=TRUE")
        && !url.contains("FILE_LOCK=NO");
  }

  /** True when the database is PostgreSQL (Quartz needs its own delegate there). */
  public boolean isPostgres() {
    return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
