package org.nudge.engine.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Private words in logs")
class PrivacyLogTest {

  @Test
  @DisplayName(
      "the privacy matrix's quarter, logged at every level, leaves no member's words in a log")
  void noMarkerInAnyLogLine() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Every logger the configuration sets (JDBI, Flyway, Hikari, Quartz, ...) and the root go to
    // TRACE, below DEBUG; loggers made later inherit it from the root. (H2 logs through SLF4J only
    // when its URL asks, TRACE_LEVEL_FILE=4, which Nudge's don't: at that level it would log
    // every statement with its values. The matrix runs no Quartz: the sweep is called directly.)
    Map<Logger, Level> before = new LinkedHashMap<>();
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        before.put(logger, logger.getLevel());
        logger.setLevel(Level.TRACE);
      }
    }
    // The console appender steps aside meanwhile: tens of thousands of lines would drown CI's log
    List<Appender<ILoggingEvent>> console = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(console::add);
    console.forEach(root::detachAppender);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    try (PrivacyMatrix matrix = new PrivacyMatrix().run()) {
      assertThat(matrix.markers).hasSizeGreaterThan(300);
    } finally {
      root.detachAppender(captured);
      console.forEach(root::addAppender);
      before.forEach(Logger::setLevel);
    }
    // THEN the libraries did log (the capture works) ...
    List<String> loggers = captured.list.stream().map(ILoggingEvent::getLoggerName).toList();
    assertThat(loggers).anyMatch(name -> name.startsWith("org.flywaydb"));
    assertThat(loggers).anyMatch(name -> name.startsWith("com.zaxxer.hikari"));
    assertThat(loggers).anyMatch(name -> name.startsWith("org.jdbi"));
    // ... and no line, argument or exception carries a member's words
    for (ILoggingEvent event : captured.list) {
      String line =
          event.getLoggerName()
              + " "
              + event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(PrivacyMatrix.markersIn(line)).as(line).isEmpty();
    }
  }
}
