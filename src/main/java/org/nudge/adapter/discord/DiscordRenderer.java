package org.nudge.adapter.discord;

import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.actionrow.ActionRowChildComponent;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.nudge.chart.TrendPng;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the engine's {@link Message} and {@link Form} as Discord messages, components and modals,
 * within Discord's limits. Long text is split into several messages, never cut short; actions go
 * under the last piece. Every message carries allowed mentions that list only the users the engine
 * mentions itself ({@link org.nudge.engine.model.LiveMentions}), so nothing in a member's words (an
 * {@code @everyone}, a role, another member) pings anyone.
 */
final class DiscordRenderer {

  private static final Logger log = LoggerFactory.getLogger(DiscordRenderer.class);

  static final int MAX_CONTENT = 2000;
  static final int MAX_EMBED_DESCRIPTION = 4096;
  static final int MAX_ROWS = 5;
  static final int MAX_BUTTONS_PER_ROW = 5;
  static final int MAX_OPTIONS = 25;
  static final int MAX_FIELDS = 5;
  static final int MAX_EMBED_FIELDS = 25;
  static final int MAX_FIELD_VALUE = MessageEmbed.VALUE_MAX_LENGTH;
  static final int MAX_EMBED_TOTAL = MessageEmbed.EMBED_MAX_LENGTH_BOT;
  static final int MAX_FILES = 10;

  /** Discord's limit for an attachment's description, which it shows as the image's alt text. */
  static final int MAX_ALT_TEXT = 1024;

  /** Discord takes 10 MiB of files per message from a bot in an unboosted server. */
  static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private static final Color NUDGE_GREEN = new Color(0x3BA55D);

  private final ComponentIds ids;

  DiscordRenderer(ComponentIds ids) {
    this.ids = ids;
  }

