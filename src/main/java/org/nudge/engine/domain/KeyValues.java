package org.nudge.engine.domain;

import java.time.Instant;
import java.util.Optional;

/** Small named values that must survive restarts, and de-duplication of platform event ids. */
public interface KeyValues {

  Optional<String> get(String key);

  void put(String key, String value);

  /**
   * Records a platform's event id; true the first time it is seen, false on a re-delivery, so a
   * retried event never has a second effect.
   */
  boolean firstDelivery(String platform, String eventId, Instant now);
}
