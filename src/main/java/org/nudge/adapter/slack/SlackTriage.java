package org.nudge.adapter.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.dialogs.payload.DialogCancellationPayload;
import com.slack.api.app_backend.dialogs.payload.DialogSubmissionPayload;
import com.slack.api.app_backend.dialogs.payload.DialogSuggestionPayload;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.events.payload.UrlVerificationPayload;
import com.slack.api.app_backend.interactive_components.payload.AttachmentActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockSuggestionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.WorkflowStepEditPayload;
import com.slack.api.app_backend.views.payload.ViewClosedPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sorts a signed request body before Bolt's parser sees it, into what the parser reads, Slack's
 * {@code app_rate_limited} notice, and everything else. Bolt's parser (1.48) answers 500 to some
 * bodies it can't read (an {@code event_callback} without its event) and writes others whole to a
 * warning; here such bodies are recognised first, by the same rules the parser applies, and only
 * the ones it reads reach it.
 */
final class SlackTriage {

  /** What a body is. {@code why} is a few words for a log line, never anything from the body. */
  record Verdict(Kind kind, String why) {}

  enum Kind {
    /** Bolt's parser reads it. */
    BOLT,
    /** Slack is dropping this workspace's events for a minute; {@code why} is its team id. */
    RATE_LIMITED,
    /** Nothing Nudge or Bolt can read; acked and left alone. */
    UNREADABLE
  }

  /** The payload types Bolt's parser knows (its switch over {@code type}). */
  private static final Set<String> INTERACTIVE =
      Set.of(
          AttachmentActionPayload.TYPE,
          BlockActionPayload.TYPE,
          BlockSuggestionPayload.TYPE,
          GlobalShortcutPayload.TYPE,
          MessageShortcutPayload.TYPE,
          EventsApiPayload.TYPE,
          UrlVerificationPayload.TYPE,
          DialogCancellationPayload.TYPE,
          DialogSubmissionPayload.TYPE,
          DialogSuggestionPayload.TYPE,
          ViewSubmissionPayload.TYPE,
          ViewClosedPayload.TYPE,
          WorkflowStepEditPayload.TYPE);

  /** The JSON bodies Bolt reads as they are (the Events API); others it looks for in a form. */
  private static final Set<String> RAW_JSON = Set.of(UrlVerificationPayload.TYPE, "event_callback");

  private static final String RATE_LIMITED = "app_rate_limited";
  private static final Pattern SLACK_ID = Pattern.compile("[A-Z0-9]{1,32}");
  private static final Pattern WORD = Pattern.compile("[a-z_]{1,40}");
  // Bolt's Gson refuses trailing content after the JSON; so must this reading.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SlackTriage() {}

  static Verdict of(String body) {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return unreadable("an empty body");
    }
    char first = trimmed.charAt(0);
    if (first == '{' || first == '[') {
      return json(body);
    }
    return form(body);
  }

  /** A JSON body, as the Events API sends: only its own types are read as they are. */
  private static Verdict json(String body) {
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return unreadable("JSON that does not parse");
    }
    if (payload == null || !payload.isObject()) {
      return unreadable("JSON that is not an object");
    }
    String type = payload.path("type").isTextual() ? payload.path("type").asText() : null;
    if (RATE_LIMITED.equals(type)) {
      String team = payload.path("team_id").asText("");
      return new Verdict(Kind.RATE_LIMITED, SLACK_ID.matcher(team).matches() ? team : "unknown");
    }
    if (type == null || !RAW_JSON.contains(type)) {
      return unreadable("a JSON body of " + named(type));
    }
    return payload(payload);
  }

  /**
   * A form: an interaction's {@code payload}, a slash command's fields, or neither. The pairs are
   * read as Bolt's extractor and command detector read them (a name and a value, split at every
   * {@code =}), so both reach the same verdict.
   */
  private static Verdict form(String body) {
    boolean command = false;
    for (String pair : body.split("&")) {
      String[] fields = pair.split("=");
      if (fields.length != 2) {
        continue;
      }
      String name;
      String value;
      try {
        name = URLDecoder.decode(fields[0].trim().replaceAll("\\n+", ""), StandardCharsets.UTF_8);
        value = URLDecoder.decode(fields[1], StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return unreadable("a form that does not decode");
      }
      if (name.equals("payload")) {
        JsonNode payload;
        try {
          payload = JSON.readTree(value);
        } catch (JsonProcessingException e) {
          return unreadable("a payload that is not JSON");
        }
        if (payload == null || !payload.isObject()) {
          return unreadable("a payload that is not a JSON object");
        }
        return payload(payload);
      }
      command |= name.equals("command");
    }
    return command
        ? new Verdict(Kind.BOLT, "a slash command")
        : unreadable("a body with neither an interaction nor a command");
  }

  /** An interaction or event payload: its type, and the parts Bolt's parser reaches into. */
  private static Verdict payload(JsonNode payload) {
    String type = payload.path("type").isTextual() ? payload.path("type").asText() : null;
    if (type == null || !INTERACTIVE.contains(type)) {
      return unreadable("a payload of " + named(type));
    }
    if (type.equals(EventsApiPayload.TYPE) && !payload.path("event").path("type").isTextual()) {
      return unreadable("an event_callback without an event type");
    }
    if (type.equals(ViewSubmissionPayload.TYPE) && !payload.path("view").path("type").isTextual()) {
      return unreadable("a view_submission without a view type");
    }
    return new Verdict(Kind.BOLT, type);
  }

  private static Verdict unreadable(String why) {
    return new Verdict(Kind.UNREADABLE, why);
  }

  /** A type for a log line: Slack's types are lowercase words; anything else is not repeated. */
  private static String named(String type) {
    if (type == null) {
      return "no type";
    }
    return WORD.matcher(type).matches() ? "type " + type : "an unknown type";
  }
}
