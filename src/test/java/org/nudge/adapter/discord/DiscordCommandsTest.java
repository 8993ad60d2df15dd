package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;
import static org.nudge.adapter.discord.DiscordHarness.MARIA;
import static org.nudge.adapter.discord.DiscordHarness.channel;
import static org.nudge.adapter.discord.DiscordHarness.opts;
import static org.nudge.adapter.discord.DiscordHarness.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.model.Inbound;

@DisplayName("Discord slash commands")
class DiscordCommandsTest {

  private static DiscordHarness nudge;

  @BeforeAll
  static void start() throws Exception {
    nudge = new DiscordHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    nudge.close();
  }

  @Test
  @DisplayName(
      "every way to use a command that the specs declare is registered, with its parameters as options")
  void tableIsTheSpecs() throws Exception {
    // GIVEN the commands' specs
    List<CommandSpec> specs = nudge.features.commands().specs();
    Map<String, List<String>> declared = new TreeMap<>();
    specs.forEach(spec -> declared(spec.name(), spec, declared));
    // WHEN Nudge registered its commands (in @BeforeAll)
    JsonNode body = registered();
    // THEN each registered command, sub-command and group, invoked, writes the words of one way
    // to use a command, and asks for exactly its parameters, in order
    SlashCommands table = new SlashCommands(specs);
    Map<String, List<String>> offered = new TreeMap<>();
    for (JsonNode command : body) {
      offered(table, command.get("name").asText(), null, command, offered);
    }
    assertThat(offered).isEqualTo(declared);
  }

  /** Each way to use {@code spec}: the words typed, then its parameters' names. */
  private static void declared(String words, CommandSpec spec, Map<String, List<String>> into) {
    if (spec.subs().isEmpty() || !spec.params().isEmpty()) {
      into.put(words, spec.params().stream().map(Param::name).toList());
    }
    for (CommandSpec sub : spec.subs()) {
      declared(sub.implied() ? words : words + " " + sub.name(), sub, into);
    }
  }

  /** Each leaf Discord offers, as the words it writes for the engine, then its options' names. */
  private static void offered(
      SlashCommands table,
      String command,
      String group,
      JsonNode node,
      Map<String, List<String>> into) {
    List<String> options = new ArrayList<>();
    for (JsonNode option : node.path("options")) {
      int type = option.get("type").asInt();
      if (type == 2) {
        offered(table, command, option.get("name").asText(), option, into);
      } else if (type == 1) {
        String sub = option.get("name").asText();
        List<String> names = new ArrayList<>();
        option.path("options").forEach(o -> names.add(o.get("name").asText()));
        into.put(words(table.toText(command, group, sub, o -> null)), names);
      } else {
        options.add(option.get("name").asText());
      }
    }
    boolean leaf = node.path("options").isEmpty() || !options.isEmpty();
    if (group == null && leaf) {
      into.put(words(table.toText(command, null, null, o -> null)), options);
    }
  }

  private static String words(SlashCommands.Invocation invocation) {
    return (invocation.name() + " " + invocation.text()).strip();
  }

  private static JsonNode registered() throws InterruptedException {
    return nudge
        .discord
        .await("PUT", "applications/\\d+/guilds/" + FakeDiscord.GUILD_ID + "/commands", 1)
        .get(0)
        .body();
  }

  @Test
  @DisplayName("a description says when only leads may use it, and fits Discord's 100 characters")
  void leadsAreMarked() throws Exception {
    JsonNode nudgeCommand = null;
    for (JsonNode c : registered()) {
      if (c.get("name").asText().equals("nudge")) {
        nudgeCommand = c;
      }
    }
    assertThat(nudgeCommand).isNotNull();
    Map<String, String> descriptions = new TreeMap<>();
    nudgeCommand
        .get("options")
        .forEach(o -> descriptions.put(o.get("name").asText(), o.get("description").asText()));
    assertThat(descriptions.get("pair")).isEqualTo("Pair a mentor with a mentee (leads).");
    assertThat(descriptions.get("export-program")).endsWith("(leads).");
    assertThat(descriptions.get("program")).endsWith("(leads).");
    assertThat(descriptions.get("export")).doesNotContain("(leads)");
    assertThat(descriptions.values()).allSatisfy(d -> assertThat(d).hasSizeLessThanOrEqualTo(100));
  }

