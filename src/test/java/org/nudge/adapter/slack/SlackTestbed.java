package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Features;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandRegistry;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.prompts.QuestionBank;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;

/**
 * Nudge on Slack, whole and real except Slack: an H2 database, the engine, the dispatcher, the HTTP
 * host on loopback and the real Bolt app, its Web API pointed at a {@link FakeSlackApi}. Tests talk
 * to it as Slack would, with signed requests.
 */
final class SlackTestbed implements AutoCloseable {

  static final String SIGNING_SECRET = "test-signing-secret-0123456789";
  static final String APP_TOKEN = "xapp-test-app-token-0123456789";
  static final String LEAD = "ULEAD";
  static final String MENTOR = "UMARIA";
  static final String MENTEE = "UALICE";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final QuestionBank QUESTIONS = QuestionBank.load(Path.of("config", "questions.yaml"));

  final FakeSlackApi slack;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  final Database database;
  final Store store;
  final Metrics metrics = new Metrics();
  final SlackAdapter adapter;
  final Engine engine;
  final Dispatcher dispatcher;
  final HttpHost http;
  final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Options a test may change before the testbed starts. */
  record Options(
      boolean socketMode,
      boolean wakeOutbox,
      AckTiming timing,
      WorkLimits limits,
      UnaryOperator<Store> storeWrapper,
      String socketModeUrl,
      List<CommandHandler> extraCommands,
      double pace) {
    static Options defaults() {
      return new Options(
          false,
          true,
          AckTiming.SLACK,
          WorkLimits.SLACK,
          UnaryOperator.identity(),
          null,
          List.of(),
          1000);
    }

    Options manualOutbox() {
      return new Options(
          socketMode, false, timing, limits, storeWrapper, socketModeUrl, extraCommands, pace);
    }

    Options timing(AckTiming newTiming) {
      return new Options(
          socketMode,
          wakeOutbox,
          newTiming,
          limits,
          storeWrapper,
          socketModeUrl,
          extraCommands,
          pace);
    }

    /** How many engine and Slack workers, and how long their queues may grow. */
    Options limits(WorkLimits newLimits) {
      return new Options(
          socketMode,
          wakeOutbox,
          timing,
          newLimits,
          storeWrapper,
          socketModeUrl,
          extraCommands,
          pace);
    }

    Options store(UnaryOperator<Store> wrapper) {
      return new Options(
          socketMode, wakeOutbox, timing, limits, wrapper, socketModeUrl, extraCommands, pace);
    }

    Options socketMode(String url) {
      return new Options(true, wakeOutbox, timing, limits, storeWrapper, url, extraCommands, pace);
    }

    /** The pace the Slack gateway declares (messages a second); unpaced (1000) unless set. */
    Options pace(double perSecond) {
      return new Options(
          socketMode,
          wakeOutbox,
          timing,
          limits,
          storeWrapper,
          socketModeUrl,
          extraCommands,
          perSecond);
    }

    /** Commands beyond Nudge's own, e.g. one that opens a form before the engine has such flows. */
    Options withCommands(CommandHandler... commands) {
      return new Options(
          socketMode,
          wakeOutbox,
          timing,
          limits,
          storeWrapper,
          socketModeUrl,
          List.of(commands),
          pace);
    }
  }

  /**
   * What an input wakes, instead of draining the outbox on the Slack worker: a server's delivery
   * loop, set by a test that runs one.
   */
  volatile Runnable outboxWakeUp;

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

  /** Every input the engine received, in order. */
  final List<Inbound> received = new CopyOnWriteArrayList<>();

  SlackTestbed() {
    this(Options.defaults());
  }

  /**
   * One node of several on one database and one fake Slack, which the caller opened and closes:
   * inputs then go through the shared inbox, as on PostgreSQL behind a load balancer.
   */
  record Shared(Database database, FakeSlackApi slack, String node) {}

  private final Shared shared;

  SlackTestbed(Options options) {
    this(options, null);
  }

