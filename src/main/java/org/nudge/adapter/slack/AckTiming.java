package org.nudge.adapter.slack;

import java.time.Duration;

/**
 * The deadlines of Slack's 3 seconds. Commands and clicks are acked at once and never wait for the
 * engine; what still runs against the clock:
 *
 * <ul>
 *   <li>{@code engineBudget}: a modal submission's answer (the next form, or errors) can only
 *       replace the modal inside the ack, so the submission waits this long for the engine from the
 *       moment the request arrived; later, the modal closes and the answer goes to the DM.
 *   <li>{@code formDeadline}: a form the engine answers with opens with the interaction's trigger
 *       id, which Slack expires 3 s after the user acted; {@code views.open} must be done by then,
 *       otherwise the member gets a button that opens the form (a click brings a fresh trigger).
 * </ul>
 */
record AckTiming(Duration engineBudget, Duration formDeadline) {

  /** 1.5 s for a submission's engine work (it usually takes milliseconds), forms open by 2.5 s. */
  static final AckTiming SLACK = new AckTiming(Duration.ofMillis(1500), Duration.ofMillis(2500));

  AckTiming {
    if (engineBudget.compareTo(formDeadline) >= 0 || formDeadline.toMillis() >= 3000) {
      throw new IllegalArgumentException("The engine's budget must end before the form deadline");
    }
  }
}
