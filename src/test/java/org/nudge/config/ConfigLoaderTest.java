package org.nudge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.app.Nudge;

@DisplayName("Configuration")
class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();

  private NudgeConfig load(String yaml, Map<String, String> env) throws Exception {
    return loader.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), env, "test.yaml");
  }

  @Test
  @DisplayName("the shipped config/nudge.yaml loads: H2 file, console lead, no platform on")
  void shippedConfig() {
    NudgeConfig config = loader.load(Map.of("NUDGE_CONFIG", "config/nudge.yaml"));

    assertThat(config.database().url()).isEqualTo("jdbc:h2:file:./data/nudge");
    assertThat(config.admins()).containsExactly("console:local:lead");
    assertThat(config.slack().enabled()).isFalse();
    assertThat(config.discord().enabled()).isFalse();
    assertThat(config.defaults().maxTextLength()).isEqualTo(3000);
    assertThat(Nudge.engineSettings(config).keepSent()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  @DisplayName("outbox.keepSent takes days, weeks or months, and refuses anything else by name")
  void keepSent() throws Exception {
    assertThat(load(base() + "outbox:\n  keepSent: 8w\n", Map.of()).outbox().keepSentFor())
        .isEqualTo(Duration.ofDays(56));
    assertThat(load(base() + "outbox:\n  keepSent: 7d\n", Map.of()).outbox().keepSentFor())
        .isEqualTo(Duration.ofDays(7));
    assertThat(load(base(), Map.of()).outbox().keepSentFor()).isEqualTo(Duration.ofDays(30));
    for (String bad : new String[] {"30 days", "0d", "12h", "forever", "4000d"}) {
      assertThatThrownBy(() -> load(base() + "outbox:\n  keepSent: " + bad + "\n", Map.of()))
          .hasMessageStartingWith("Configuration key outbox.keepSent must be a time like 30d");
    }
  }

  @Test
  @DisplayName("slack.messagesPerSecond paces Slack at 4 a second unless set, and refuses nonsense")
  void slackPace() throws Exception {
    assertThat(load(base(), Map.of()).slack().messagesPerSecond()).isEqualTo(4.0);
    assertThat(load(slackPace("0.5"), Map.of()).slack())
        .extracting(NudgeConfig.SlackConfig::messagesPerSecond)
        .isEqualTo(0.5);
    for (String bad : new String[] {"-1", "0.01", "5000"}) {
      assertThatThrownBy(() -> load(slackPace(bad), Map.of()))
          .hasMessage("Configuration key slack.messagesPerSecond must be between 0.1 and 1000.");
    }
  }

  @Test
  @DisplayName(
      "discord.shardIds names the shards this node runs (DISCORD_SHARD_IDS too), and refuses ids"
          + " outside discord.shards by name")
  void discordShards() throws Exception {
    String sharded = base().replace("discord: {}\n", "discord:\n  shards: 4\n");
    assertThat(load(sharded + "", Map.of()).discord().shardIds()).isEmpty();
    assertThat(load(sharded, Map.of("DISCORD_SHARD_IDS", "2, 3")).discord().shardIds())
        .containsExactly(2, 3);
    assertThatThrownBy(() -> load(sharded, Map.of("DISCORD_SHARD_IDS", "4")))
        .hasMessageStartingWith("Configuration key discord.shardIds must be shard ids from 0 to")
        .hasMessageContaining("4 is not");
    assertThatThrownBy(() -> load(sharded, Map.of("DISCORD_SHARD_IDS", "one")))
        .hasMessageContaining("discord.shardIds must be shard numbers separated by commas");
    assertThatThrownBy(() -> load(base(), Map.of("DISCORD_SHARD_IDS", "0")))
        .hasMessageContaining("discord.shardIds needs discord.shards");
  }

  @Test
  @DisplayName("environment variables override the file, and secrets come only from them")
  void environmentOverrides() {
    NudgeConfig config =
        loader.load(
            Map.of(
                "NUDGE_CONFIG", "config/nudge.yaml",
                "NUDGE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "NUDGE_HTTP_PORT", "9090",
                "SLACK_BOT_TOKEN", "xoxb-secret",
                "SLACK_SIGNING_SECRET", "shh",
                "SLACK_API_URL", "http://127.0.0.1:1234/api",
                "NUDGE_ADMINS", "slack:T1:U1, discord:G1:42"));

    assertThat(config.database().url()).startsWith("jdbc:postgresql:");
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.slack().enabled()).isTrue();
    assertThat(config.slack().socketMode()).isFalse();
    assertThat(config.slack().apiUrl()).isEqualTo("http://127.0.0.1:1234/api/");
    assertThat(config.admins()).containsExactly("slack:T1:U1", "discord:G1:42");
    assertThat(config.toString()).doesNotContain("xoxb-secret").doesNotContain("shh");
  }

  @Test
  @DisplayName("a secret written in the file is refused with a sentence naming the key")
  void secretInFile() {
    assertThatThrownBy(() -> load("slack:\n  botToken: xoxb-1\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Configuration key slack.botToken is a secret: set it in the environment, not in"
                + " test.yaml.");
  }

  @Test
  @DisplayName("a misspelt key is named")
  void unknownKey() {
    assertThatThrownBy(() -> load(base() + "defaults:\n  timezon: UTC\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Configuration key defaults.timezon is not a setting Nudge knows");
  }

  @Test
  @DisplayName("a bad value is named with what it should be")
  void badValues() {
    assertThatThrownBy(() -> load(base() + "defaults:\n  timezone: Mars/Base\n", Map.of()))
        .hasMessage(
            "Configuration key defaults.timezone is not a timezone name like Europe/Berlin.");
    assertThatThrownBy(() -> load(base(), Map.of("NUDGE_HTTP_PORT", "99999")))
        .hasMessage("Configuration key http.port must be a port number from 0 to 65535.");
    assertThatThrownBy(() -> load(base(), Map.of("NUDGE_HTTP_PORT", "eighty")))
        .hasMessageStartingWith("Configuration key http.port has a value of the wrong kind");
    assertThatThrownBy(() -> load(base(), Map.of("NUDGE_DB_URL", "postgres://x")))
        .hasMessage("Configuration key database.url must be a JDBC URL starting with jdbc:.");
  }

  @Test
  @DisplayName("the drain window after SIGTERM is 5 s unless set, and at most 10 s")
  void drainWindow() throws Exception {
    assertThat(load(base(), Map.of()).http().drain()).isEqualTo(java.time.Duration.ofSeconds(5));
    String drainAll = "database:\n  url: jdbc:h2:mem:x\nhttp:\n  port: 8080\n  drainSeconds: ";
    assertThat(load(drainAll + "0\n", Map.of()).http().drain()).isZero();
    assertThatThrownBy(() -> load(drainAll + "30\n", Map.of()))
        .hasMessage("Configuration key http.drainSeconds must be between 0 and 10 (seconds).");
  }

  @Test
  @DisplayName("NUDGE_CONFIG naming a missing file is refused, not silently replaced")
  void missingConfigFile(@TempDir Path dir) {
    assertThatThrownBy(
            () -> loader.load(Map.of("NUDGE_CONFIG", dir.resolve("nope.yaml").toString())))
        .hasMessageContaining("NUDGE_CONFIG names");
  }

  @Test
  @DisplayName("a config file elsewhere is used when NUDGE_CONFIG names it")
  void configElsewhere(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nudge.yaml");
    Files.writeString(file, base() + "admins: [\"slack:T9:U9\"]\n");

    assertThat(loader.load(Map.of("NUDGE_CONFIG", file.toString())).admins())
        .containsExactly("slack:T9:U9");
  }

  private static String slackPace(String value) {
    return base().replace("slack: {}", "slack:\n  messagesPerSecond: " + value);
  }

  private static String base() {
    return "database:\n  url: jdbc:h2:mem:x\nhttp:\n  port: 8080\nslack: {}\ndiscord: {}\n";
  }
}
