package org.nudge.adapter.slack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nudge.http.Metrics;

/**
 * Acks an event this node has already taken, and does nothing else with it. Slack delivers an event
 * again when it saw no ack in time ({@code X-Slack-Retry-Num}, or a Socket Mode envelope sent
 * again), and two copies may arrive together; every copy has the same {@code event_id}.
 *
 * <p>This is the quick check, in memory, before anything is queued. The lasting one is the event id
 * recorded in the same transaction as the event's effect ({@link SlackHandlers}), which also
 * catches a copy that reaches another node, or comes after a restart or after this node forgot it.
 * An event whose listener did not ack it (too busy: 500, so that Slack sends it again) is forgotten
 * at once, so its next delivery is read.
 */
final class DuplicateEvents implements Middleware {

  /** Event ids remembered: many minutes of a busy workspace's direct messages. */
  static final int REMEMBERED = 10_000;

  private static final JsonFactory JSON = new JsonFactory();

  private final Metrics.Counter duplicates;
  private final Map<String, Boolean> seen;

  DuplicateEvents(Metrics.Counter duplicates, int remembered) {
    this.duplicates = duplicates;
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > remembered;
          }
        };
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (req.getRequestType() != RequestType.Event) {
      return chain.next(req);
    }
    String eventId = eventId(req.getRequestBodyAsString());
    if (eventId == null) {
      return chain.next(req);
    }
    synchronized (seen) {
      if (seen.putIfAbsent(eventId, Boolean.TRUE) != null) {
        duplicates.increment();
        return Response.ok();
      }
    }
    Response answer = chain.next(req);
    if (answer.getStatusCode() == null || answer.getStatusCode() >= 300) {
      synchronized (seen) {
        seen.remove(eventId);
      }
    }
    return answer;
  }

  /** The envelope's top-level {@code event_id}, read without building the whole tree. */
  static String eventId(String body) {
    if (body == null) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("event_id".equals(field)) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