  SlackTestbed(Options options, Shared shared) {
    this.shared = shared;
    try {
      slack = shared != null ? shared.slack() : new FakeSlackApi();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    slack.user(LEAD, "Lena", "Europe/Berlin");
    slack.user(MENTOR, "Maria", "America/New_York");
    slack.user(MENTEE, "Alice", "Asia/Kolkata");
    if (options.socketModeUrl() != null) {
      slack.socketModeUrl(options.socketModeUrl());
    }
    database =
        shared != null
            ? shared.database()
            : Database.open(
                new NudgeConfig.DatabaseConfig(
                    "jdbc:h2:mem:slack-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4));
    store = options.storeWrapper().apply(new JdbiStore(database.jdbi(), new MessageCodec()));
    NudgeConfig.SlackConfig config =
        new NudgeConfig.SlackConfig(
            FakeSlackApi.BOT_TOKEN,
            SIGNING_SECRET,
            options.socketMode() ? APP_TOKEN : null,
            slack.apiUrl());
    // Unpaced in tests (the dispatcher's pacing is its own subject); Slack's rate is 4 a second.
    adapter =
        SlackAdapter.connect(config, metrics, options.timing(), options.limits(), options.pace());
    Features nudge =
        Features.create(
            EngineSettings.defaults(Set.of(user(LEAD))),
            QUESTIONS,
            Directory.byPlatform(Map.of(SlackAdapter.PLATFORM, adapter.directory())));
    Features features =
        options.extraCommands().isEmpty()
            ? nudge
            : new Features(
                nudge.services(),
                withExtra(nudge.commands(), options.extraCommands()),
                nudge.flows(),
                nudge.routines());
    engine = new Engine(store, clock, features);
    sweep = new org.nudge.engine.rhythm.Sweep(store, clock, features.routines());
    dispatcher =
        new Dispatcher(
            store, clock, List.of(adapter.gateway()), "test", features.services().outreach());
    http =
        HttpHost.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            HealthCheck.sql(database.dataSource()),
            metrics);
    adapter.start(
        new SlackHandlers.SlackEngine() {
          @Override
          public org.nudge.engine.model.Reply handle(Inbound inbound) {
            received.add(inbound);
            return engine.handle(inbound);
          }

          @Override
          public org.nudge.engine.model.Reply handle(
              Inbound inbound, java.util.function.Consumer<org.nudge.engine.domain.Tx> along) {
            received.add(inbound);
            return engine.handle(inbound, along);
          }
        },
        store,
        clock,
        http,
        options.wakeOutbox()
            ? () -> {
              Runnable wake = outboxWakeUp;
              if (wake != null) {
                wake.run();
              } else {
                dispatcher.drain();
              }
            }
            : () -> {},
        shared == null ? null : shared.node());
  }

  private static CommandRegistry withExtra(CommandRegistry nudge, List<CommandHandler> extra) {
    List<CommandHandler> commands = new ArrayList<>(nudge.commands());
    commands.addAll(extra);
    return new CommandRegistry(commands);
  }

  static UserRef user(String id) {
    return new UserRef(SlackAdapter.PLATFORM, FakeSlackApi.TEAM, id);
  }

  Optional<Member> member(String id) {
    return store.inTransaction(tx -> tx.members().find(user(id)));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.port() + "/slack/events");
  }

  // -------------------------------------------------------------------------------------------
  // Requests as Slack sends them

  /** A slash command typed by {@code userId} in channel {@code C0GENERAL}. */
  HttpResponse<String> command(String userId, String command, String text) {
    return post(
        commandBody(userId, command, text, "C0GENERAL"), "application/x-www-form-urlencoded");
  }

  String commandBody(String userId, String command, String text, String channel) {
    Map<String, String> form = new LinkedHashMap<>();
    form.putAll(commandPayload(userId, command, text, channel));
    return formEncode(form);
  }

  Map<String, String> commandPayload(String userId, String command, String text, String channel) {
    int n = SEQUENCE.incrementAndGet();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", FakeSlackApi.TEAM);
    form.put("team_domain", "nudge-test");
    form.put("channel_id", channel);
    form.put("channel_name", "general");
    form.put("user_id", userId);
    form.put("user_name", userId.toLowerCase(Locale.ROOT));
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0NUDGE");
    form.put("response_url", slack.responseUrl("cmd-" + n));
    form.put("trigger_id", "trigger-" + n);
    return form;
  }

  /** A click on a button ({@code value}) from a message, with its response_url. */
  HttpResponse<String> click(String userId, String actionId, String value) {
    ObjectNode payload = interaction("block_actions", userId);
    payload.put("response_url", slack.responseUrl("click-" + SEQUENCE.incrementAndGet()));
    payload.putObject("container").put("type", "message").put("channel_id", "D" + userId);
    payload.putObject("channel").put("id", "D" + userId).put("name", "directmessage");
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("type", "button");
    action.put("action_id", actionId);
    action.put("block_id", "b1");
    action.put("value", value);
    action.put("action_ts", "1700000000.1");
    return post(
        "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  /** A modal submitted with values by block id (our field ids). */
  HttpResponse<String> submit(String userId, String callbackId, Map<String, String> values) {
    ObjectNode payload = interaction("view_submission", userId);
    ObjectNode view = payload.putObject("view");
    view.put("id", "V0FORM");
    view.put("type", "modal");
    view.put("callback_id", callbackId);
    view.putObject("title").put("type", "plain_text").put("text", "Weekly reflection");
    ObjectNode state = view.putObject("state").putObject("values");
    values.forEach(
        (field, value) ->
            state
                .putObject(field)
                .putObject(field)
                .put("type", "plain_text_input")
                .put("value", value));
    return post(
        "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  private ObjectNode interaction(String type, String userId) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", type);
    payload.put("api_app_id", "A0NUDGE");
    payload.put("token", "legacy-verification-token");
    payload.put("trigger_id", "trigger-" + SEQUENCE.incrementAndGet());
    payload.putObject("team").put("id", FakeSlackApi.TEAM).put("domain", "nudge-test");
    payload
        .putObject("user")
        .put("id", userId)
        .put("username", userId.toLowerCase(Locale.ROOT))
        .put("team_id", FakeSlackApi.TEAM);
    return payload;
  }

  /** The Events API envelope of a direct message to the bot. */
  String directMessageEvent(String userId, String eventId, String text) {
    return messageEvent(userId, eventId, text, "D" + userId, "im");
  }

  /** A person's message in a conversation of the given id and {@code channel_type}. */
  String messageEvent(
      String userId, String eventId, String text, String channel, String channelType) {
    ObjectNode envelope = envelope(eventId, 1_700_000_000L);
    ObjectNode event = envelope.putObject("event");
    event.put("type", "message");
    event.put("channel", channel);
    event.put("user", userId);
    event.put("text", text);
    event.put("ts", "1700000000.000200");
    event.put("event_ts", "1700000000.000200");
    event.put("channel_type", channelType);
    return envelope.toString();
  }

  /** An Events API envelope to Nudge's bot in the fake workspace, without its event yet. */
  private static ObjectNode envelope(String eventId, long eventTime) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("token", "legacy-verification-token");
    envelope.put("team_id", FakeSlackApi.TEAM);
    envelope.put("api_app_id", "A0NUDGE");
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", eventTime);
    envelope
        .putArray("authorizations")
        .addObject()
        .put("team_id", FakeSlackApi.TEAM)
        .put("user_id", FakeSlackApi.BOT_USER)
        .put("is_bot", true);
    return envelope;
  }

  HttpResponse<String> event(String body, Integer retryNum) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (retryNum != null) {
      headers.put("X-Slack-Retry-Num", retryNum.toString());
      headers.put("X-Slack-Retry-Reason", "http_timeout");
    }
    long now = Instant.now().getEpochSecond();
    return send(body, "application/json", now, signer.sign(now, body), headers);
  }

  /** Posts {@code body} signed now with the right secret. */
  /**
   * A slash command's form {@code body} as Slack signs and posts it to {@code endpoint}, for a
   * caller with its own {@link HttpClient} (the benchmarks time the send alone).
   */
  HttpRequest signedForm(URI endpoint, String body) {
    long ts = Instant.now().getEpochSecond();
    return HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", Long.toString(ts))
        .header("X-Slack-Signature", signer.sign(ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  HttpResponse<String> post(String body, String contentType) {
    long now = Instant.now().getEpochSecond();
    return send(body, contentType, now, signer.sign(now, body), Map.of());
  }

  HttpResponse<String> send(
      String body,
      String contentType,
      long timestamp,
      String signature,
      Map<String, String> headers) {
    Map<String, String> signed = new LinkedHashMap<>(headers);
    signed.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
    signed.put("X-Slack-Signature", signature);
    return unsigned(body, contentType, signed);
  }

  /** Posts {@code body} with only {@code headers} besides its content type: no signature added. */
  HttpResponse<String> unsigned(String body, String contentType, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      return client.send(
          request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("The request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> get(String path) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String formEncode(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (body.length() > 0) {
            body.append('&');
          }
          body.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return body.toString();
  }

  // -------------------------------------------------------------------------------------------
  // What the user sees

  /**
   * What {@code userId} sees after typing a slash command in {@code C0GENERAL}: Slack's ack must be
   * an empty 200, and the reply is the first message posted to the command's response_url, checked
   * to be ephemeral.
   */
  JsonNode replyTo(String userId, String command, String text) {
    Map<String, String> form = commandPayload(userId, command, text, "C0GENERAL");
    HttpResponse<String> ack = post(formEncode(form), "application/x-www-form-urlencoded");
    if (ack.statusCode() != 200 || !ack.body().isEmpty()) {
      throw new AssertionError("Expected an empty ack, got " + ack.statusCode() + " " + ack.body());
    }
    return awaitReply(form.get("response_url"));
  }

  /** The text {@code userId} reads in the reply to a slash command. */
  String shownTo(String userId, String command, String text) {
    return shown(replyTo(userId, command, text));
  }

  /** The first message posted to {@code responseUrl}, checked to be ephemeral. */
  JsonNode awaitReply(String responseUrl) {
    String id = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
    return ephemeral(slack.await("response_url", c -> id.equals(c.responseId())).bodyJson());
  }

  /** {@code reply}, checked to be shown only to its user. */
  static JsonNode ephemeral(JsonNode reply) {
    if (!reply.path("response_type").asText().equals("ephemeral")) {
      throw new AssertionError("Not an ephemeral reply: " + reply);
    }
    return reply;
  }

  /** The text a user reads in a reply's sections. */
  static String shown(JsonNode reply) {
    StringBuilder text = new StringBuilder();
    for (JsonNode block : reply.path("blocks")) {
      if (block.path("type").asText().equals("section")) {
        text.append(block.path("text").path("text").asText()).append('\n');
      }
    }
    return text.toString();
  }

  /** Pairs Maria (mentor) with Alice (mentee) in program Spring, posting to {@code C0PROGRAM}. */
  /**
   * The Events API envelope of a {@code file_share} message, as Slack sends it when {@code userId}
   * shares the file {@code fileId} ({@code fileName}, of {@code mimetype}) in {@code channel}, with
   * {@code text} beside it and in the thread {@code threadTs} (null: none).
   */
  static String fileShare(
      String eventId,
      String userId,
      String channel,
      String text,
      String threadTs,
      String fileId,
      String fileName,
      String mimetype) {
    ObjectNode envelope = envelope(eventId, 1_700_000_100L);
    ObjectNode event = envelope.putObject("event");
    event.put("type", "message");
    event.put("subtype", "file_share");
    event.put("text", text);
    event.put("user", userId);
    event.put("upload", true);
    event.put("display_as_bot", false);
    String type = fileName.substring(fileName.lastIndexOf('.') + 1);
    ObjectNode file = event.putArray("files").addObject();
    file.put("id", fileId);
    file.put("created", 1_700_000_100L);
    file.put("timestamp", 1_700_000_100L);
    file.put("name", fileName);
    file.put("title", fileName);
    file.put("mimetype", mimetype);
    file.put("filetype", type);
    file.put("pretty_type", type.toUpperCase(Locale.ROOT));
    file.put("user", userId);
    file.put("size", 12_345);
    file.put("mode", "hosted");
    file.put("is_external", false);
    file.put("is_public", false);
    String url = "https://files.slack.com/files-pri/" + FakeSlackApi.TEAM + "-" + fileId;
    file.put("url_private", url + "/" + fileName);
    file.put("url_private_download", url + "/download/" + fileName);
    event.put("ts", "1700000100.000200");
    if (threadTs != null) {
      event.put("thread_ts", threadTs);
    }
    event.put("channel", channel);
    event.put("event_ts", "1700000100.000200");
    event.put("channel_type", "im");
    return envelope.toString();
  }

  void pairMariaWithAlice() {
    shownTo(LEAD, "/nudge", "program create Spring <#C0PROGRAM|mentoring>");
    String paired = shownTo(LEAD, "/nudge", "pair <@UMARIA|maria> <@UALICE|alice> Spring");
    if (!paired.contains("Paired")) {
      throw new AssertionError("Pairing failed: " + paired);
    }
  }

  @Override
  public void close() {
    adapter.close();
    http.close();
    if (shared == null) {
      slack.close();
      database.close();
    }
  }
}
