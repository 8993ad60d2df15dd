package org.nudge.adapter.slack;

import java.nio.file.Path;
import java.util.List;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.MarkedSection;
import org.nudge.engine.command.Usage;

/**
 * The {@code slash_commands} block of Slack's app manifest ({@link #FILE}), written from the
 * commands' specs. The rest of the manifest is kept by hand; the block sits between the {@link
 * #BEGIN} and {@link #END} comments. {@code SlackManifestTest} fails when the shipped file differs
 * and rewrites it when run with {@code -Dnudge.regenerate=true}.
 */
public final class SlackManifest {

  public static final Path FILE = Path.of("config", "slack-app-manifest.yaml");
  public static final String BEGIN = "# commands:begin";
  public static final String END = "# commands:end";

  /** Where Slack sends commands in HTTP mode; people replace the host when they paste it. */
  static final String URL = "https://nudge.example.org/slack/events";

  private SlackManifest() {}

  /**
   * The {@code slash_commands} block, indented as it sits under {@code features}. Every command
   * escapes mentions, so they arrive as ids the engine reads as people and channels.
   */
  public static String slashCommands(List<CommandSpec> commands) {
    StringBuilder yaml = new StringBuilder("  slash_commands:\n");
    for (CommandSpec command : commands) {
      yaml.append("    - command: /").append(command.name()).append('\n');
      yaml.append("      url: ").append(URL).append('\n');
      yaml.append("      description: ").append(quoted(command.description())).append('\n');
      String hint = Usage.hint(command);
      if (!hint.isEmpty()) {
        yaml.append("      usage_hint: ").append(quoted(hint)).append('\n');
      }
      yaml.append("      should_escape: true\n");
    }
    return yaml.toString();
  }

  /** The manifest's text with its commands replaced by the ones these specs generate. */
  public static String render(String manifest, List<CommandSpec> commands) {
    return MarkedSection.replace(manifest, BEGIN, END, slashCommands(commands));
  }

  /** A YAML double-quoted string, which any text can be. */
  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
