package org.nudge.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.nudge.config.ConfigException;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.dashboard.DashboardSettings;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.delivery.SendOutcome;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.prompts.QuestionBank;
import org.nudge.engine.rhythm.RhythmSettings;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one database, one store, one engine and one dispatcher, wired by hand with
 * constructor injection. Adapters are built around it by {@link org.nudge.Main}.
 */
public final class Nudge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Nudge.class);

  private final NudgeConfig config;
  private final Database database;
  private final Store store;
  private final Clock clock;

  private final QuestionBank questions;

  private Nudge(NudgeConfig config, Database database, Clock clock) {
    this.config = config;
    this.questions = questions(config);
    this.database = database;
    this.store = new JdbiStore(database.jdbi(), new MessageCodec());
    this.clock = clock;
  }

  /** Opens (and migrates) the database. */
  public static Nudge start(NudgeConfig config, Clock clock) {
    return new Nudge(config, Database.open(config.database()), clock);
  }

  public static EngineSettings engineSettings(NudgeConfig config) {
    Set<UserRef> admins;
    try {
      admins = config.admins().stream().map(UserRef::parse).collect(Collectors.toSet());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "admins", "must list ids as platform:workspace:user (" + e.getMessage() + ")");
    }
    NudgeConfig.Rhythm r = config.rhythm();
    RhythmSettings defaults = RhythmSettings.defaults();
    RhythmSettings rhythm =
        new RhythmSettings(
            r.weeklyBudget(),
            Duration.ofHours(r.catchUpHours()),
            r.unansweredBeforeTaper(),
            Duration.ofDays(r.taperDays()),
            defaults.mentorReminderDelay(),
            defaults.revisitEvery(),
            defaults.remindLaterDelay());
    return new EngineSettings(
        admins,
        config.defaults().zone(),
        config.defaults().maxTextLength(),
        config.defaults().adviceFollowUp(),
        rhythm,
        config.outbox().keepSentFor(),
        new DashboardSettings(
            config.dashboard().publicUrlOr(config.http().port()), config.dashboard().key()));
  }

  /** The question bank: the file the config names, else the copy inside the jar. */
  public static QuestionBank questions(NudgeConfig config) {
    Path file = Path.of(config.questions());
    try {
      if (Files.exists(file)) {
        return QuestionBank.load(file);
      }
      try (InputStream in = Nudge.class.getResourceAsStream("/config/questions.yaml")) {
        return QuestionBank.load(in);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "questions", "names a question bank with a problem: " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException("questions", "could not be read: " + e.getMessage());
    }
  }

  /** Every feature, wired for the given platforms' directory. */
  public Features features(Directory directory) {
    return Features.create(engineSettings(config), questions, directory);
  }

  public Engine engine(Features features) {
    return new Engine(store, clock, features);
  }

  public Sweep sweep(Features features) {
    return new Sweep(store, clock, features.routines());
  }

  /**
   * The dispatcher of this process. On a database only this process can open, whatever an earlier
   * process had claimed is given back first: that process was killed, and its messages go out now
   * rather than when its lease runs out.
   */
  public Dispatcher dispatcher(Features features, List<ChatGateway> gateways, String node) {
    return dispatcher(features, gateways, node, outcome -> {});
  }

  /** As above, telling {@code outcomes} how each send ended (for {@code /metrics}). */
  public Dispatcher dispatcher(
      Features features, List<ChatGateway> gateways, String node, Consumer<SendOutcome> outcomes) {
    if (database.isOwnedByThisProcess()) {
      int released = store.inTransaction(tx -> tx.outbox().releaseEveryClaim());
      if (released > 0) {
        log.info("Took over {} messages claimed by an earlier run that was stopped", released);
      }
    }
    // Several nodes share a PostgreSQL database: each workspace's rate is then shared too.
    return new Dispatcher(
        store,
        clock,
        gateways,
        node,
        features.services().outreach(),
        outcomes,
        database.isPostgres());
  }

  public Store store() {
    return store;
  }

  public Database database() {
    return database;
  }

  public NudgeConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    database.close();
  }
}
