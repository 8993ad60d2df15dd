package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;
import org.slf4j.LoggerFactory;

@DisplayName("No member text in logs, even when a statement fails")
class NoMemberTextInLogsTest {

  private static final String MARKER = "MARKER-private-words-7c1f";

  @Test
  @DisplayName("on H2, a failed insert logs at DEBUG neither the bound text nor the driver's echo")
  void h2() {
    try (Chat chat = new Chat(TestDatabases.h2Memory())) {
      failedStatementsLeaveNoMarker(chat);
    }
  }

  @Test
  @DisplayName("on PostgreSQL, a failed insert logs neither the bound text nor the server's detail")
  void postgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      failedStatementsLeaveNoMarker(new Chat(schema.database()));

      // AND a statement run on JDBI directly, outside the engine's store, fails without them too
      assertThatThrownBy(
              () ->
                  schema
                      .database()
                      .jdbi()
                      .useHandle(
                          h ->
                              h.createUpdate("INSERT INTO advice (text) VALUES (:text)")
                                  .bind("text", MARKER)
                                  .execute()))
          .satisfies(
              e -> assertThat(chain(e)).doesNotContain(MARKER).contains("not-null constraint"));
    }
  }

  private static String chain(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  private static void failedStatementsLeaveNoMarker(Chat chat) {
    // GIVEN a pair, and a schema that refuses what the members are about to write: a check
    // constraint (PostgreSQL's error detail quotes the failing row) and a narrow column (H2's
    // message quotes the value that didn't fit)
    chat.withPair();
    chat.database()
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "ALTER TABLE advice ADD CONSTRAINT advice_short CHECK (CHAR_LENGTH(text) < 40)");
              h.execute("ALTER TABLE win ALTER COLUMN text SET DATA TYPE VARCHAR(40)");
            });
    String advice = "/advice " + MARKER + " and a few more words than allowed";
    String win = "/win " + MARKER + " shipped the thing everyone waited for";

    // WHEN they write it, with every logger at DEBUG
    List<String> lines =
        atDebug(
            () -> {
              assertThat(chat.say("alice", advice))
                  .startsWith("Something went wrong on my side")
                  .endsWith("You typed: " + advice);
              assertThat(chat.say("alice", win)).endsWith("You typed: " + win);
            });

    // THEN the failures were logged for the operator, without the member's words
    assertThat(lines).anyMatch(l -> l.contains("failed for a test user"));
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(MARKER));
  }

  /** Runs {@code work} with the root and every configured logger at DEBUG; the lines logged. */
  static List<String> atDebug(Runnable work) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Map<Logger, Level> before = new HashMap<>();
    for (Logger logger : context.getLoggerList()) {
      before.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try {
      work.run();
    } finally {
      root.detachAppender(captured);
      before.forEach(Logger::setLevel);
    }
    return captured.list.stream()
        .map(
            e ->
                e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .toList();
  }
}
