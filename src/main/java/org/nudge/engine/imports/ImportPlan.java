package org.nudge.engine.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What a lead's dry run showed, as stored until Confirm: each new pair with the two people as the
 * platform found them, so Confirm asks the platform nothing and applies exactly this.
 */
record ImportPlan(String fileName, int alreadyThere, List<NewPair> pairs, List<Enrolled> enrolled) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  ImportPlan {
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    enrolled = enrolled == null ? List.of() : List.copyOf(enrolled);
  }

  /**
   * Someone a roster enrols for matching, with answers already checked against the program's
   * enrolment rules: role {@code mentor} or {@code mentee}, topics, language codes, capacity.
   */
  record Enrolled(
      int line,
      Person person,
      String role,
      List<String> topics,
      List<String> languages,
      int capacity) {}

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
