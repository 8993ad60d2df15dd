package org.nudge.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.nudge.config.ConfigException;
import org.nudge.config.NudgeConfig.SlackConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Engine;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudge on Slack. Two steps, because the engine needs the Slack directory before the adapter can
 * hand the engine Slack's requests:
 *
 * <pre>{@code
 * SlackAdapter slack = SlackAdapter.connect(config.slack(), metrics);    // auth.test, fails fast
 * Features features = nudge.features(Directory.byPlatform(Map.of("slack", slack.directory())));
 * Engine engine = nudge.engine(features);
 * Dispatcher dispatcher = nudge.dispatcher(features, List.of(slack.gateway()), node);
 * slack.start(engine, nudge.store(), clock, http, deliveryLoop::wake);
 * }</pre>
 *
 * HTTP mode (bot token and signing secret) serves {@code POST /slack/events} on the {@link
 * HttpHost}; Socket Mode (an app token too) connects out to Slack instead. Both run the same Bolt
 * listeners. Every Web API call, including Socket Mode's {@code apps.connections.open}, goes to
 * {@code SLACK_API_URL}. Tokens and the signing secret are handed to the Slack client and Bolt and
 * never logged.
 */
public final class SlackAdapter implements AutoCloseable {

  /** The platform id of Slack users: {@code slack:<team id>:<user id>}. */
  public static final String PLATFORM = "slack";

