package org.nudge.adapter.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.Chat;

/**
 * One Nudge on Discord for a test: an in-memory H2 database, the real engine, the real adapter on a
 * real JDA, all talking to a {@link FakeDiscord}. Every input the engine gets is recorded, and a
 * test may put its own answer in front of the engine (to show a form, say, or to be slow).
 */
final class DiscordHarness implements AutoCloseable {

  static final String LEAD = "400000000000000001";
  static final String MARIA = "400000000000000002";
  static final String ALICE = "400000000000000003";
  static final String SAM = "400000000000000004";
  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeDiscord discord;
  final Database database;
  final Store store;
  final SimulatedClock clock =
      new SimulatedClock(Instant.parse("2026-03-02T09:00:00Z"), Database.PRECISION);
  final Features features;
  final Engine engine;
  final List<Inbound> inputs = new CopyOnWriteArrayList<>();
  final DiscordAdapter adapter;
  final Dispatcher dispatcher;
  private volatile Function<Inbound, Reply> override;

  DiscordHarness() throws Exception {
    this(List.of(FakeDiscord.GUILD_ID), 0, DiscordAdapter.Tuning.defaults());
  }

  DiscordHarness(List<String> guilds, int shards, DiscordAdapter.Tuning tuning) throws Exception {
    this(guilds, shards, List.of(), tuning);
  }

