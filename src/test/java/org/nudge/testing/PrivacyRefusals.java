package org.nudge.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nudge.engine.privacy.PrivacyGate;
import org.slf4j.LoggerFactory;

/**
 * Fails every test during which the privacy gate refused a message. In production a refusal is one
 * log line and the message is dropped; in the tests it is a bug to fix, since the code that built
 * the message tried to show someone's words to a person README's "Who sees what" does not allow.
 * Registered for all tests by extension autodetection
 * (src/test/resources/junit-platform.properties). A test that provokes a refusal on purpose takes
 * it with {@link #take()}.
 */
public final class PrivacyRefusals implements BeforeEachCallback, AfterEachCallback {

  // Tests run one at a time in one JVM (surefire's default), so one recorder serves them all.
  private static final ListAppender<ILoggingEvent> refusals = new ListAppender<>();

  private static Logger gateLogger() {
    return (Logger) LoggerFactory.getLogger(PrivacyGate.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (refusals) {
      refusals.list.clear();
    }
    refusals.start();
    gateLogger().addAppender(refusals);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    gateLogger().detachAppender(refusals);
    List<String> left = take();
    if (!left.isEmpty()) {
      throw new AssertionError(
          "The privacy gate refused "
              + left.size()
              + " message(s), so some code tried to show a member's words to someone README's"
              + " \"Who sees what\" does not allow: "
              + left);
    }
  }

  /** The refusals logged so far in this test, which then no longer fail it. */
  public static List<String> take() {
    synchronized (refusals) {
      List<String> lines = refusals.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      refusals.list.clear();
      return lines;
    }
  }
}
