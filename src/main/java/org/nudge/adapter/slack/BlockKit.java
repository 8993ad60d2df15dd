package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Message;

/**
 * Renders the engine's {@link Message}s and {@link Form}s as Block Kit JSON within Slack's limits:
 * sections of at most 3,000 characters cut at line or word boundaries (a code block cut in two is
 * closed and reopened, so each part still shows as code), at most 50 blocks per message (longer
 * text becomes several messages, the actions under the last), 25 elements per actions block, and
 * the length limits of labels, values and modal titles. Action ids and values travel unchanged, so
 * a click comes back to the engine as the action it sent.
 *
 * <p>A structured message (a digest) becomes a header block with its title (plain text, at most 150
 * characters, shortened at a word) and, per section, a section block opening with the heading in
 * bold, with dividers between sections. A section over 3,000 characters continues in further
 * blocks, split between its lines (a single overlong line at a word), never inside one.
 */
final class BlockKit {

  static final int SECTION_CHARS = 3000;
  static final int BLOCKS_PER_MESSAGE = 50;
  static final int ELEMENTS_PER_ACTIONS = 25;
  static final int OPTIONS_PER_SELECT = 100;
  static final int MODAL_BLOCKS = 100;
  static final int HEADER_CHARS = 150;

  private static final ObjectMapper JSON = new ObjectMapper();

  private BlockKit() {}

  /** One Slack message: notification text and the blocks as a JSON array. */
  record Rendered(String fallback, ArrayNode blocks) {
    String blocksJson() {
      return blocks.toString();
    }

    /** The message as a payload for an ack or a {@code response_url}: ephemeral to its user. */
    ObjectNode ephemeral() {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("response_type", "ephemeral");
      payload.put("replace_original", false);
      payload.put("text", fallback);
      payload.set("blocks", blocks);
      return payload;
    }
  }

  /**
   * The message as one or more Slack messages (several only when the text needs over 50 blocks).
   */
  static List<Rendered> render(Message message) {
    List<ObjectNode> blocks = new ArrayList<>();
    String text = SlackText.toSlack(message.text());
    if (message.hasLayout()) {
      blocks.addAll(layout(message));
    } else if (!text.isBlank()) {
      for (String piece : TextSplitter.splitKeepingCode(text, SECTION_CHARS)) {
        if (!piece.isBlank()) {
          blocks.add(section(piece));
        }
      }
    }
    List<ObjectNode> actionBlocks = actions(message.actions());
    List<Rendered> messages = new ArrayList<>();
    List<ObjectNode> current = new ArrayList<>();
    for (ObjectNode block : blocks) {
      if (current.size() == BLOCKS_PER_MESSAGE) {
        messages.add(rendered(current));
        current = new ArrayList<>();
      }
      current.add(block);
    }
    if (current.size() + actionBlocks.size() > BLOCKS_PER_MESSAGE) {
      messages.add(rendered(current));
      current = new ArrayList<>();
    }
    current.addAll(actionBlocks);
    if (!current.isEmpty()) {
      messages.add(rendered(current));
    }
    return messages;
  }

