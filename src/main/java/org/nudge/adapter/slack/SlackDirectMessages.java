package org.nudge.adapter.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import java.time.Clock;
import org.nudge.adapter.slack.SlackHandlers.SlackEngine;
import org.nudge.adapter.slack.SlackPayloads.DirectMessage;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.http.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages members send in their DM with Nudge: answers to a conversation, and files (a lead's
 * import). Acked at once; read in the member's order, through the shared inbox when several nodes
 * share the database, else on this node's member lanes.
 */
final class SlackDirectMessages {

  private static final Logger log = LoggerFactory.getLogger(SlackDirectMessages.class);

  private final SlackEngine engine;
  private final SharedInbox inbox;
  private final Store store;
  private final Clock clock;
  private final EngineQueue queue;
  private final SlackReplies replies;
  private final SlackFiles files;
  private final Metrics.Counter directMessages;
  private final Metrics.Counter duplicates;

  /** {@code inbox} is null on a node alone. */
  SlackDirectMessages(
      SlackEngine engine,
      SharedInbox inbox,
      Store store,
      Clock clock,
      EngineQueue queue,
      SlackReplies replies,
      SlackFiles files,
      Metrics.Counter directMessages,
      Metrics.Counter duplicates) {
    this.engine = engine;
    this.inbox = inbox;
    this.store = store;
    this.clock = clock;
    this.queue = queue;
    this.replies = replies;
    this.files = files;
    this.directMessages = directMessages;
    this.duplicates = duplicates;
  }

  Response directText(EventsApiPayload<MessageEvent> payload) {
    return SlackPayloads.directText(payload).map(this::direct).orElseGet(Response::ok);
  }

  /**
   * A file shared in the DM with Nudge: the first file is fetched ({@code files.info}, then its
   * {@code url_private_download} with the bot token) and handed to the engine as an upload, which a
   * lead's {@code /nudge import} waits for; text sent with the file is read as any message is.
   */
  Response directFiles(EventsApiPayload<MessageFileShareEvent> payload, String botUserId) {
    return SlackPayloads.directFiles(payload, botUserId).map(this::direct).orElseGet(Response::ok);
  }

  private Response direct(DirectMessage message) {
    // A file is fetched on the node that received it (the inbox stores no file), so a DM with a
    // file takes the node's own path: its order holds on this node only.
    if (inbox != null && message.inbound().isPresent() && message.fileId() == null) {
      switch (inbox.acceptDirect(QueuedInput.directMessage(message), clock.instant())) {
        case QUEUED:
          return Response.ok();
        case DUPLICATE:
          duplicates.increment();
          return Response.ok();
        default:
          return Response.error(500);
      }
    }
    if (queue.afterAck(message.user(), () -> handleDirect(message))) {
      return Response.ok();
    }
    // Too busy or shutting down: answer 500 so that Slack delivers it again later, or to another
    // node.
    return Response.error(500);
  }

  /**
   * The answers to a message's text and to its file, in one post; a reply with a form or buttons is
   * kept whole instead, as the file's answer (an import's Confirm) matters more.
   */
  private static Reply together(Reply said, Reply uploaded) {
    if (said.form() != null || !said.message().actions().isEmpty() || uploaded.form() != null) {
      return uploaded;
    }
    return Reply.of(
        new Message(
            said.message().text() + "\n\n" + uploaded.message().text(),
            uploaded.message().actions()));
  }

  private void handleDirect(DirectMessage message) {
    String eventId = message.eventId();
    Reply reply;
    // The file is fetched before the transaction, which must not wait on the network.
    SlackFiles.Fetched file = message.fileId() == null ? null : files.fetch(message);
    if (file != null && file.problem() != null) {
      if (!store.inTransaction(
          tx ->
              eventId == null
                  || tx.keyValues()
                      .firstDelivery(SlackAdapter.PLATFORM, eventId, clock.instant()))) {
        duplicates.increment();
        return;
      }
      replies.direct(message, Reply.text(file.problem()), false);
      return;
    }
    try {
      reply =
          store.inTransaction(
              tx -> {
                if (eventId != null
                    && !tx.keyValues()
                        .firstDelivery(SlackAdapter.PLATFORM, eventId, clock.instant())) {
                  return null;
                }
                if (file != null) {
                  Reply said = message.inbound().map(engine::handle).orElse(null);
                  Reply uploaded = engine.handle(file.upload());
                  return said == null ? uploaded : together(said, uploaded);
                }
                return message.inbound().map(engine::handle).orElseGet(() -> Reply.text(""));
              });
    } catch (RuntimeException e) {
      log.error("A Slack direct message could not be handled: {}", e.getClass().getName());
      reply = Reply.text(SlackReplies.SORRY + " (your message was not read)");
    }
    if (reply == null) {
      duplicates.increment();
      return;
    }
    directMessages.increment();
    queue.wakeOutbox();
    replies.direct(message, reply, file == null);
  }
}
