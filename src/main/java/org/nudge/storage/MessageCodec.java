package org.nudge.storage;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;

/**
 * Turns a {@link Message} into the JSON kept in the outbox and back. The polymorphism annotations
 * live here, on a mix-in, so the engine's model stays free of storage concerns.
 */
public final class MessageCodec {

  private final ObjectMapper json;

  public MessageCodec() {
    this.json =
        JsonMapper.builder().addMixIn(Action.class, ActionTypes.class).findAndAddModules().build();
  }

  public String encode(Message message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A message could not be written as JSON", e);
    }
  }

  public Message decode(String payload) {
    try {
      return json.readValue(payload, Message.class);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the payload it read (a member's words), so only where it failed.
      throw new IllegalStateException(
          "An outbox payload is not a message ("
              + e.getClass().getSimpleName()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr())
              + ")");
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Action.Button.class, name = "button"),
    @JsonSubTypes.Type(value = Action.Choice.class, name = "choice"),
    @JsonSubTypes.Type(value = Action.OpenForm.class, name = "form")
  })
  private interface ActionTypes {}
}