  static Stream<Arguments> invocations() {
    return Stream.of(
        args(
            "win",
            null,
            null,
            opts("text", "shipped the parser #backend", "share", true),
            "shipped the parser #backend --share"),
        args(
            "win",
            null,
            null,
            opts("text", "fixed <@!" + MARIA + ">'s build"),
            "fixed <@" + MARIA + ">'s build"),
        args("reflect", null, null, opts(), ""),
        args("reflect", null, null, opts("edit", true), "edit"),
        args("checkin", null, null, opts("every", "biweekly"), "every biweekly"),
        args(
            "nudge",
            null,
            "phase",
            opts("mentor", user(MARIA), "mentee", user(ALICE), "phase", "wrap-up"),
            "phase <@" + MARIA + "> <@" + ALICE + "> wrap-up"),
        args("checkin", null, null, opts("note", "talked about goals"), "talked about goals"),
        args("checkin", null, null, opts(), ""),
        args("advice", null, null, opts("text", "write the test first"), "write the test first"),
        args("feedback", null, null, opts(), ""),
        args("goals", null, "list", opts(), ""),
        args("goals", null, "add", opts("goal", "learn SQL"), "add learn SQL"),
        args("goals", null, "done", opts("number", 2), "done 2"),
        args("nudge", null, "help", opts(), "help"),
        args(
            "nudge",
            null,
            "prefs",
            opts("setting", "timezone", "value", "Europe/Berlin"),
            "prefs timezone Europe/Berlin"),
        args("nudge", null, "pause", opts("length", "2w"), "pause 2w"),
        args("nudge", null, "resume", opts(), "resume"),
        args("nudge", null, "export", opts("format", "csv"), "export csv"),
        args("nudge", null, "forget-me", opts("confirm", true), "forget-me confirm"),
        args(
            "nudge",
            null,
            "pair",
            opts("mentor", user(MARIA), "mentee", user(ALICE), "program", "Spring"),
            "pair <@" + MARIA + "> <@" + ALICE + "> Spring"),
        args(
            "nudge",
            null,
            "unpair",
            opts("mentor", user(MARIA), "mentee", user(ALICE)),
            "unpair <@" + MARIA + "> <@" + ALICE + ">"),
        args("nudge", null, "lead", opts("user", user(MARIA)), "lead <@" + MARIA + ">"),
        args(
            "nudge",
            "program",
            "create",
            opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING)),
            "program create Spring <#" + FakeDiscord.MENTORING + ">"),
        args(
            "nudge",
            "program",
            "channel",
            opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING)),
            "program channel Spring <#" + FakeDiscord.MENTORING + ">"),
        args(
            "nudge",
            "program",
            "leads-channel",
            opts("name", "Spring", "channel", channel(FakeDiscord.GENERAL)),
            "program leads-channel Spring <#" + FakeDiscord.GENERAL + ">"),
        args(
            "nudge",
            "program",
            "leads-channel",
            opts("name", "Spring", "none", true),
            "program leads-channel Spring none"),
        args("nudge", "program", "list", opts(), "program list"));
  }

  @ParameterizedTest(name = "/{0} {1} {2} {3} reaches the engine as \"{4}\"")
  @MethodSource("invocations")
  @DisplayName(
      "a command used in the server reaches the engine as the text a person would type, and gets an ephemeral answer")
  void fromTheServer(
      String name, String group, String sub, Map<String, Object> options, String text)
      throws Exception {
    // WHEN Alice uses the command in #general
    String id = nudge.slash(ALICE, name, group, sub, options);
    // THEN the engine gets it as typed text, from #general of this server
    JsonNode callback = nudge.callback(id);
    Inbound.Command command = lastCommand();
    assertThat(command.name()).isEqualTo(name);
    assertThat(command.text()).isEqualTo(text);
    assertThat(command.channel()).isEqualTo(FakeDiscord.GENERAL);
    assertThat(command.user().workspace()).isEqualTo(FakeDiscord.GUILD_ID);
    assertThat(command.user().userId()).isEqualTo(ALICE);
    // AND only Alice sees the answer
    assertEphemeralAnswer(callback);
  }

  @ParameterizedTest(name = "/{0} {1} {2} {3} in a DM reaches the engine as \"{4}\"")
  @MethodSource("invocations")
  @DisplayName(
      "the same command used in a DM with Nudge reaches the engine for the server Nudge serves")
  void fromADm(String name, String group, String sub, Map<String, Object> options, String text)
      throws Exception {
    // WHEN Alice uses the command in her DM with Nudge
    String id = nudge.slashInDm(ALICE, name, group, sub, options);
    JsonNode callback = nudge.callback(id);
    // THEN the engine gets it for the configured server, with no channel
    Inbound.Command command = lastCommand();
    assertThat(command.text()).isEqualTo(text);
    assertThat(command.channel()).isNull();
    assertThat(command.user().workspace()).isEqualTo(FakeDiscord.GUILD_ID);
    assertEphemeralAnswer(callback);
  }

  private static void assertEphemeralAnswer(JsonNode callback) {
    assertThat(callback.get("type").asInt()).isEqualTo(4);
    JsonNode data = callback.get("data");
    assertThat(data.get("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    assertThat(data.get("content").asText()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
    assertThat(data.get("allowed_mentions").get("parse")).isEmpty();
  }

  private static Inbound.Command lastCommand() {
    Inbound last = nudge.inputs.get(nudge.inputs.size() - 1);
    assertThat(last).isInstanceOf(Inbound.Command.class);
    return (Inbound.Command) last;
  }

  private static Arguments args(
      String name, String group, String sub, Map<String, Object> options, String text) {
    return Arguments.of(name, group, sub, options, text);
  }
}
