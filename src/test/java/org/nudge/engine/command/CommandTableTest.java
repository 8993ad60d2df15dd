package org.nudge.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.Directory;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.testing.Chat;
import org.nudge.testing.GeneratedFiles;

@DisplayName("README's command table")
class CommandTableTest {

  private static final List<CommandSpec> SPECS =
      Features.create(EngineSettings.defaults(Set.of()), Chat.QUESTIONS, Directory.none())
          .commands()
          .specs();

  @Test
  @DisplayName("is what the commands' specs generate")
  void readmeIsCurrent() {
    GeneratedFiles.assertCurrent(
        Path.of("README.md"),
        readme -> CommandTable.render(readme, SPECS),
        CommandTableTest.class.getSimpleName());
  }

  @Test
  @DisplayName("has a row for each way to use a command, saying who may, bars escaped")
  void rows() {
    String table = CommandTable.markdown(SPECS);

    assertThat(table)
        .contains("| `/win <what went well> [--share]` | member | Log a win (#tags welcome);")
        .contains("| `/goals add <goal>` | member |")
        .contains("| `/nudge export [json\\|csv]` | member |")
        .contains("| `/nudge export program <name>` | lead |")
        .contains("| `/nudge program create <name> [#channel]` | lead | Create a program. |")
        .doesNotContain("| `/nudge` |");
    assertThat(table.lines().count()).isEqualTo(2 + Usage.lines(SPECS).size());
  }
}
