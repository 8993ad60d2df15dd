package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.Directory;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.command.CommandSpec;
import org.nudge.testing.GeneratedFiles;

@DisplayName("The Slack app manifest")
class SlackManifestTest {

  private static final List<CommandSpec> SPECS =
      Features.create(EngineSettings.defaults(Set.of()), SlackTestbed.QUESTIONS, Directory.none())
          .commands()
          .specs();

  private final JsonNode manifest = read(SlackManifest.FILE);

  @Test
  @DisplayName("declares the commands the specs generate")
  void commandsAreCurrent() {
    GeneratedFiles.assertCurrent(
        SlackManifest.FILE,
        shipped -> SlackManifest.render(shipped, SPECS),
        SlackManifestTest.class.getSimpleName());
  }

  @Test
  @DisplayName("declares every command Nudge answers, with mentions escaped as ids")
  void declaresEveryCommand() {
    List<String> declared = new ArrayList<>();
    for (JsonNode command : manifest.path("features").path("slash_commands")) {
      declared.add(command.path("command").asText());
      assertThat(command.path("should_escape").asBoolean()).as(command.toString()).isTrue();
      assertThat(command.path("url").asText()).endsWith("/slack/events");
      assertThat(command.path("description").asText().length()).isBetween(1, 100);
      assertThat(command.path("usage_hint").asText().length()).isLessThanOrEqualTo(102);
    }
    assertThat(declared).containsExactlyElementsOf(SlackCommandsTest.commands());
  }

  @Test
  @DisplayName("asks for the scopes the adapter uses, DM events and interactivity")
  void scopesEventsAndInteractivity() {
    List<String> scopes = new ArrayList<>();
    manifest.path("oauth_config").path("scopes").path("bot").forEach(s -> scopes.add(s.asText()));
    assertThat(scopes)
        .contains(
            "commands", "chat:write", "chat:write.public", "im:write", "im:history", "users:read");
    JsonNode settings = manifest.path("settings");
    assertThat(settings.path("event_subscriptions").path("bot_events").toString())
        .contains("message.im");
    assertThat(settings.path("interactivity").path("is_enabled").asBoolean()).isTrue();
    assertThat(settings.path("interactivity").path("request_url").asText())
        .endsWith("/slack/events");
    assertThat(manifest.path("features").path("app_home").path("messages_tab_enabled").asBoolean())
        .isTrue();
  }

  private static JsonNode read(Path path) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    } catch (java.io.IOException e) {
      throw new AssertionError("Can't read " + path, e);
    }
  }
}
