package org.nudge.engine.command;

import java.util.List;

/**
 * README's command table, written from the commands' specs: one row for each way to use a command
 * ({@link Usage#lines}), who may, and what it does. It sits between {@link #BEGIN} and {@link #END}
 * in README.md; {@code CommandTableTest} fails when the shipped table differs and rewrites it when
 * run with {@code -Dnudge.regenerate=true}.
 */
public final class CommandTable {

  public static final String BEGIN = "<!-- commands:begin -->";
  public static final String END = "<!-- commands:end -->";

  private CommandTable() {}

  /** The Markdown table, header included. */
  public static String markdown(List<CommandSpec> commands) {
    StringBuilder table = new StringBuilder("| command | who | does |\n| --- | --- | --- |\n");
    for (Usage.Line line : Usage.lines(commands)) {
      table
          .append("| `")
          .append(cell(line.usage()))
          .append("` | ")
          .append(line.leadOnly() ? "lead" : "member")
          .append(" | ")
          .append(cell(line.description()))
          .append(" |\n");
    }
    return table.toString();
  }

  /** README.md's text with its command table replaced by the one these commands generate. */
  public static String render(String readme, List<CommandSpec> commands) {
    return MarkedSection.replace(readme, BEGIN, END, markdown(commands));
  }

  /** A table cell: a bar would end it, even inside code, unless escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
