package org.nudge.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.prompts.QuestionBank;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.engine.time.SimulatedClock;
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

  public final SimulatedClock clock = new SimulatedClock(START, Database.PRECISION);
  public final RecordingGateway platform = new RecordingGateway(PLATFORM, clock);
  private final Database database;
  private final Store store;
  private final Features features;
  private final Engine engine;
  private final Sweep sweep;
  private final Dispatcher dispatcher;

  public Chat() {
    this(TestDatabases.h2Memory());
  }

  /** The shipped question bank, loaded once for all tests. */
  public static final QuestionBank QUESTIONS = QuestionBank.load(Path.of("config/questions.yaml"));

  public Chat(Database database) {
    this(database, Set.of(user("lead")));
  }

  /** With these configured admins instead of {@code lead} alone. */
  public Chat(Database database, Set<UserRef> admins) {
    this.database = database;
    this.store = new JdbiStore(database.jdbi(), new MessageCodec());
    this.features = Features.create(EngineSettings.defaults(admins), QUESTIONS, Directory.none());
    this.engine = new Engine(store, clock, features);
    this.sweep = new Sweep(store, clock, features.routines());
    this.dispatcher =
        new Dispatcher(
            store, clock, List.of(platform), "test-node", features.services().outreach());
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
    return RecordingGateway.shown(reply.message().text());
  }

  /** Like {@link #say} but returns the whole reply, with its buttons and form. */
  public Reply reply(String who, String line) {
    return send(inbound(user(who), line));
  }

  /** The value of the button labelled {@code label} in a message. */
  public static String button(Message message, String label) {
    return message.actions().stream()
        .filter(
            a -> a instanceof org.nudge.engine.model.Action.Button b && b.label().startsWith(label))
        .map(a -> ((org.nudge.engine.model.Action.Button) a).value())
        .findFirst()
        .orElseThrow(() -> new AssertionError("No button " + label + " in " + message));
  }

  public Reply send(Inbound inbound) {
    Reply reply = engine.handle(inbound);
    dispatcher.drain();
    return reply;
  }

  public static Inbound inbound(UserRef user, String line) {
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

  /** The stored id of the member with this handle (who must have used Nudge). */
  public long memberId(String who) {
    return store.inTransaction(tx -> tx.members().find(user(who))).orElseThrow().id();
  }

  public Engine engine() {
    return engine;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The engine's outreach rules, for a second dispatcher on the same database. */
  public org.nudge.engine.rhythm.Outreach outreach() {
    return features.services().outreach();
  }

  public Database database() {
    return database;
  }

  /**
   * Lets time pass in steps, running the scheduler's sweep and delivering at each step, as the real
   * scheduler does every minute.
   */
  public void advance(Duration duration) {
    advance(duration, Duration.ofMinutes(15));
  }

  public void advance(Duration duration, Duration step) {
    Instant end = clock.instant().plus(duration);
    while (clock.instant().isBefore(end)) {
      Instant next = clock.instant().plus(step);
      clock.set(next.isAfter(end) ? end : next);
      sweep.run();
      dispatcher.drain();
    }
  }

  /** Runs the scheduler's sweep and delivery once, without moving time. */
  public void sweepNow() {
    sweep.run();
    dispatcher.drain();
  }

  /** Presses a button shown to {@code who}; returns the reply they see. */
  public Reply press(String who, String actionId, String value) {
    return send(new Inbound.ActionInvoked(user(who), actionId, value));
  }

  /** The last message delivered to {@code who}, with its buttons. */
  public Message lastDmTo(String who) {
    List<RecordingGateway.Sent> sent = platform.sent();
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).to() instanceof ConversationRef.Direct d && d.user().userId().equals(who)) {
        return sent.get(i).message();
      }
    }
    throw new AssertionError("No message was delivered to " + who);
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
