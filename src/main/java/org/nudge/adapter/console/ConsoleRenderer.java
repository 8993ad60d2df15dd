package org.nudge.adapter.console;

import java.util.regex.Pattern;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.LiveMentions;
import org.nudge.engine.model.Message;

/**
 * Plain-text rendering of the engine's messages, with the way to answer each action spelled out. A
 * structured message prints its text, which is its complete plain rendering; attached files print
 * as text after it.
 */
final class ConsoleRenderer {

  private static final Pattern MENTION = Pattern.compile("<([@#])([^>|\\s]+)(?:\\|[^>]*)?>");

  private ConsoleRenderer() {}

  /**
   * Mentions and channels as a terminal user would type them: {@code @alice}, {@code #team}, the
   * engine's live mentions too (a terminal has nobody to ping).
   */
  static String plain(String text) {
    return LiveMentions.render(
        text, literal -> MENTION.matcher(literal).replaceAll("$1$2"), user -> "@" + user);
  }

  static String render(String header, Message message) {
    return render(header, message, null);
  }

  /** As above, with the message's chart written by {@code charts} and its path printed. */
  static String render(String header, Message message, ChartFiles charts) {
    StringBuilder out = new StringBuilder(header);
    if (!message.text().isEmpty()) {
      out.append(' ').append(plain(message.text()));
    }
    for (Action action : message.actions()) {
      out.append("\n    ").append(action(action));
    }
    // A terminal has no files: each attachment follows as text, between markers, with no link.
    for (Message.Attachment file : message.attachments()) {
      out.append("\n--- ")
          .append(file.fileName())
          .append(" (")
          .append(file.contentType())
          .append(") ---\n")
          .append(file.content())
          .append("\n--- end of ")
          .append(file.fileName())
          .append(" ---");
    }
    if (message.chart() != null && charts != null) {
      out.append('\n').append(charts.line(message.chart()));
    }
    return out.toString();
  }

  static String form(String header, Form form) {
    StringBuilder out = new StringBuilder(header).append(" ").append(form.title()).append(':');
    for (Form.Field field : form.fields()) {
      out.append("\n    ")
          .append(field.id())
          .append(" = ")
          .append(field.label())
          .append(field.required() ? "" : " (optional)");
    }
    out.append("\n    answer with :submit ")
        .append(form.id())
        .append(' ')
        .append(form.fields().isEmpty() ? "" : form.fields().get(0).id() + "=…");
    return out.toString();
  }

  private static String action(Action action) {
    if (action instanceof Action.Button button) {
      return "["
          + button.label()
          + "] :press "
          + button.id()
          + (button.value() == null || button.value().isEmpty() ? "" : " " + button.value());
    }
    if (action instanceof Action.Choice choice) {
      StringBuilder out = new StringBuilder(choice.placeholder()).append(':');
      for (Action.Option option : choice.options()) {
        out.append(" [")
            .append(option.label())
            .append("] :press ")
            .append(choice.id())
            .append(' ')
            .append(option.value())
            .append(';');
      }
      return out.toString();
    }
    Action.OpenForm open = (Action.OpenForm) action;
    return "[" + open.label() + "] :press " + open.id();
  }
}
