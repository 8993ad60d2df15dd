package org.nudge.storage;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.nudge.engine.domain.KeyValues;

final class JdbiKeyValues implements KeyValues {

  private final Handle handle;

  JdbiKeyValues(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<String> get(String key) {
    return handle
        .createQuery("SELECT content FROM app_state WHERE name = :name")
        .bind("name", key)
        .mapTo(String.class)
        .findOne();
  }

  @Override
  public void put(String key, String value) {
    int updated =
        handle
            .createUpdate("UPDATE app_state SET content = :value WHERE name = :name")
            .bind("name", key)
            .bind("value", value)
            .execute();
    if (updated == 0) {
      handle
          .createUpdate("INSERT INTO app_state (name, content) VALUES (:name, :value)")
          .bind("name", key)
          .bind("value", value)
          .execute();
    }
  }

  @Override
  public boolean firstDelivery(String platform, String eventId, Instant now) {
    boolean seen =
        handle
                .createQuery(
                    "SELECT COUNT(*) FROM processed_event WHERE platform = :p AND event_id = :e")
                .bind("p", platform)
                .bind("e", eventId)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (seen) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO processed_event (platform, event_id, received_at) VALUES (:p, :e, :now)")
        .bind("p", platform)
        .bind("e", eventId)
        .bind("now", now)
        .execute();
    return true;
  }
}
