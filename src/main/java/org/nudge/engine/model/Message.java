package org.nudge.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What the engine says: text plus optional actions. Each adapter renders it natively (Block Kit,
 * JDA components, plain text in the console). Text uses a small markdown subset: {@code *bold*},
 * {@code _italic_} and line breaks.
 *
 * <p>A message may also carry structure, for platforms with a richer layout: a {@code title} and
 * {@link Section}s (Slack renders a header and section blocks, Discord an embed with fields). The
 * {@code text} is always the complete plain-text rendering of the same content, so an adapter that
 * ignores the structure (the console) loses nothing. {@link Attachment}s are files: uploaded where
 * the platform allows it, printed as text otherwise. They travel in outgoing messages (the outbox);
 * replies, which must be acknowledged within seconds, carry none. A {@link Chart} is figures each
 * platform draws (an image beside the text, a file path in the console); the text never depends on
 * it, so a platform that cannot show it loses nothing but the picture.
 */
public record Message(
    String text,
    List<Action> actions,
    String title,
    List<Section> sections,
    List<Attachment> attachments,
    Chart chart) {

  public Message {
    if (text == null) {
      throw new IllegalArgumentException("A message needs text.");
    }
    actions = actions == null ? List.of() : List.copyOf(actions);
    sections = sections == null ? List.of() : List.copyOf(sections);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A message of text and actions, with no structure or files (what most of Nudge sends). */
  public Message(String text, List<Action> actions) {
    this(text, actions, null, List.of(), List.of(), null);
  }

  /** A message with no chart. */
  public Message(
      String text,
      List<Action> actions,
      String title,
      List<Section> sections,
      List<Attachment> attachments) {
    this(text, actions, title, sections, attachments, null);
  }

  public static Message text(String text) {
    return new Message(text, List.of());
  }

  /**
   * A structured message whose {@code text} is rendered from the title and sections: the title in
   * bold, each section's heading in bold, then its lines.
   */
  public static Message structured(String title, List<Section> sections) {
    return new Message(plainText(title, sections), List.of(), title, sections, List.of(), null);
  }

  public Message withActions(Action... more) {
    return new Message(text, List.of(more), title, sections, attachments, chart);
  }

  public Message withAttachments(List<Attachment> files) {
    return new Message(text, actions, title, sections, files, chart);
  }

  public Message withChart(Chart picture) {
    return new Message(text, actions, title, sections, attachments, picture);
  }

  /** Whether the message has a title or sections for a richer layout. */
  public boolean hasLayout() {
    return title != null || !sections.isEmpty();
  }

  /** The complete plain-text rendering of a title and sections. */
  public static String plainText(String title, List<Section> sections) {
    List<String> parts = new ArrayList<>();
    if (title != null && !title.isBlank()) {
      parts.add("*" + title + "*");
    }
    for (Section section : sections) {
      parts.add(section.plainText());
    }
    return String.join("\n\n", parts);
  }

  /**
   * One part of a structured message: a heading and its lines. Each line is a unit a renderer may
   * move to the next block or message, but never cuts.
   */
  public record Section(String heading, List<String> lines) {
    public Section {
      if (heading == null || heading.isBlank()) {
        throw new IllegalArgumentException("A section needs a heading.");
      }
      lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static Section of(String heading, String... lines) {
      return new Section(heading, List.of(lines));
    }

    /** The heading in bold, then the lines, one per line. */
    public String plainText() {
      StringBuilder text = new StringBuilder("*").append(heading).append('*');
      lines.forEach(line -> text.append('\n').append(line));
      return text.toString();
    }
  }

  /**
   * A file that goes with a message, such as an export: its name, content type and text content.
   */
  public record Attachment(String fileName, String contentType, String content) {
    public Attachment {
      if (fileName == null || fileName.isBlank() || fileName.contains("/")) {
        throw new IllegalArgumentException("An attachment needs a plain file name.");
      }
      contentType = contentType == null ? "text/plain" : contentType;
      content = content == null ? "" : content;
    }
  }
}