  /** A node that runs {@code shardIds} of {@code shards} (all of them when empty). */
  DiscordHarness(
      List<String> guilds, int shards, List<Integer> shardIds, DiscordAdapter.Tuning tuning)
      throws Exception {
    discord = new FakeDiscord();
    discord.knowUser(LEAD, "Lee Lead");
    discord.knowUser(MARIA, "Maria");
    discord.knowUser(ALICE, "Alice");
    discord.knowUser(SAM, "Sam");
    database =
        Database.open(
            new NudgeConfig.DatabaseConfig(
                "jdbc:h2:mem:discord-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4));
    store = new JdbiStore(database.jdbi(), new MessageCodec());
    DiscordDirectory directory = new DiscordDirectory();
    UserRef lead = new UserRef(DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, LEAD);
    features =
        Features.create(
            EngineSettings.defaults(Set.of(lead)),
            Chat.QUESTIONS,
            Directory.byPlatform(Map.of(DiscordAdapter.PLATFORM, directory)));
    engine = new Engine(store, clock, features);
    NudgeConfig.DiscordConfig config =
        new NudgeConfig.DiscordConfig(
            "fake-token", discord.apiUrl(), discord.gatewayUrl(), guilds, shards, shardIds);
    adapter =
        DiscordAdapter.start(
            config,
            features.commands().specs(),
            inbound -> {
              inputs.add(inbound);
              Function<Inbound, Reply> o = override;
              Reply answer = o == null ? null : o.apply(inbound);
              return answer != null ? answer : engine.handle(inbound);
            },
            store,
            directory,
            clock,
            () -> {},
            tuning);
    dispatcher =
        new Dispatcher(
            store, clock, List.of(adapter.gateway()), "test-node", features.services().outreach());
    sweep = new org.nudge.engine.rhythm.Sweep(store, clock, features.routines());
  }

  private final org.nudge.engine.rhythm.Sweep sweep;

  /**
   * Lets time pass in hourly steps, running the scheduler's sweep and delivering at each, as the
   * real scheduler does.
   */
  void advance(Duration duration) {
    for (Duration passed = Duration.ZERO;
        passed.compareTo(duration) < 0;
        passed = passed.plus(Duration.ofHours(1))) {
      clock.advance(Duration.ofHours(1));
      sweep.run();
      dispatcher.drain();
    }
  }

  static DiscordAdapter.Tuning quick() {
    return new DiscordAdapter.Tuning(
        Duration.ofMillis(1500),
        Duration.ofSeconds(5),
        10,
        Duration.ofSeconds(6),
        Duration.ofHours(1));
  }

  /** Answers inputs this function answers (non-null) instead of the engine. */
  void answerWith(Function<Inbound, Reply> answer) {
    this.override = answer;
  }

  // ---- interactions -------------------------------------------------------------------------

  /**
   * A slash command in the server's #general; options as name/value pairs (USER values are ids).
   */
  String slash(String user, String name, String group, String sub, Map<String, Object> options) {
    return interaction(user, true, 2, command(name, group, sub, options));
  }

  /** The same slash command in the DM with Nudge. */
  String slashInDm(
      String user, String name, String group, String sub, Map<String, Object> options) {
    return interaction(user, false, 2, command(name, group, sub, options));
  }

  String button(String user, String customId, boolean inGuild) {
    ObjectNode data = JSON.createObjectNode();
    data.put("custom_id", customId);
    data.put("component_type", 2);
    return interaction(user, inGuild, 3, data);
  }

  String select(String user, String customId, String value) {
    ObjectNode data = JSON.createObjectNode();
    data.put("custom_id", customId);
    data.put("component_type", 3);
    data.putArray("values").add(value);
    return interaction(user, false, 3, data);
  }

  String modal(String user, String customId, Map<String, String> values) {
    ObjectNode data = JSON.createObjectNode();
    data.put("custom_id", customId);
    ArrayNode components = data.putArray("components");
    int n = 1;
    for (Map.Entry<String, String> value : values.entrySet()) {
      ObjectNode label = components.addObject();
      label.put("type", 18);
      label.put("id", n++);
      ObjectNode input = label.putObject("component");
      input.put("type", 4);
      input.put("id", n++);
      input.put("custom_id", value.getKey());
      input.put("value", value.getValue());
    }
    return interaction(user, false, 5, data);
  }

  /** Text typed in the DM with Nudge. */
  void typeInDm(String user, String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("id", discord.next());
    message.put("channel_id", FakeDiscord.dmChannel(user));
    message.put("type", 0);
    message.put("content", text);
    message.set("author", discord.user(user, name(user)));
    message.put("timestamp", "2026-03-02T09:00:00.000000+00:00");
    message.putNull("edited_timestamp");
    message.put("tts", false);
    message.put("mention_everyone", false);
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    message.putArray("embeds");
    message.put("pinned", false);
    message.put("flags", 0);
    discord.dispatch("MESSAGE_CREATE", message);
  }

  private ObjectNode command(String name, String group, String sub, Map<String, Object> options) {
    ObjectNode data = JSON.createObjectNode();
    data.put("id", "600000000000000001");
    data.put("name", name);
    data.put("type", 1);
    ArrayNode into = data.putArray("options");
    if (group != null) {
      ObjectNode g = into.addObject().put("name", group).put("type", 2);
      into = g.putArray("options");
    }
    if (sub != null) {
      ObjectNode s = into.addObject().put("name", sub).put("type", 1);
      into = s.putArray("options");
    }
    ObjectNode resolvedUsers = JSON.createObjectNode();
    ObjectNode resolvedAttachments = JSON.createObjectNode();
    for (Map.Entry<String, Object> option : options.entrySet()) {
      ObjectNode o = into.addObject().put("name", option.getKey());
      Object value = option.getValue();
      if (value instanceof Boolean b) {
        o.put("type", 5).put("value", b);
      } else if (value instanceof Integer i) {
        o.put("type", 4).put("value", i);
      } else if (value instanceof UserOption u) {
        o.put("type", 6).put("value", u.id());
        resolvedUsers.set(u.id(), discord.user(u.id(), name(u.id())));
      } else if (value instanceof ChannelOption c) {
        o.put("type", 7).put("value", c.id());
      } else if (value instanceof FileOption f) {
        // Type 11, ATTACHMENT: the value is an id, the file itself is in resolved.attachments.
        o.put("type", 11).put("value", f.id());
        ObjectNode a = resolvedAttachments.putObject(f.id());
        a.put("id", f.id());
        a.put("filename", f.fileName());
        a.put("size", f.size());
        a.put("url", f.url());
        a.put("proxy_url", f.url());
        a.put("content_type", "text/csv; charset=utf-8");
      } else {
        o.put("type", 3).put("value", value.toString());
      }
    }
    if (!resolvedUsers.isEmpty() || !resolvedAttachments.isEmpty()) {
      ObjectNode resolved = data.putObject("resolved");
      if (!resolvedUsers.isEmpty()) {
        resolved.set("users", resolvedUsers);
      }
      if (!resolvedAttachments.isEmpty()) {
        resolved.set("attachments", resolvedAttachments);
      }
    }
    return data;
  }

  /** A USER option's value. */
  record UserOption(String id) {}

  /** An ATTACHMENT option's value: the file as Discord describes it in {@code resolved}. */
  record FileOption(String id, String fileName, String url, long size) {}

  /** A file attached to a command, served by the fake at its URL. */
  FileOption file(String fileName, byte[] content) {
    String id = discord.next();
    return new FileOption(id, fileName, discord.attachment(id, fileName, content), content.length);
  }

  /** A CHANNEL option's value. */
  record ChannelOption(String id) {}

  /** A command's options from name and value pairs, in order: {@code opts("name", "Spring")}. */
  static Map<String, Object> opts(Object... pairs) {
    Map<String, Object> options = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      options.put((String) pairs[i], pairs[i + 1]);
    }
    return options;
  }

  /** The lead creates the program Spring, with the mentoring channel, as most tests begin. */
  void createSpring() throws InterruptedException {
    run(
        LEAD,
        "nudge",
        "program",
        "create",
        opts("name", "Spring", "channel", channel(FakeDiscord.MENTORING)));
  }

  static UserOption user(String id) {
    return new UserOption(id);
  }

  static ChannelOption channel(String id) {
    return new ChannelOption(id);
  }

  private String interaction(String user, boolean inGuild, int type, JsonNode data) {
    String id = discord.next();
    String token = "token-" + id;
    ObjectNode i = JSON.createObjectNode();
    i.put("id", id);
    i.put("application_id", FakeDiscord.APP_ID);
    i.put("type", type);
    i.put("token", token);
    i.put("version", 1);
    i.put("locale", "en-US");
    i.putArray("entitlements");
    i.put("app_permissions", "2248473465835073");
    i.set("data", data);
    if (inGuild) {
      i.put("guild_id", FakeDiscord.GUILD_ID);
      i.put("channel_id", FakeDiscord.GENERAL);
      // Discord adds the invoker's permissions to an interaction's channel.
      i.set(
          "channel",
          discord
              .textChannel(FakeDiscord.GENERAL, "general", 0)
              .put("permissions", "2248473465835073"));
      i.set("member", discord.member(user));
      ObjectNode guild = i.putObject("guild");
      guild.put("id", FakeDiscord.GUILD_ID);
      guild.put("locale", "en-US");
      guild.putArray("features");
      i.put("guild_locale", "en-US");
      i.put("context", 0);
      i.putObject("authorizing_integration_owners").put("0", FakeDiscord.GUILD_ID);
    } else {
      String dm = FakeDiscord.dmChannel(user);
      i.put("channel_id", dm);
      ObjectNode channel = i.putObject("channel");
      channel.put("id", dm);
      channel.put("type", 1);
      channel.putArray("recipients").add(discord.user(user, name(user)));
      i.set("user", discord.user(user, name(user)));
      i.put("context", 1);
      i.putObject("authorizing_integration_owners").put("0", FakeDiscord.GUILD_ID);
    }
    if (type == 3) {
      ObjectNode message = i.putObject("message");
      message.put("id", discord.next());
      message.put("channel_id", i.get("channel_id").asText());
      message.put("type", 0);
      message.put("content", "A message with a button");
      message.set("author", discord.user(FakeDiscord.BOT_ID, "Nudge"));
      message.put("timestamp", "2026-03-02T09:00:00.000000+00:00");
      message.putNull("edited_timestamp");
      message.put("tts", false);
      message.put("mention_everyone", false);
      message.putArray("mentions");
      message.putArray("mention_roles");
      message.putArray("attachments");
      message.putArray("embeds");
      message.putArray("components");
      message.put("pinned", false);
      message.put("flags", 0);
    }
    discord.dispatch("INTERACTION_CREATE", i);
    return id;
  }

  private static String name(String id) {
    return switch (id) {
      case LEAD -> "Lee Lead";
      case MARIA -> "Maria";
      case ALICE -> "Alice";
      case SAM -> "Sam";
      default -> "user" + id;
    };
  }

  // ---- what users saw -----------------------------------------------------------------------

  /** The first response to an interaction (its callback body). */
  JsonNode callback(String interactionId) throws InterruptedException {
    return discord
        .await("POST", "interactions/" + interactionId + "/[^/]+/callback", 1)
        .get(0)
        .body();
  }

  /**
   * Everything the user saw for an interaction: the reply, or the deferred edit, then follow-ups.
   */
  List<String> replyTexts(String interactionId, int pieces) throws InterruptedException {
    String token = "token-" + interactionId;
    List<FakeDiscord.Call> calls =
        discord.await(
            c ->
                c.path().startsWith("interactions/" + interactionId + "/")
                        && c.body().path("type").asInt() == 4
                    || c.path().startsWith("webhooks/" + FakeDiscord.APP_ID + "/" + token),
            pieces);
    return calls.stream()
        .map(c -> c.body().has("data") ? c.body().get("data") : c.body())
        .map(b -> b.path("content").asText(""))
        .toList();
  }

  String replyText(String interactionId) throws InterruptedException {
    return String.join("\n", replyTexts(interactionId, 1));
  }

  /** Messages posted to a channel (a DM channel for a user: {@link FakeDiscord#dmChannel}). */
  List<JsonNode> posts(String channelId) {
    return discord.calls("POST", "channels/" + channelId + "/messages").stream()
        .map(FakeDiscord.Call::body)
        .toList();
  }

  List<String> dmTexts(String userId) {
    return posts(FakeDiscord.dmChannel(userId)).stream()
        .map(b -> b.path("content").asText(""))
        .toList();
  }

  /** Each outbox row's idempotency key and status (pending, sent, failed), oldest first. */
  Map<String, String> outbox() {
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    database
        .jdbi()
        .useHandle(
            h ->
                h.createQuery("SELECT idempotency_key, status FROM outbox ORDER BY id")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> rows.put(e.getKey(), e.getValue())));
    return rows;
  }

  /** Runs a command and waits for its answer, as a person would before typing the next. */
  String run(String user, String name, String group, String sub, Map<String, Object> options)
      throws InterruptedException {
    return replyText(slash(user, name, group, sub, options));
  }

  @Override
  public void close() throws Exception {
    adapter.close();
    discord.close();
    database.close();
  }
}