  /**
   * A reply or a DM: text as message content in pieces of at most 2,000 characters, components
   * under the last. {@code recipient} is the user id the form buttons are cached for.
   */
  List<MessageCreateData> asContent(Message message, String recipient) {
    if (message.hasLayout()) {
      return structured(message, recipient);
    }
    List<String> pieces =
        message.text().isEmpty()
            ? List.of()
            : TextSplitter.split(DiscordText.outbound(message.text()), MAX_CONTENT);
    Set<String> live = DiscordText.liveMentions(message.text());
    List<List<ActionRow>> rows = rowsInMessages(message.actions(), recipient);
    List<MessageCreateData> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      MessageCreateBuilder b =
          quiet(new MessageCreateBuilder().setContent(pieces.get(i))).mentionUsers(live);
      if (i == pieces.size() - 1 && !rows.isEmpty()) {
        b.setComponents(rows.remove(0));
      }
      out.add(b.build());
    }
    for (List<ActionRow> more : rows) {
      out.add(quiet(new MessageCreateBuilder().setComponents(more)).build());
    }
    return withFiles(out, message);
  }

  /**
   * A channel post (digest, shared win, notice): the text in embeds of at most 4,096 characters,
   * one per message; the users the engine mentions are also named in the first one's content, so
   * those people (and only they) are pinged.
   */
  List<MessageCreateData> asEmbeds(Message message) {
    if (message.hasLayout()) {
      return structured(message, "*");
    }
    String text = DiscordText.outbound(message.text());
    List<String> pieces = TextSplitter.split(text, MAX_EMBED_DESCRIPTION);
    List<List<ActionRow>> rows = rowsInMessages(message.actions(), "*");
    Set<String> live = DiscordText.liveMentions(message.text());
    List<MessageCreateData> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      MessageEmbed embed =
          new EmbedBuilder().setColor(NUDGE_GREEN).setDescription(pieces.get(i)).build();
      MessageCreateBuilder b = quiet(new MessageCreateBuilder().setEmbeds(embed));
      if (i == 0 && !live.isEmpty()) {
        // Mentions in an embed never ping: whom the engine mentions is named in the content too.
        List<String> names = live.stream().map(user -> "<@" + user + ">").toList();
        b.setContent(String.join(" ", names)).mentionUsers(live);
      }
      if (i == pieces.size() - 1 && !rows.isEmpty()) {
        b.setComponents(rows.remove(0));
      }
      out.add(b.build());
    }
    for (List<ActionRow> more : rows) {
      out.add(quiet(new MessageCreateBuilder().setComponents(more)).build());
    }
    return withFiles(out, message);
  }

  /**
   * A structured message (a digest) as embeds: the title as the embed's title, each section as
   * fields named by its heading. A field holds whole lines up to Discord's 1,024 characters and
   * continues in a field named "(cont.)"; a line longer than that is split at words. An embed holds
   * at most 25 fields and 6,000 characters, so a long digest continues in another embed, one embed
   * per message (the 6,000 characters are per message). Actions go under the last.
   */
  private List<MessageCreateData> structured(Message message, String recipient) {
    List<MessageEmbed> embeds = new ArrayList<>();
    String title =
        message.title() == null ? null : fit(plain(message.title()), MessageEmbed.TITLE_MAX_LENGTH);
    EmbedBuilder embed = new EmbedBuilder().setColor(NUDGE_GREEN).setTitle(title);
    int size = title == null ? 0 : title.length();
    int fields = 0;
    for (Message.Section section : message.sections()) {
      String name = fit(plain(section.heading()), MessageEmbed.TITLE_MAX_LENGTH - 9);
      List<String> values = fieldValues(section);
      for (int i = 0; i < values.size(); i++) {
        String fieldName = i == 0 ? name : name + " (cont.)";
        String value = values.get(i);
        if (fields == MAX_EMBED_FIELDS
            || size + fieldName.length() + value.length() > MAX_EMBED_TOTAL) {
          embeds.add(embed.build());
          embed = new EmbedBuilder().setColor(NUDGE_GREEN);
          size = 0;
          fields = 0;
        }
        embed.addField(fieldName, value, false);
        size += fieldName.length() + value.length();
        fields++;
      }
    }
    if (!embed.isEmpty()) {
      embeds.add(embed.build());
    }
    if (message.chart() != null && !embeds.isEmpty()) {
      // The embed shows the picture attached to its own message (Discord's attachment:// scheme).
      embeds.set(
          0,
          new EmbedBuilder(embeds.get(0))
              .setImage("attachment://" + message.chart().fileName())
              .build());
    }
    List<List<ActionRow>> rows = rowsInMessages(message.actions(), recipient);
    List<MessageCreateData> out = new ArrayList<>();
    for (int i = 0; i < embeds.size(); i++) {
      MessageCreateBuilder b = quiet(new MessageCreateBuilder().setEmbeds(embeds.get(i)));
      if (i == 0 && message.chart() != null) {
        b.addFiles(
            FileUpload.fromData(TrendPng.draw(message.chart()), message.chart().fileName())
                .setDescription(fit(message.chart().altText(), MAX_ALT_TEXT)));
      }
      if (i == embeds.size() - 1 && !rows.isEmpty()) {
        b.setComponents(rows.remove(0));
      }
      out.add(b.build());
    }
    for (List<ActionRow> more : rows) {
      out.add(quiet(new MessageCreateBuilder().setComponents(more)).build());
    }
    return withFiles(out, message);
  }

  /** A section's lines as field values of at most 1,024 characters, never cutting a line short. */
  static List<String> fieldValues(Message.Section section) {
    List<String> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : section.lines()) {
      for (String part : TextSplitter.split(DiscordText.outbound(line), MAX_FIELD_VALUE)) {
        if (current.length() > 0 && current.length() + 1 + part.length() > MAX_FIELD_VALUE) {
          values.add(current.toString());
          current = new StringBuilder();
        }
        if (current.length() > 0) {
          current.append('\n');
        }
        current.append(part);
      }
    }
    if (current.length() > 0 || values.isEmpty()) {
      values.add(current.length() > 0 ? current.toString() : "—");
    }
    return values;
  }

  /**
   * The message's files on its last piece (a message with nothing but files if there are no
   * pieces), within Discord's ten files and 10 MiB; a file beyond those is named in a line instead
   * of being sent half.
   */
  private static List<MessageCreateData> withFiles(List<MessageCreateData> out, Message message) {
    if (message.attachments().isEmpty()) {
      return out;
    }
    List<FileUpload> files = new ArrayList<>();
    List<String> left = new ArrayList<>();
    long bytes = 0;
    for (Message.Attachment file : message.attachments()) {
      byte[] data = file.content().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (files.size() == MAX_FILES || bytes + data.length > MAX_FILE_BYTES) {
        left.add(file.fileName());
        continue;
      }
      bytes += data.length;
      files.add(FileUpload.fromData(data, file.fileName()));
    }
    List<MessageCreateData> result = new ArrayList<>(out);
    MessageCreateBuilder last =
        result.isEmpty()
            ? quiet(new MessageCreateBuilder())
            : MessageCreateBuilder.from(result.remove(result.size() - 1));
    last.addFiles(files);
    if (!left.isEmpty()) {
      String note =
          "(Too large for Discord, not attached: "
              + String.join(", ", left)
              + ". The console or Slack can deliver it.)";
      String content = last.getContent();
      last.setContent(content.isEmpty() ? note : content + "\n" + note);
    }
    result.add(last.build());
    return result;
  }

  /** Engine markup removed, for titles and field names, which show no markdown. */
  private static String plain(String text) {
    return text.replaceAll("(?<!\\w)\\*([^*\n]+)\\*(?!\\w)", "$1");
  }

  /**
   * The form as a modal: up to five text inputs, each under its label; a label longer than
   * Discord's 45 characters (a reflection question) is shown whole as text above its input, within
   * Discord's five components.
   */
  Modal modal(Form form) {
    if (form.fields().size() > MAX_FIELDS) {
      log.warn(
          "Form {} has {} fields; Discord shows {}", form.id(), form.fields().size(), MAX_FIELDS);
    }
    Modal.Builder modal =
        Modal.create(ids.modal(form.id()), fit(form.title(), Modal.MAX_TITLE_LENGTH));
    int components = 0;
    for (Form.Field field : form.fields().subList(0, Math.min(MAX_FIELDS, form.fields().size()))) {
      int needed = field.label().length() <= Label.LABEL_MAX_LENGTH ? 1 : 2;
      if (components + needed > MAX_FIELDS) {
        log.warn(
            "Form {} doesn't fit in a Discord modal; fields after {} left out",
            form.id(),
            components);
        break;
      }
      components += needed;
      int max =
          field.maxLength() <= 0
              ? TextInput.MAX_VALUE_LENGTH
              : Math.min(field.maxLength(), TextInput.MAX_VALUE_LENGTH);
      TextInput.Builder input =
          TextInput.create(
                  field.id(), field.multiline() ? TextInputStyle.PARAGRAPH : TextInputStyle.SHORT)
              .setRequired(field.required())
              .setMaxLength(max);
      if (field.initial() != null && !field.initial().isBlank()) {
        input.setValue(fit(field.initial(), max));
      }
      if (field.label().length() <= Label.LABEL_MAX_LENGTH) {
        modal.addComponents(Label.of(field.label(), input.build()));
      } else {
        // A reflection question is often longer than a label: show it whole above the input.
        modal.addComponents(
            TextDisplay.of(DiscordText.outbound(field.label())),
            Label.of(field.required() ? "Your answer" : "Your answer (optional)", input.build()));
      }
    }
    return modal.build();
  }

  /**
   * A stand-in for a modal that can't be opened (after a deferred reply, or in answer to typed
   * text): a button that opens it on click.
   */
  Message formButton(Message message, Form form) {
    List<Action> actions = new ArrayList<>(message.actions());
    actions.add(new Action.OpenForm(form.id(), form.title(), form));
    String text = message.text().isEmpty() ? "Click below to open the form." : message.text();
    return new Message(text, actions);
  }

  /**
   * Action rows in the order of the actions (neighbouring buttons share a row, a choice has its
   * own), at most five per message; more go to further messages rather than be lost.
   */
  private List<List<ActionRow>> rowsInMessages(List<Action> actions, String recipient) {
    List<ActionRow> rows = new ArrayList<>();
    List<ActionRowChildComponent> buttons = new ArrayList<>();
    for (Action action : actions) {
      if (action instanceof Action.Choice choice) {
        flush(buttons, rows);
        rows.addAll(selectRows(choice));
      } else {
        buttons.add(button(action, recipient));
        if (buttons.size() == MAX_BUTTONS_PER_ROW) {
          flush(buttons, rows);
        }
      }
    }
    flush(buttons, rows);
    List<List<ActionRow>> messages = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += MAX_ROWS) {
      messages.add(new ArrayList<>(rows.subList(i, Math.min(rows.size(), i + MAX_ROWS))));
    }
    return messages;
  }

  private static void flush(List<ActionRowChildComponent> buttons, List<ActionRow> rows) {
    if (!buttons.isEmpty()) {
      rows.add(ActionRow.of(List.copyOf(buttons)));
      buttons.clear();
    }
  }

  private Button button(Action action, String recipient) {
    if (action instanceof Action.Button b) {
      String label = fit(b.label(), Button.LABEL_MAX_LENGTH);
      String id = ids.button(b.id(), b.value());
      return b.primary() ? Button.primary(id, label) : Button.secondary(id, label);
    }
    Action.OpenForm open = (Action.OpenForm) action;
    return Button.primary(
        ids.openForm(open.id(), open.form(), recipient),
        fit(open.label(), Button.LABEL_MAX_LENGTH));
  }

  private List<ActionRow> selectRows(Action.Choice choice) {
    List<ActionRow> rows = new ArrayList<>();
    List<Action.Option> options = choice.options();
    int parts = Math.max(1, (options.size() + MAX_OPTIONS - 1) / MAX_OPTIONS);
    for (int part = 0; part < parts; part++) {
      List<Action.Option> slice =
          options.subList(part * MAX_OPTIONS, Math.min(options.size(), (part + 1) * MAX_OPTIONS));
      String placeholder =
          parts == 1
              ? choice.placeholder()
              : choice.placeholder() + " (" + (part + 1) + "/" + parts + ")";
      StringSelectMenu.Builder menu =
          StringSelectMenu.create(ids.choice(choice.id()) + (part == 0 ? "" : "|" + part))
              .setPlaceholder(fit(placeholder, 150));
      for (Action.Option option : slice) {
        menu.addOption(fit(option.label(), 100), option.value());
      }
      rows.add(ActionRow.of(menu.build()));
    }
    return rows;
  }

  /**
   * No pings at all, unless a caller then names the users the engine mentions: Discord reads
   * nothing else in the text as a mention to notify.
   */
  private static MessageCreateBuilder quiet(MessageCreateBuilder builder) {
    return builder.setAllowedMentions(EnumSet.noneOf(MentionType.class));
  }

  /** Engine-written labels and titles only; user text is split, never cut. */
  private static String fit(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
