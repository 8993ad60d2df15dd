package org.nudge.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nudge's whole configuration, immutable and validated: {@code config/nudge.yaml} overridden by
 * environment variables. Secrets (tokens, signing secret) come only from the environment.
 */
public record NudgeConfig(
    DatabaseConfig database,
    HttpConfig http,
    SlackConfig slack,
    DiscordConfig discord,
    List<String> admins,
    Defaults defaults,
    Rhythm rhythm,
    String questions,
    OutboxConfig outbox,
    DashboardConfig dashboard) {

  public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/nudge";
  public static final int DEFAULT_HTTP_PORT = 8080;

  public NudgeConfig {
    // A missing section means "all defaults", so a config file only says what differs.
    database = database != null ? database : new DatabaseConfig(DEFAULT_DB_URL, "sa", "", 0);
    http = http != null ? http : new HttpConfig(DEFAULT_HTTP_PORT, null);
    slack = slack != null ? slack : new SlackConfig(null, null, null, null);
    discord = discord != null ? discord : new DiscordConfig(null, null, null, List.of(), 0);
    defaults = defaults != null ? defaults : new Defaults(null, 0, 0);
    rhythm = rhythm != null ? rhythm : new Rhythm(0, 0, 0, 0);
    questions = questions == null || questions.isBlank() ? "config/questions.yaml" : questions;
    admins = admins == null ? List.of() : List.copyOf(admins);
    outbox = outbox != null ? outbox : new OutboxConfig(null);
    dashboard = dashboard != null ? dashboard : new DashboardConfig(null, null);
  }

  /**
   * Dashboard links: the base URL people reach the HTTP host at ({@code NUDGE_PUBLIC_URL}; by
   * default {@code http://localhost:<http.port>}, fine for the console) and the key that signs them
   * ({@code NUDGE_DASHBOARD_KEY}, a secret, so only from the environment; without it Nudge
   * generates one and keeps it in the database).
   */
  public record DashboardConfig(String publicUrl, String key) {
    public DashboardConfig {
      require(
          publicUrl == null || publicUrl.isBlank() || publicUrl.matches("https?://[^\\s?#]+"),
          "dashboard.publicUrl",
          "must be an http:// or https:// URL with no query, like https://nudge.example.org");
      publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl;
      require(
          key == null || key.length() >= 16,
          "dashboard.key",
          "(NUDGE_DASHBOARD_KEY) must be at least 16 characters");
    }

    /** The public URL, or the local one on {@code port}. */
    public String publicUrlOr(int port) {
      return publicUrl != null ? publicUrl : "http://localhost:" + port;
    }

    @Override
    public String toString() {
      return "DashboardConfig[publicUrl="
          + publicUrl
          + ", key="
          + (key == null ? "none" : "***")
          + "]";
    }
  }

  /** Fails with a sentence that names the key. */
  static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(key, problem);
    }
  }

  /** The JDBC database; an H2 file under {@code ./data/} by default. */
  public record DatabaseConfig(String url, String user, String password, int poolSize) {
    public DatabaseConfig {
      require(
          url != null && url.startsWith("jdbc:"),
          "database.url",
          "must be a JDBC URL starting with jdbc:");
      user = user == null ? "" : user;
      password = password == null ? "" : password;
      poolSize = poolSize == 0 ? 8 : poolSize;
      require(poolSize > 0 && poolSize <= 100, "database.poolSize", "must be between 1 and 100");
    }

    @Override
    public String toString() {
      return "DatabaseConfig[url=" + url + ", user=" + user + ", password=***]";
    }
  }

  /**
   * The HTTP port for Slack's HTTP mode, {@code /healthz} and {@code /metrics}, and how long a node
   * told to stop keeps serving requests while {@code /healthz} says "draining", so that a load
   * balancer has stopped sending it traffic before it stops listening.
   */
  public record HttpConfig(int port, Integer drainSeconds) {

    public static final int DEFAULT_DRAIN_SECONDS = 5;

    public HttpConfig {
      require(port >= 0 && port <= 65535, "http.port", "must be a port number from 0 to 65535");
      drainSeconds = drainSeconds == null ? DEFAULT_DRAIN_SECONDS : drainSeconds;
      // The rest of stopping takes a few seconds, and the whole must fit in the 20 s a node
      // allows itself after SIGTERM (and in an orchestrator's grace period).
      require(
          drainSeconds >= 0 && drainSeconds <= 10,
          "http.drainSeconds",
          "must be between 0 and 10 (seconds)");
    }

    public Duration drain() {
      return Duration.ofSeconds(drainSeconds);
    }
  }

  /**
   * Slack: on when a bot token is set; Socket Mode when an app token is set too. {@code
   * messagesPerSecond} paces what Nudge posts to a workspace (0 means Slack's usual allowance).
   */
  public record SlackConfig(
      String botToken,
      String signingSecret,
      String appToken,
      String apiUrl,
      double messagesPerSecond) {

    /**
     * Slack allows about one {@code chat.postMessage} a second per channel and a few hundred a
     * minute per workspace: 4 a second is 240 a minute.
     */
    public static final double DEFAULT_MESSAGES_PER_SECOND = 4.0;

    public SlackConfig {
      apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://slack.com/api/" : apiUrl;
      require(
          apiUrl.startsWith("http://") || apiUrl.startsWith("https://"),
          "slack.apiUrl",
          "must be an http(s) URL");
      if (!apiUrl.endsWith("/")) {
        apiUrl = apiUrl + "/";
      }
      messagesPerSecond = messagesPerSecond == 0 ? DEFAULT_MESSAGES_PER_SECOND : messagesPerSecond;
      require(
          messagesPerSecond >= 0.1 && messagesPerSecond <= 1000,
          "slack.messagesPerSecond",
          "must be between 0.1 and 1000");
    }

    /** Slack's usual pace. */
    public SlackConfig(String botToken, String signingSecret, String appToken, String apiUrl) {
      this(botToken, signingSecret, appToken, apiUrl, 0);
    }

    public boolean enabled() {
      return botToken != null && !botToken.isBlank();
    }

    public boolean socketMode() {
      return enabled() && appToken != null && !appToken.isBlank();
    }

    @Override
    public String toString() {
      return "SlackConfig[enabled="
          + enabled()
          + ", socketMode="
          + socketMode()
          + ", apiUrl="
          + apiUrl
          + ", messagesPerSecond="
          + messagesPerSecond
          + "]";
    }
  }

  /**
   * Discord: on when a token is set. Guild ids get instant command registration. {@code shards} is
   * the total number of gateway shards (0: no sharding); {@code shardIds} are those this node runs
   * (empty: all of them), so several nodes can split the shards between them.
   */
  public record DiscordConfig(
      String token,
      String apiUrl,
      String gatewayUrl,
      List<String> guilds,
      int shards,
      List<Integer> shardIds) {
    public DiscordConfig {
      guilds = guilds == null ? List.of() : List.copyOf(guilds);
      shardIds = shardIds == null ? List.of() : List.copyOf(shardIds);
      require(shards >= 0, "discord.shards", "must be 0 (no sharding) or more");
      require(
          shardIds.isEmpty() || shards > 0,
          "discord.shardIds",
          "needs discord.shards, the total number of shards, to be set");
      for (int id : shardIds) {
        require(
            id >= 0 && id < shards,
            "discord.shardIds",
            "must be shard ids from 0 to discord.shards - 1 ("
                + (shards - 1)
                + "); "
                + id
                + " is not");
      }
      require(
          shardIds.stream().distinct().count() == shardIds.size(),
          "discord.shardIds",
          "must not name a shard twice");
    }

    public DiscordConfig(
        String token, String apiUrl, String gatewayUrl, List<String> guilds, int shards) {
      this(token, apiUrl, gatewayUrl, guilds, shards, List.of());
    }

    public boolean enabled() {
      return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
      return "DiscordConfig[enabled="
          + enabled()
          + ", apiUrl="
          + apiUrl
          + ", gatewayUrl="
          + gatewayUrl
          + ", shards="
          + shards
          + ", shardIds="
          + shardIds
          + "]";
    }
  }

  /** Defaults for members and programs, and the limits of free text. */
  public record Defaults(String timezone, int maxTextLength, int adviceFollowUpDays) {
    public Defaults {
      timezone = timezone == null ? "UTC" : timezone;
      try {
        ZoneId.of(timezone);
      } catch (DateTimeException e) {
        throw new ConfigException("defaults.timezone", "is not a timezone name like Europe/Berlin");
      }
      maxTextLength = maxTextLength == 0 ? 3000 : maxTextLength;
      require(
          maxTextLength >= 100 && maxTextLength <= 3000,
          "defaults.maxTextLength",
          "must be between 100 and 3000 (Slack's section limit)");
      adviceFollowUpDays = adviceFollowUpDays == 0 ? 7 : adviceFollowUpDays;
      require(
          adviceFollowUpDays > 0 && adviceFollowUpDays <= 90,
          "defaults.adviceFollowUpDays",
          "must be between 1 and 90");
    }

    public ZoneId zone() {
      return ZoneId.of(timezone);
    }

    public Duration adviceFollowUp() {
      return Duration.ofDays(adviceFollowUpDays);
    }
  }

  /** The humane limits: how much Nudge may write to one person, and how it catches up. */
  public record Rhythm(
      int weeklyBudget, int catchUpHours, int unansweredBeforeTaper, int taperDays) {
    public Rhythm {
      weeklyBudget = weeklyBudget == 0 ? 3 : weeklyBudget;
      require(
          weeklyBudget >= 1 && weeklyBudget <= 20,
          "rhythm.weeklyBudget",
          "must be between 1 and 20");
      catchUpHours = catchUpHours == 0 ? 12 : catchUpHours;
      require(
          catchUpHours >= 1 && catchUpHours <= 168,
          "rhythm.catchUpHours",
          "must be between 1 and 168");
      unansweredBeforeTaper = unansweredBeforeTaper == 0 ? 3 : unansweredBeforeTaper;
      require(
          unansweredBeforeTaper >= 1 && unansweredBeforeTaper <= 20,
          "rhythm.unansweredBeforeTaper",
          "must be between 1 and 20");
      taperDays = taperDays == 0 ? 14 : taperDays;
      require(taperDays >= 1 && taperDays <= 90, "rhythm.taperDays", "must be between 1 and 90");
    }
  }

  /**
   * How long a sent message stays in the outbox: long enough to recognise an event that is
   * re-delivered or retried, and not forever, as a message quotes members' words.
   */
  public record OutboxConfig(String keepSent) {

    public static final String DEFAULT_KEEP_SENT = "30d";
    private static final Pattern TIME = Pattern.compile("(\\d{1,5})([dwm])");
    private static final long MAX_DAYS = 3650;

    public OutboxConfig {
      keepSent = keepSent == null || keepSent.isBlank() ? DEFAULT_KEEP_SENT : keepSent.strip();
      require(
          days(keepSent) > 0,
          "outbox.keepSent",
          "must be a time like 30d, 8w or 6m (days, weeks or 30-day months), from 1 day to 10"
              + " years");
    }

    public Duration keepSentFor() {
      return Duration.ofDays(days(keepSent));
    }

    /** The days {@code value} says, or 0 when it says none, or too many. */
    private static long days(String value) {
      Matcher m = TIME.matcher(value);
      if (!m.matches()) {
        return 0;
      }
      long days =
          Long.parseLong(m.group(1))
              * switch (m.group(2)) {
                case "w" -> 7;
                case "m" -> 30;
                default -> 1;
              };
      return days <= MAX_DAYS ? days : 0;
    }
  }
}
