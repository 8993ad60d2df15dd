package org.nudge.app;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.nudge.config.ConfigException;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.UserRef;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;

/**
 * The composition root: one database, one store, one engine and one dispatcher, wired by hand with
 * constructor injection. Adapters are built around it by {@link org.nudge.Main}.
 */
public final class Nudge implements AutoCloseable {

  private final NudgeConfig config;
  private final Database database;
  private final Store store;
  private final Clock clock;

  private Nudge(NudgeConfig config, Database database, Clock clock) {
    this.config = config;
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
    return new EngineSettings(
        admins,
        config.defaults().zone(),
        config.defaults().maxTextLength(),
        config.defaults().adviceFollowUp());
  }

  public Engine engine(Directory directory) {
    return new Engine(store, clock, engineSettings(config), directory, Features.commands());
  }

  public Dispatcher dispatcher(List<ChatGateway> gateways, String node) {
    return new Dispatcher(store, clock, gateways, node);
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
