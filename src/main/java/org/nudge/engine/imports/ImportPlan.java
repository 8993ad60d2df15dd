package org.nudge.engine.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What a lead's dry run showed, as stored until Confirm: each new pair with the two people as the
 * platform found them, so Confirm asks the platform nothing and applies exactly this.
 */
record ImportPlan(String fileName, int alreadyThere, List<NewPair> pairs) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  ImportPlan {
    pairs = List.copyOf(pairs);
  }

  /** One person as found: platform user id, and the name and zone the platform gave, if any. */
  record Person(String userId, String name, String zone) {}

  /** A pair the file asks for that isn't there yet. */
  record NewPair(int line, Person mentor, Person mentee, Integer cadenceDays, String phase) {}

  String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An import plan could not be written", e);
    }
  }

  static ImportPlan parse(String json) {
    try {
      return JSON.readValue(json, ImportPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored import plan could not be read", e);
    }
  }
}
