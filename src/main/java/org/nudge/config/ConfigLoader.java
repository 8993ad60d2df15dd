package org.nudge.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code config/nudge.yaml} (or the file {@code NUDGE_CONFIG} names; the copy inside the jar
 * when neither exists) and applies the environment variables README.md lists (Configuration) on
 * top.
 */
public final class ConfigLoader {

  /** Environment variable to the config key it overrides. */
  private static final Map<String, String> OVERRIDES =
      Map.ofEntries(
          Map.entry("NUDGE_DB_URL", "database.url"),
          Map.entry("NUDGE_DB_USER", "database.user"),
          Map.entry("NUDGE_DB_PASSWORD", "database.password"),
          Map.entry("NUDGE_HTTP_PORT", "http.port"),
          Map.entry("SLACK_BOT_TOKEN", "slack.botToken"),
          Map.entry("SLACK_SIGNING_SECRET", "slack.signingSecret"),
          Map.entry("SLACK_APP_TOKEN", "slack.appToken"),
          Map.entry("SLACK_API_URL", "slack.apiUrl"),
          Map.entry("DISCORD_TOKEN", "discord.token"),
          Map.entry("DISCORD_API_URL", "discord.apiUrl"),
          Map.entry("DISCORD_GATEWAY_URL", "discord.gatewayUrl"),
          Map.entry("NUDGE_PUBLIC_URL", "dashboard.publicUrl"),
          Map.entry("NUDGE_DASHBOARD_KEY", "dashboard.key"));

  /** Keys that may only come from the environment, so the tracked file never holds a secret. */
  private static final String[] SECRETS = {
    "database.password",
    "slack.botToken",
    "slack.signingSecret",
    "slack.appToken",
    "discord.token",
    "dashboard.key"
  };

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Loads the configuration the environment points at. */
  public NudgeConfig load(Map<String, String> env) {
    String configured = env.get("NUDGE_CONFIG");
    Path path = Path.of(configured != null ? configured : "config/nudge.yaml");
    try {
      if (Files.exists(path)) {
        try (InputStream in = Files.newInputStream(path)) {
          return load(in, env, path.toString());
        }
      }
      if (configured != null) {
        throw new ConfigException("NUDGE_CONFIG", "names " + path + ", which does not exist");
      }
      try (InputStream in = ConfigLoader.class.getResourceAsStream("/config/nudge.yaml")) {
        return load(in, env, "the built-in config/nudge.yaml");
      }
    } catch (IOException e) {
      throw new ConfigException("NUDGE_CONFIG", "could not be read: " + e.getMessage());
    }
  }

  NudgeConfig load(InputStream in, Map<String, String> env, String source) throws IOException {
    JsonNode read = yaml.readTree(in);
    if (read == null || !read.isObject()) {
      throw new ConfigException("(top level)", "of " + source + " must be a mapping of keys");
    }
    ObjectNode tree = (ObjectNode) read;
    for (String secret : SECRETS) {
      if (!at(tree, secret).isMissingNode() && !at(tree, secret).isNull()) {
        throw new ConfigException(
            secret, "is a secret: set it in the environment, not in " + source);
      }
    }
    OVERRIDES.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            set(tree, key, value);
          }
        });
    String shardIds = env.get("DISCORD_SHARD_IDS");
    if (shardIds != null && !shardIds.isBlank()) {
      ObjectNode discord =
          tree.get("discord") instanceof ObjectNode d ? d : tree.putObject("discord");
      ArrayNode list = discord.putArray("shardIds");
      for (String id : shardIds.split(",")) {
        if (!id.isBlank()) {
          try {
            list.add(Integer.parseInt(id.strip()));
          } catch (NumberFormatException e) {
            throw new ConfigException(
                "discord.shardIds", "must be shard numbers separated by commas, as in 0,1");
          }
        }
      }
    }
    String admins = env.get("NUDGE_ADMINS");
    if (admins != null && !admins.isBlank()) {
      ArrayNode list = tree.putArray("admins");
      Arrays.stream(admins.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(list::add);
    }
    try {
      return yaml.treeToValue(tree, NudgeConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          path(e), "is not a setting Nudge knows (check the spelling in " + source + ")");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ConfigException config) {
        throw config;
      }
      throw new ConfigException(
          path(e), "has a value of the wrong kind: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static JsonNode at(ObjectNode tree, String dotted) {
    return tree.at("/" + dotted.replace('.', '/'));
  }

  private static void set(ObjectNode tree, String dotted, String value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }
}
