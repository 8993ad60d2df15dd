package org.nudge.adapter.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acks what Slack may send that Nudge has no listener for: events the manifest does not subscribe
 * to (Slack still sends some, such as {@code app_uninstalled} and {@code tokens_revoked}),
 * shortcuts, legacy attachment buttons and dialogs, workflow steps, options loads. Without this,
 * Bolt answers 404 to them, which Slack retries and, for events, counts towards turning the app's
 * events off, and logs a warning with sample listener code for each.
 *
 * <p>Options loads get an empty list of options, which is what Slack expects to parse.
 */
final class Unlistened implements Middleware {

  private static final Logger log = LoggerFactory.getLogger(Unlistened.class);
  static final String NO_OPTIONS = "{\"options\":[]}";

  private final Set<String> events;

  /**
   * @param events the event types that have a listener (subtypes of a listened type are acked by
   *     Bolt itself)
   */
  Unlistened(Set<String> events) {
    this.events = Set.copyOf(events);
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    switch (req.getRequestType()) {
      case Event -> {
        String type = ((EventRequest) req).getEventType();
        if (type == null || !events.contains(type)) {
          return acked(req);
        }
      }
      case BlockAction -> {
        List<BlockActionPayload.Action> actions =
            ((BlockActionRequest) req).getPayload().getActions();
        // Slack sends one action per click; any other count is nothing Nudge rendered.
        if (actions == null || actions.size() != 1) {
          return acked(req);
        }
      }
      case BlockSuggestion, DialogSuggestion -> {
        log.debug("Answered a Slack {} with no options", req.getRequestType());
        return Response.json(200, NO_OPTIONS);
      }
      case GlobalShortcut,
          MessageShortcut,
          AttachmentAction,
          DialogSubmission,
          DialogCancellation,
          WorkflowStepEdit,
          WorkflowStepSave,
          WorkflowStepExecute -> {
        return acked(req);
      }
      default -> {
        // Nudge listens for it.
      }
    }
    return chain.next(req);
  }

  private static Response acked(Request<?> req) {
    log.debug("Acked a Slack {} that Nudge does not listen for", req.getRequestType());
    return Response.ok();
  }
}
