package org.nudge.adapter.slack;

import java.time.Duration;

/**
 * How the 3 seconds Slack gives each interaction are spent. The engine gets {@code engineBudget}
 * from the moment the request arrived; when it answers in time the reply rides in the ack itself
 * and a form opens with a trigger id that is still fresh. Past that, the ack goes out empty and the
 * reply follows through {@code response_url}. Opening a modal must finish by {@code formDeadline},
 * leaving the rest of the 3 s for the ack's own trip back to Slack.
 */
record AckTiming(Duration engineBudget, Duration formDeadline) {

  /** 1.5 s for the engine (it usually takes milliseconds), views.open done by 2.5 s. */
  static final AckTiming SLACK = new AckTiming(Duration.ofMillis(1500), Duration.ofMillis(2500));

  AckTiming {
    if (engineBudget.compareTo(formDeadline) >= 0 || formDeadline.toMillis() >= 3000) {
      throw new IllegalArgumentException("The engine's budget must end before the form deadline");
    }
  }
}
