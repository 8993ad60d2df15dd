package org.nudge.adapter.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.UserRef;

/**
 * What Slack sent, in the engine's terms: pure functions from Bolt's payloads to {@link Inbound}s.
 * Nothing here calls Slack, the engine or the database, so each mapping is tested on its own
 * ({@code SlackPayloadsTest}); the listeners ({@link SlackHandlers}) decide when the engine runs.
 *
 * <p>Slack's markup becomes what the person saw ({@link SlackText#fromSlack}); user and channel
 * mentions stay references the engine reads.
 */
final class SlackPayloads {

  private SlackPayloads() {}

  /**
   * A slash command, named without its slash and in lower case. Its channel is null when it was
   * typed in a DM (a channel id starting with D), which the engine treats as private.
   */
  static Inbound.Command command(SlashCommandPayload payload) {
    String channel = payload.getChannelId();
    return new Inbound.Command(
        user(payload.getTeamId(), payload.getUserId()),
        payload.getCommand().substring(1).toLowerCase(Locale.ROOT),
        SlackText.fromSlack(payload.getText()).strip(),
        channel == null || channel.startsWith("D") ? null : channel);
  }

  /** What a click on a button or a choice in a menu asks for. */
  sealed interface Click {
    UserRef user();
  }

  /** A button that carries its form ({@link FormCodec}): it opens at once, without the engine. */
  record OpensForm(UserRef user, Form form) implements Click {}

  /** Anything else: an action for the engine, with the chosen option's value or the button's. */
  record Invokes(Inbound.ActionInvoked action) implements Click {
    @Override
    public UserRef user() {
      return action.user();
    }
  }

  /** The first (and, from Slack, only) action of a click. */
  static Click click(BlockActionPayload payload) {
    BlockActionPayload.Action clicked = payload.getActions().get(0);
    String team =
        payload.getTeam() != null ? payload.getTeam().getId() : payload.getUser().getTeamId();
    UserRef user = user(team, payload.getUser().getId());
    Optional<Form> carried = FormCodec.decode(clicked.getValue());
    if (carried.isPresent()) {
      return new OpensForm(user, carried.get());
    }
    String value =
        clicked.getSelectedOption() != null
            ? clicked.getSelectedOption().getValue()
            : clicked.getValue();
    return new Invokes(
        new Inbound.ActionInvoked(user, clicked.getActionId(), value == null ? "" : value));
  }

  /** A modal submitted: its callback id is the form's id, its inputs the values by field id. */
  static Inbound.FormSubmitted submission(ViewSubmissionPayload payload) {
    String team =
        payload.getTeam() != null ? payload.getTeam().getId() : payload.getUser().getTeamId();
    View view = payload.getView();
    return new Inbound.FormSubmitted(
        user(team, payload.getUser().getId()), view.getCallbackId(), values(view));
  }

  /** The title a modal's answer keeps: the submitted modal's own. */
  static String title(View view) {
    return view.getTitle() != null ? view.getTitle().getText() : "Nudge";
  }

  /** Values by field id: each input's block id and action id are the field id. */
  static Map<String, String> values(View view) {
    Map<String, String> values = new LinkedHashMap<>();
    if (view.getState() == null || view.getState().getValues() == null) {
      return values;
    }
    view.getState()
        .getValues()
        .forEach(
            (blockId, inputs) ->
                inputs.forEach(
                    (actionId, input) -> values.put(blockId, SlackText.fromSlack(text(input)))));
    return values;
  }

  private static String text(ViewState.Value input) {
    if (input == null) {
      return "";
    }
    if (input.getValue() != null) {
      return input.getValue();
    }
    if (input.getSelectedOption() != null) {
      return input.getSelectedOption().getValue();
    }
    return "";
  }

  /**
   * A message in the DM with Nudge, as Slack sent it.
   *
   * @param eventId Slack's id for the event, the same in every re-delivery of it
   * @param text what the member typed, null when they only sent files
   * @param threadTs the thread it was written in, or null; the answer goes to the same place
   * @param withFiles whether files came with it
   * @param fileId the first file that came with it, which Nudge reads as an upload, or null
   */
  record DirectMessage(
      String eventId,
      UserRef user,
      String text,
      String channel,
      String threadTs,
      boolean withFiles,
      String fileId) {

    /** What the engine reads, or empty when the member only sent files. */
    Optional<Inbound.DirectText> inbound() {
      return text == null
          ? Optional.empty()
          : Optional.of(new Inbound.DirectText(user, SlackText.fromSlack(text)));
    }
  }

  /**
   * A person's message in the DM with Nudge; empty for anything else Slack sends as a {@code
   * message} event (a channel message, a bot's, an edit without text).
   */
  static Optional<DirectMessage> directText(EventsApiPayload<MessageEvent> payload) {
    MessageEvent event = payload.getEvent();
    if (!"im".equals(event.getChannelType())
        || event.getBotId() != null
        || event.getUser() == null
        || event.getText() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new DirectMessage(
            payload.getEventId(),
            user(payload.getTeamId(), event.getUser()),
            event.getText(),
            event.getChannel(),
            event.getThreadTs(),
            false,
            null));
  }

  /**
   * A file a person shared in the DM with Nudge (a {@code message} with subtype {@code
   * file_share}), with the text sent along, if any; empty for a file elsewhere, or Nudge's own
   * upload (a lead's export, which arrives as {@code botUserId}'s).
   */
  static Optional<DirectMessage> directFiles(
      EventsApiPayload<MessageFileShareEvent> payload, String botUserId) {
    MessageFileShareEvent event = payload.getEvent();
    // Bolt's model of this event has no channel_type; a DM's channel id starts with D.
    if (event.getChannel() == null
        || !event.getChannel().startsWith("D")
        || event.getUser() == null
        || event.getUser().equals(botUserId)) {
      return Optional.empty();
    }
    String text = event.getText() == null || event.getText().isBlank() ? null : event.getText();
    return Optional.of(
        new DirectMessage(
            payload.getEventId(),
            user(payload.getTeamId(), event.getUser()),
            text,
            event.getChannel(),
            event.getThreadTs(),
            true,
            event.getFiles() == null || event.getFiles().isEmpty()
                ? null
                : event.getFiles().get(0).getId()));
  }

  static UserRef user(String team, String userId) {
    return new UserRef(SlackAdapter.PLATFORM, team, userId);
  }
}
