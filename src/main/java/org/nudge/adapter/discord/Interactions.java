package org.nudge.adapter.discord;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Discord events into the engine's {@link Inbound}s: slash commands (rebuilt into the text
 * the engine parses), button clicks and menu choices, modal submissions, and text typed in a DM.
 * Every interaction gets an ephemeral answer through the {@link Responder}.
 */
final class Interactions extends ListenerAdapter {

  private static final Logger log = LoggerFactory.getLogger(Interactions.class);
  static final String NO_SERVER =
      "I don't know which server you're in yet. Use any Nudge command in your server once"
          + " (like `/nudge help`), then DMs with me work too.";

  private final SlashCommands commands;
  private final Responder responder;
  private final DiscordRenderer renderer;
  private final ComponentIds ids;
  private final DiscordDirectory directory;
  private final Workspaces workspaces;
  private final Store store;
  private final Clock clock;
  private final DiscordFiles files;

  Interactions(
      SlashCommands commands,
      Responder responder,
      DiscordRenderer renderer,
      ComponentIds ids,
      DiscordDirectory directory,
      Workspaces workspaces,
      Store store,
      Clock clock,
      DiscordFiles files) {
    this.files = files;
    this.commands = commands;
    this.responder = responder;
    this.renderer = renderer;
    this.ids = ids;
    this.directory = directory;
    this.workspaces = workspaces;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    Optional<UserRef> user = user(event);
    if (user.isEmpty()) {
      event.reply(NO_SERVER).setEphemeral(true).queue();
      return;
    }
    String workspace = user.get().workspace();
    for (OptionMapping option : event.getOptions()) {
      if (option.getType() == OptionType.USER) {
        directory.remember(workspace, option.getAsUser(), option.getAsMember());
      }
    }
    SlashCommands.Invocation invocation =
        commands.toText(
            event.getName(),
            event.getSubcommandGroup(),
            event.getSubcommandName(),
            event::getOption);
    String channel = event.isFromGuild() ? event.getChannelId() : null;
    Inbound.Command command =
        new Inbound.Command(user.get(), invocation.name(), invocation.text(), channel);
    Optional<net.dv8tion.jda.api.entities.Message.Attachment> file =
        event.getOptions().stream()
            .filter(o -> o.getType() == OptionType.ATTACHMENT)
            .map(OptionMapping::getAsAttachment)
            .findFirst();
    if (file.isPresent()) {
      net.dv8tion.jda.api.entities.Message.Attachment attachment = file.get();
      if (attachment.getSize() > org.nudge.engine.imports.RosterFile.MAX_BYTES) {
        event
            .reply(
                "That file is larger than 5 MB, so I didn't read it; split it and send the parts"
                    + " one at a time.")
            .setEphemeral(true)
            .queue();
        return;
      }
      responder.respondToUpload(
          event,
          command,
          attachment.getFileName(),
          () -> files.download(attachment.getUrl(), org.nudge.engine.imports.RosterFile.MAX_BYTES));
      return;
    }
    responder.respond(event, command, true);
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    Optional<UserRef> user = user(event);
    if (user.isEmpty()) {
      event.reply(NO_SERVER).setEphemeral(true).queue();
      return;
    }
    ComponentIds.Decoded decoded = ids.decode(event.getComponentId());
    switch (decoded.kind()) {
      case FORM -> {
        Optional<Form> form = ids.cachedForm(decoded.id(), event.getUser().getId());
        if (form.isPresent()) {
          event.replyModal(renderer.modal(form.get())).queue();
        } else {
          // Not cached here (restart, another node): the engine offers the form again.
          responder.respond(event, new Inbound.ActionInvoked(user.get(), decoded.id(), ""), true);
        }
      }
      case BUTTON ->
          responder.respond(
              event, new Inbound.ActionInvoked(user.get(), decoded.id(), decoded.value()), true);
      default -> event.reply(Expired.BUTTON).setEphemeral(true).queue();
    }
  }

  @Override
  public void onStringSelectInteraction(StringSelectInteractionEvent event) {
    Optional<UserRef> user = user(event);
    if (user.isEmpty()) {
      event.reply(NO_SERVER).setEphemeral(true).queue();
      return;
    }
    ComponentIds.Decoded decoded = ids.decode(event.getComponentId());
    if (decoded.kind() != ComponentIds.Kind.CHOICE || event.getValues().isEmpty()) {
      event.reply(Expired.BUTTON).setEphemeral(true).queue();
      return;
    }
    responder.respond(
        event, new Inbound.ActionInvoked(user.get(), decoded.id(), event.getValues().get(0)), true);
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    Optional<UserRef> user = user(event);
    if (user.isEmpty()) {
      event.reply(NO_SERVER).setEphemeral(true).queue();
      return;
    }
    ComponentIds.Decoded decoded = ids.decode(event.getModalId());
    if (decoded.kind() != ComponentIds.Kind.MODAL) {
      event.reply(Expired.FORM).setEphemeral(true).queue();
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ModalMapping field : event.getValues()) {
      values.put(field.getCustomId(), DiscordText.inbound(field.getAsString()));
    }
    responder.respond(event, new Inbound.FormSubmitted(user.get(), decoded.id(), values), false);
  }

  /** Text typed in a DM with Nudge: an answer for the engine's open conversation, if any. */
  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    if (!event.isFromType(ChannelType.PRIVATE)
        || event.getAuthor().isBot()
        || event.getAuthor().isSystem()) {
      return;
    }
    String messageId = event.getMessageId();
    boolean first =
        store.inTransaction(
            tx ->
                tx.keyValues()
                    .firstDelivery(
                        DiscordAdapter.PLATFORM, "message:" + messageId, clock.instant()));
    if (!first) {
      return;
    }
    String userId = event.getAuthor().getId();
    Optional<String> workspace = workspaces.forDirect(userId);
    if (workspace.isEmpty()) {
      sendAll(event, List.of(renderer.asContent(Message.text(NO_SERVER), userId).get(0)));
      return;
    }
    directory.remember(null, event.getAuthor(), null);
    UserRef user = new UserRef(DiscordAdapter.PLATFORM, workspace.get(), userId);
    String text = DiscordText.inbound(event.getMessage().getContentRaw());
    responder
        .handle(new Inbound.DirectText(user, text))
        .thenAccept(
            reply -> {
              Message message = visible(reply);
              if (message != null) {
                sendAll(event, renderer.asContent(message, userId));
              }
            });
  }

  private Message visible(Reply reply) {
    if (reply.form() != null) {
      return renderer.formButton(reply.message(), reply.form());
    }
    return reply.isEmpty() ? null : reply.message();
  }

  private static void sendAll(MessageReceivedEvent event, List<MessageCreateData> pieces) {
    for (MessageCreateData piece : pieces) {
      event
          .getChannel()
          .sendMessage(piece)
          .queue(null, e -> log.warn("Discord DM answer failed: {}", e.toString()));
    }
  }

  /** The engine's user: in a server, that server; in a DM, by the {@link Workspaces} rule. */
  private Optional<UserRef> user(Interaction interaction) {
    String userId = interaction.getUser().getId();
    Optional<String> workspace =
        interaction.isFromGuild() && interaction.getGuild() != null
            ? Optional.of(interaction.getGuild().getId())
            : workspaces.forDirect(userId);
    workspace.ifPresent(w -> directory.remember(w, interaction.getUser(), interaction.getMember()));
    return workspace.map(w -> new UserRef(DiscordAdapter.PLATFORM, w, userId));
  }
}
