package org.nudge.testing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.app.SimulatedClock;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;

/**
 * A conversation with the engine for tests: people type lines, the test reads what each of them
 * sees. Real database, fixed clock, an in-memory chat platform. The user {@code lead} is a program
 * lead.
 */
public final class Chat implements AutoCloseable {

  public static final String PLATFORM = "test";
  public static final String WORKSPACE = "acme";
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Pattern MENTION = Pattern.compile("(?<![\\w<])@([\\w.-]+)");

  public final SimulatedClock clock = new SimulatedClock(START);
  public final RecordingGateway platform = new RecordingGateway(PLATFORM);
  private final Database database;
  private final Store store;
  private final Engine engine;
  private final Dispatcher dispatcher;

  public Chat() {
    this(TestDatabases.h2Memory());
  }

  public Chat(Database database) {
    this.database = database;
    this.store = new JdbiStore(database.jdbi(), new MessageCodec());
    this.engine =
        new Engine(
            store,
            clock,
            EngineSettings.defaults(Set.of(user("lead"))),
            Directory.none(),
            Features.commands());
    this.dispatcher = new Dispatcher(store, clock, List.of(platform), "test-node");
  }

  public static UserRef user(String handle) {
    return new UserRef(PLATFORM, WORKSPACE, handle);
  }

  /**
   * {@code who} types {@code line}: a command when it starts with a slash ({@code @name} words
   * become mentions), otherwise a direct message. Returns the reply only they see; messages for
   * others are delivered at once.
   */
  public String say(String who, String line) {
    Reply reply = engine.handle(inbound(user(who), line));
    dispatcher.drain();
    return reply.message().text();
  }

  public Reply send(Inbound inbound) {
    Reply reply = engine.handle(inbound);
    dispatcher.drain();
    return reply;
  }

  static Inbound inbound(UserRef user, String line) {
    if (!line.startsWith("/")) {
      return new Inbound.DirectText(user, line);
    }
    String[] parts = line.substring(1).split(" ", 2);
    String text = parts.length > 1 ? parts[1] : "";
    Matcher m = MENTION.matcher(text);
    return new Inbound.Command(user, parts[0], m.replaceAll("<@$1>"), null);
  }

  public List<String> dmsTo(String who) {
    return platform.dmsTo(who);
  }

  public List<String> postsIn(String channel) {
    return platform.postsIn(channel);
  }

  public Store store() {
    return store;
  }

  public Engine engine() {
    return engine;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Sets up a program {@code Spring} in {@code #mentoring} with maria mentoring alice. */
  public Chat withPair() {
    say("lead", "/nudge program create Spring #mentoring");
    say("lead", "/nudge pair @maria @alice Spring");
    platform.clear();
    return this;
  }

  @Override
  public void close() {
    database.close();
  }
}
