package org.nudge.adapter.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while open, at DEBUG and above (the libraries keep the levels of
 * logback-test.xml, as in production), with any stack trace appended to its line.
 */
final class CapturedLogs implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level before = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
  }

  /** The lines so far, each as {@code LEVEL logger: message} plus its stack trace. */
  List<String> lines() {
    // AppenderBase.doAppend holds the appender's lock while the list grows.
    synchronized (appender) {
      return appender.list.stream().map(CapturedLogs::line).toList();
    }
  }

  /** The lines at {@code level} or above. */
  List<String> atLeast(Level level) {
    synchronized (appender) {
      return appender.list.stream()
          .filter(event -> event.getLevel().isGreaterOrEqual(level))
          .map(CapturedLogs::line)
          .toList();
    }
  }

  private static String line(ILoggingEvent event) {
    String line =
        event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage();
    return event.getThrowableProxy() == null
        ? line
        : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
  }

  @Override
  public void close() {
    root.setLevel(before);
    root.detachAppender(appender);
  }
}