  private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);
  private static final int SOCKET_MODE_CONCURRENCY = 16;
  private static final Duration SOCKET_MODE_CONNECT = Duration.ofSeconds(10);

  private final SlackConfig config;
  private final Slack slack;
  private final App app;
  private final SlackApi api;
  private final SlackGateway gateway;
  private final SlackDirectory directory;
  private final Metrics metrics;
  private final AckTiming timing;
  private final WorkLimits limits;
  private SlackWork work;
  private SharedInbox inbox;
  private SocketModeApp socketMode;
  private final AtomicBoolean connected = new AtomicBoolean();
  private volatile HttpHost mountedOn;
  private volatile boolean closed;

  private SlackAdapter(
      SlackConfig config,
      Slack slack,
      App app,
      SlackApi api,
      Metrics metrics,
      AckTiming timing,
      WorkLimits limits,
      double messagesPerSecond) {
    this.config = config;
    this.slack = slack;
    this.app = app;
    this.api = api;
    this.gateway = new SlackGateway(api, messagesPerSecond);
    this.directory = new SlackDirectory(api);
    this.metrics = metrics;
    this.timing = timing;
    this.limits = limits;
  }

  /**
   * Checks the configuration and the bot token ({@code auth.test}) and builds the Bolt app; nothing
   * is received until {@link #start}. Fails with one sentence when Slack can't be used.
   */
  public static SlackAdapter connect(SlackConfig config, Metrics metrics) {
    return connect(config, metrics, AckTiming.SLACK, WorkLimits.SLACK, config.messagesPerSecond());
  }

  // AppConfig's verificationToken is deprecated, but its default reads the environment: cleared.
  @SuppressWarnings("deprecation")
  static SlackAdapter connect(
      SlackConfig config,
      Metrics metrics,
      AckTiming timing,
      WorkLimits limits,
      double messagesPerSecond) {
    if (!config.enabled()) {
      throw new ConfigException("slack.botToken", "must be set (SLACK_BOT_TOKEN) to use Slack");
    }
    if (!config.socketMode()
        && (config.signingSecret() == null || config.signingSecret().isBlank())) {
      throw new ConfigException(
          "slack.signingSecret",
          "must be set (SLACK_SIGNING_SECRET) for Slack's HTTP mode, or set SLACK_APP_TOKEN"
              + " for Socket Mode");
    }
    com.slack.api.SlackConfig clientConfig = new com.slack.api.SlackConfig();
    clientConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
    // Stats would call auth.test again per token and run a background thread; Nudge has metrics.
    clientConfig.setStatsEnabled(false);
    clientConfig.setHttpClientCallTimeoutMillis(10_000);
    clientConfig.setHttpClientReadTimeoutMillis(10_000);
    // The client's default listeners log whole requests and responses at DEBUG: people's words.
    clientConfig.getHttpClientResponseHandlers().clear();
    Slack slack = Slack.getInstance(clientConfig);
    SlackApi api = new SlackApi(slack, config.botToken());
    AuthTestResponse who;
    try {
      who = api.authTest();
    } catch (SlackCallFailed e) {
      closeQuietly(slack);
      throw new IllegalStateException(
          "Slack did not accept SLACK_BOT_TOKEN: auth.test at "
              + config.apiUrl()
              + " answered "
              + e.error()
              + ".");
    }
    AppConfig appConfig =
        AppConfig.builder()
            .slack(slack)
            .singleTeamBotToken(config.botToken())
            .signingSecret(config.socketMode() ? null : config.signingSecret())
            // Bolt's defaults read these from the environment; Nudge's config is the only source.
            .verificationToken(null)
            .clientId(null)
            .clientSecret(null)
            // The token was checked above; re-checking it inside an ack window every 10 minutes
            // would make acks wait on Slack's API.
            .authTestCacheExpirationMillis(-1)
            .subtypedMessageEventsAutoAckEnabled(true)
            // SlackEndpoint checks every signature before anything parses the body; Bolt's own
            // check would come after its parser, and hashes with the JVM's default charset.
            .requestVerificationEnabled(false)
            // Whatever no listener matched (Unlistened acks what Slack documents) is acked too:
            // Slack retries anything but a 2xx.
            .unmatchedRequestHandler(
                request -> {
                  log.debug("Acked a Slack {} with no listener", request.getRequestType());
                  return Response.ok();
                })
            .build();
    App app = new App(appConfig);
    log.info(
        "Slack: bot {} in workspace {}, {} mode, Web API at {}",
        who.getUserId(),
        who.getTeamId(),
        config.socketMode() ? "Socket" : "HTTP",
        config.apiUrl());
    return new SlackAdapter(config, slack, app, api, metrics, timing, limits, messagesPerSecond);
  }

  /** Who Slack users are on first contact (name and timezone from {@code users.info}). */
  public Directory directory() {
    return directory;
  }

  /** Delivers the outbox's Slack messages; give it to the dispatcher. */
  public ChatGateway gateway() {
    return gateway;
  }

  /** True when Slack's requests arrive over Socket Mode rather than HTTP. */
  public boolean socketMode() {
    return config.socketMode();
  }

  /**
   * Starts receiving Slack's requests. HTTP mode mounts {@code POST /slack/events} on {@code http};
   * Socket Mode connects to Slack ({@code http} then only serves health and metrics, and may be
   * null).
   *
   * @param outboxWakeUp run after each input the engine handled, so what it queued for others goes
   *     out at once: a signal that returns at once, such as the server's delivery loop's {@code
   *     wake()}. It is run on a Slack I/O worker, never on a request's thread or the engine's, so
   *     even a slow one holds back no member's work.
   */
  public void start(Engine engine, Store store, Clock clock, HttpHost http, Runnable outboxWakeUp) {
    start(engine, store, clock, http, outboxWakeUp, null);
  }

  /**
   * As {@link #start(Engine, Store, Clock, HttpHost, Runnable)}, on a database that several nodes
   * share when {@code sharedBy} (this node's name) is set: then each member's inputs take effect in
   * the order they arrived whichever node received them ({@link SharedInbox}).
   */
  public void start(
      Engine engine,
      Store store,
      Clock clock,
      HttpHost http,
      Runnable outboxWakeUp,
      String sharedBy) {
    start(
        new SlackHandlers.SlackEngine() {
          @Override
          public Reply handle(Inbound inbound) {
            return engine.handle(inbound);
          }

          @Override
          public Reply handle(Inbound inbound, Consumer<Tx> sameTransaction) {
            return engine.handle(inbound, sameTransaction);
          }
        },
        store,
        clock,
        http,
        outboxWakeUp,
        sharedBy);
  }

  /** As above; tests record what the engine gets. */
  void start(
      SlackHandlers.SlackEngine engine,
      Store store,
      Clock clock,
      HttpHost http,
      Runnable outboxWakeUp,
      String sharedBy) {
    if (work != null) {
      throw new IllegalStateException("The Slack adapter is already started");
    }
    work = new SlackWork(limits);
    metrics.gauge(
        "nudge_slack_engine_queue",
        "Slack interactions acked and waiting for an engine worker",
        work::waiting);
    EngineQueue queue = new EngineQueue(engine::handle, work, timing, outboxWakeUp, metrics);
    SlackReplies replies = new SlackReplies(api, gateway, work, timing, metrics);
    SlackHandlers handlers =
        new SlackHandlers(
            engine, store, clock, queue, replies, work, new SlackFiles(api), metrics, sharedBy);
    inbox = handlers.inbox();
    handlers.register(app);
    if (config.socketMode()) {
      try {
        socketMode =
            new SocketModeApp(
                config.appToken(),
                app,
                SocketModeClient.Backend.JavaWebSocket,
                SOCKET_MODE_CONCURRENCY);
        socketMode.startAsync();
      } catch (Exception e) {
        throw new IllegalStateException(
            "Slack Socket Mode did not connect (check SLACK_APP_TOKEN): "
                + e.getClass().getSimpleName(),
            e);
      }
      watchConnection(socketMode.getClient());
      log.info(
          connected.get()
              ? "Slack: Socket Mode connected"
              : "Slack: Socket Mode is not connected yet; it keeps trying");
    } else {
      if (http == null) {
        throw new IllegalArgumentException("Slack's HTTP mode needs the HTTP host");
      }
      app.start();
      http.mount(
          "POST",
          SlackEndpoint.PATH,
          new SlackEndpoint(app, work.acks(), Clock.systemUTC(), metrics));
      mountedOn = http;
      log.info("Slack: receiving at POST {} on port {}", SlackEndpoint.PATH, http.port());
    }
  }

  /**
   * Whether Slack's requests can reach Nudge: in HTTP mode once {@code POST /slack/events} is
   * mounted, in Socket Mode while the WebSocket to Slack is open. For {@code GET /healthz}.
   */
  public HealthCheck readiness() {
    return () -> {
      if (closed) {
        throw new HealthCheck.NotReady("stopped");
      }
      if (config.socketMode()) {
        if (!connected.get()) {
          throw new HealthCheck.NotReady("Socket Mode is not connected");
        }
      } else if (mountedOn == null || !mountedOn.serves("POST", SlackEndpoint.PATH)) {
        throw new HealthCheck.NotReady(SlackEndpoint.PATH + " is not served yet");
      }
    };
  }

  /**
   * Follows the Socket Mode connection: open once a ping is answered, and again at each {@code
   * hello} Slack sends on a new connection; closed when the socket closes. The client connects in
   * the background, so this waits up to {@link #SOCKET_MODE_CONNECT} for the first connection.
   */
  private void watchConnection(SocketModeClient client) {
    client.addWebSocketMessageListener(
        message -> {
          // Every envelope passes here; only Slack's greeting matters, and nothing is kept.
          if (message.contains("\"hello\"") && "hello".equals(messageType(message))) {
            connected.set(true);
          }
        });
    client.addWebSocketCloseListener((code, reason) -> connected.set(false));
    long end = System.nanoTime() + SOCKET_MODE_CONNECT.toNanos();
    while (!connected.get() && System.nanoTime() < end) {
      if (client.verifyConnection()) {
        connected.set(true);
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String messageType(String message) {
    try {
      return BlockKit.json().readTree(message).path("type").asText(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The Bolt app (tests feed Socket Mode envelopes through it). */
  App app() {
    return app;
  }

  /** Stops receiving, lets replies in flight finish for a few seconds, and closes the client. */
  @Override
  public void close() {
    closed = true;
    try {
      if (socketMode != null) {
        socketMode.close();
      } else {
        app.stop();
      }
    } catch (Exception e) {
      log.warn("Stopping Slack: {}", e.getClass().getSimpleName());
    }
    if (work != null) {
      work.close();
    }
    if (inbox != null) {
      inbox.close();
    }
    closeQuietly(slack);
  }

  private static void closeQuietly(Slack slack) {
    try {
      slack.close();
    } catch (Exception e) {
      log.debug("Closing the Slack client: {}", e.getClass().getSimpleName());
    }
  }
}