  /** The header, then each section's blocks, with a divider between sections. */
  private static List<ObjectNode> layout(Message message) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (message.title() != null && !message.title().isBlank()) {
      ObjectNode header = JSON.createObjectNode();
      header.put("type", "header");
      header.set("text", plain(words(plainTitle(message.title()), HEADER_CHARS), HEADER_CHARS));
      blocks.add(header);
    }
    boolean first = true;
    for (Message.Section section : message.sections()) {
      if (!first) {
        ObjectNode divider = JSON.createObjectNode();
        divider.put("type", "divider");
        blocks.add(divider);
      }
      first = false;
      for (String piece : sectionPieces(section)) {
        blocks.add(section(piece));
      }
    }
    return blocks;
  }

  /**
   * The section's mrkdwn in pieces of at most 3,000 characters: whole lines together, the heading
   * on the first; a line longer than a piece is split at words by {@link TextSplitter}.
   */
  static List<String> sectionPieces(Message.Section section) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder("*" + SlackText.toSlack(section.heading()) + "*");
    for (String line : section.lines()) {
      for (String part : TextSplitter.split(SlackText.toSlack(line), SECTION_CHARS)) {
        if (current.length() > 0 && current.length() + 1 + part.length() > SECTION_CHARS) {
          pieces.add(current.toString());
          current = new StringBuilder();
        }
        if (current.length() > 0) {
          current.append('\n');
        }
        current.append(part);
      }
    }
    if (current.length() > 0) {
      pieces.add(current.toString());
    }
    return pieces;
  }

  private static String plainTitle(String title) {
    return title.replaceAll("(?<!\\w)\\*([^*\n]+)\\*(?!\\w)", "$1");
  }

  /** At most {@code max} characters, shortened at a word with an ellipsis when longer. */
  static String words(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    return (cut > 0 ? text.substring(0, cut).stripTrailing() : "") + "…";
  }

  private static Rendered rendered(List<ObjectNode> blocks) {
    ArrayNode array = JSON.createArrayNode();
    StringBuilder fallback = new StringBuilder();
    for (ObjectNode block : blocks) {
      array.add(block);
      String type = block.path("type").asText();
      // The fallback is mrkdwn (notifications read it): section text is escaped already, plain
      // text (a header, labels) is escaped here.
      if (type.equals("section") && fallback.length() == 0) {
        fallback.append(block.path("text").path("text").asText());
      } else if (type.equals("header") && fallback.length() == 0) {
        fallback.append(SlackText.escape(block.path("text").path("text").asText()));
      }
    }
    if (fallback.length() == 0) {
      fallback.append(SlackText.escape(actionLabels(blocks)));
    }
    return new Rendered(SlackText.clip(fallback.toString(), SECTION_CHARS), array);
  }

  private static String actionLabels(List<ObjectNode> blocks) {
    List<String> labels = new ArrayList<>();
    for (ObjectNode block : blocks) {
      block
          .path("elements")
          .forEach(
              element -> {
                String label =
                    element.has("text")
                        ? element.path("text").path("text").asText()
                        : element.path("placeholder").path("text").asText();
                if (!label.isEmpty()) {
                  labels.add(label);
                }
              });
    }
    return labels.isEmpty() ? "Nudge" : String.join(" · ", labels);
  }

  static ObjectNode section(String mrkdwn) {
    ObjectNode section = JSON.createObjectNode();
    section.put("type", "section");
    ObjectNode text = section.putObject("text");
    text.put("type", "mrkdwn");
    text.put("text", mrkdwn);
    return section;
  }

  private static List<ObjectNode> actions(List<Action> actions) {
    List<ObjectNode> blocks = new ArrayList<>();
    ObjectNode block = null;
    for (Action action : actions) {
      if (block == null || block.path("elements").size() == ELEMENTS_PER_ACTIONS) {
        block = JSON.createObjectNode();
        block.put("type", "actions");
        block.putArray("elements");
        blocks.add(block);
      }
      ((ArrayNode) block.get("elements")).add(element(action));
    }
    return blocks;
  }

  private static ObjectNode element(Action action) {
    ObjectNode element = JSON.createObjectNode();
    if (action instanceof Action.Button button) {
      element.put("type", "button");
      element.set("text", plain(button.label(), 75));
      element.put("action_id", SlackText.clip(button.id(), 255));
      if (button.value() != null && !button.value().isEmpty()) {
        element.put("value", SlackText.clip(button.value(), 2000));
      }
      if (button.primary()) {
        element.put("style", "primary");
      }
    } else if (action instanceof Action.Choice choice) {
      element.put("type", "static_select");
      element.put("action_id", SlackText.clip(choice.id(), 255));
      element.set("placeholder", plain(choice.placeholder(), 150));
      ArrayNode options = element.putArray("options");
      for (Action.Option option : choice.options()) {
        if (options.size() == OPTIONS_PER_SELECT) {
          break;
        }
        ObjectNode node = options.addObject();
        node.set("text", plain(option.label(), 75));
        node.put("value", SlackText.clip(option.value(), 150));
      }
    } else {
      Action.OpenForm open = (Action.OpenForm) action;
      element.put("type", "button");
      element.set("text", plain(open.label(), 75));
      element.put("action_id", SlackText.clip(open.id(), 255));
      element.put("style", "primary");
      Optional<String> value = FormCodec.encode(open.form());
      value.ifPresent(v -> element.put("value", v));
    }
    return element;
  }

  static ObjectNode plain(String text, int max) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "plain_text");
    node.put("text", SlackText.clip(text == null || text.isBlank() ? "…" : text, max));
    node.put("emoji", true);
    return node;
  }

  /**
   * A modal for {@code form}: {@code callback_id} is the form id and each field is an input block
   * whose block id and action id are the field id, so a submission maps straight back to values by
   * field id. {@code privateMetadata} travels back with the submission.
   */
  static ObjectNode modal(Form form, String privateMetadata) {
    ObjectNode view = JSON.createObjectNode();
    view.put("type", "modal");
    view.put("callback_id", SlackText.clip(form.id(), 255));
    view.set("title", plain(form.title(), 24));
    view.set("submit", plain(form.submitLabel(), 24));
    view.set("close", plain("Cancel", 24));
    if (privateMetadata != null) {
      view.put("private_metadata", SlackText.clip(privateMetadata, 3000));
    }
    ArrayNode blocks = view.putArray("blocks");
    for (Form.Field field : form.fields()) {
      if (blocks.size() == MODAL_BLOCKS) {
        break;
      }
      ObjectNode input = blocks.addObject();
      input.put("type", "input");
      input.put("block_id", SlackText.clip(field.id(), 255));
      input.put("optional", !field.required());
      input.set("label", plain(field.label(), 2000));
      ObjectNode element = input.putObject("element");
      element.put("type", "plain_text_input");
      element.put("action_id", SlackText.clip(field.id(), 255));
      element.put("multiline", field.multiline());
      if (field.maxLength() > 0) {
        element.put("max_length", Math.min(field.maxLength(), 3000));
      }
      if (field.initial() != null && !field.initial().isEmpty()) {
        element.put("initial_value", field.initial());
      }
    }
    return view;
  }

  /** A modal that shows the engine's answer after a submission (it replaces the form). */
  static ObjectNode answerModal(String title, Message message) {
    ObjectNode view = JSON.createObjectNode();
    view.put("type", "modal");
    view.set("title", plain(title, 24));
    view.set("close", plain("Close", 24));
    ArrayNode blocks = view.putArray("blocks");
    for (Rendered rendered : render(message)) {
      for (var block : rendered.blocks()) {
        if (blocks.size() < MODAL_BLOCKS) {
          blocks.add(block);
        }
      }
    }
    return view;
  }

  static ObjectMapper json() {
    return JSON;
  }
}
