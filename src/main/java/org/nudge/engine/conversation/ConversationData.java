package org.nudge.engine.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nudge.engine.domain.Conversations.ConversationState;

/** Reads and writes the small JSON map each conversation keeps between steps. */
public final class ConversationData {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConversationData() {}

  private static ConversationState state(
      long memberId, String flow, String step, Map<String, ?> data, Instant now, Instant expires) {
    try {
      return new ConversationState(
          memberId, flow, step, JSON.writeValueAsString(data), now, expires);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Conversation data could not be written", e);
    }
  }

  /**
   * Remembers that the member of {@code turn} is now at {@code step} of {@code flow}, so the text
   * they type next reaches that flow with {@code data}; it replaces any conversation they were in.
   */
  public static void save(Turn turn, String flow, String step, Map<String, ?> data) {
    turn.tx().conversations().save(state(turn.member().id(), flow, step, data, turn.now(), null));
  }

  public static Map<String, String> read(ConversationState state) {
    try {
      return JSON.readValue(state.data(), new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      return new LinkedHashMap<>();
    }
  }

  /** An id as buttons carry it, or -1 when missing or malformed (a stale or forged value). */
  public static long parseId(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException | NullPointerException e) {
      return -1;
    }
  }

  /** A long id from the data, or -1 when missing or malformed. */
  public static long id(Map<String, String> data, String key) {
    try {
      return Long.parseLong(data.getOrDefault(key, "-1"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
