package org.nudge.adapter.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nudge.adapter.slack.SlackPayloads.DirectMessage;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.UserRef;

/**
 * A Slack input as the shared inbox keeps it: what the engine reads, and where its answer goes (the
 * interaction's {@code response_url} and trigger id, or the DM a message came from), so that
 * whichever node runs it can answer. It holds the member's words: it lives in the {@code inbox}
 * table only until handled and is never logged.
 *
 * @param inbound what the engine reads
 * @param responseUrl where a command's or click's answer goes, or null (a form's goes to the DM)
 * @param triggerId opens a form the answer brings, while fresh; or null
 * @param direct the direct message it came from, or null
 */
record QueuedInput(Inbound inbound, String responseUrl, String triggerId, DirectMessage direct) {

  static QueuedInput interaction(Inbound inbound, String responseUrl, String triggerId) {
    return new QueuedInput(inbound, responseUrl, triggerId, null);
  }

  static QueuedInput directMessage(DirectMessage message) {
    Inbound inbound =
        message.inbound().orElseThrow(() -> new IllegalArgumentException("A message with no text"));
    return new QueuedInput(inbound, null, null, message);
  }

  UserRef user() {
    return inbound.user();
  }

  String encode() {
    ObjectNode json = BlockKit.json().createObjectNode();
    json.put("responseUrl", responseUrl);
    json.put("triggerId", triggerId);
    if (direct != null) {
      json.put("kind", "dm");
      json.put("eventId", direct.eventId());
      json.put("text", direct.text());
      json.put("channel", direct.channel());
      json.put("threadTs", direct.threadTs());
      json.put("withFiles", direct.withFiles());
      user(json, direct.user());
      return json.toString();
    }
    user(json, inbound.user());
    if (inbound instanceof Inbound.Command command) {
      json.put("kind", "command");
      json.put("name", command.name());
      json.put("text", command.text());
      json.put("channel", command.channel());
    } else if (inbound instanceof Inbound.ActionInvoked action) {
      json.put("kind", "action");
      json.put("actionId", action.actionId());
      json.put("value", action.value());
    } else if (inbound instanceof Inbound.FormSubmitted form) {
      json.put("kind", "form");
      json.put("formId", form.formId());
      ObjectNode values = json.putObject("values");
      form.values().forEach(values::put);
    } else {
      throw new IllegalArgumentException("Not queued: " + inbound.getClass().getSimpleName());
    }
    return json.toString();
  }

  static QueuedInput decode(String payload) {
    JsonNode json;
    try {
      json = BlockKit.json().readTree(payload);
    } catch (JsonProcessingException e) {
      // The message names no content: the payload holds a member's words.
      throw new IllegalArgumentException("An inbox payload is not JSON", null);
    }
    JsonNode who = json.path("user");
    UserRef user =
        new UserRef(
            who.path("platform").asText(), who.path("workspace").asText(), who.path("id").asText());
    String responseUrl = text(json, "responseUrl");
    String triggerId = text(json, "triggerId");
    switch (json.path("kind").asText()) {
      case "dm":
        return directMessage(
            new DirectMessage(
                text(json, "eventId"),
                user,
                text(json, "text"),
                text(json, "channel"),
                text(json, "threadTs"),
                json.path("withFiles").asBoolean(),
                null)); // a DM with a file is never stored in the inbox
      case "command":
        return new QueuedInput(
            new Inbound.Command(
                user, text(json, "name"), text(json, "text"), text(json, "channel")),
            responseUrl,
            triggerId,
            null);
      case "action":
        return new QueuedInput(
            new Inbound.ActionInvoked(user, text(json, "actionId"), text(json, "value")),
            responseUrl,
            triggerId,
            null);
      case "form":
        Map<String, String> values = new LinkedHashMap<>();
        json.path("values")
            .fields()
            .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return new QueuedInput(
            new Inbound.FormSubmitted(user, text(json, "formId"), values),
            responseUrl,
            triggerId,
            null);
      default:
        throw new IllegalArgumentException("An inbox payload of unknown kind");
    }
  }

  private static void user(ObjectNode json, UserRef user) {
    json.putObject("user")
        .put("platform", user.platform())
        .put("workspace", user.workspace())
        .put("id", user.userId());
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
