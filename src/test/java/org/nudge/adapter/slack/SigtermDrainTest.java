package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

/**
 * The real Nudge process as a Slack HTTP node, stopped with SIGTERM ({@link Process#destroy()} on
 * Linux) while it works through a backlog at Slack's pace: it says "draining" on {@code /healthz},
 * still serves Slack while the load balancer moves away, hands back what it claimed, and exits in
 * order with status 143 (the JVM's status for SIGTERM; a clean exit has no ERROR in its log).
 */
@DisplayName("SIGTERM: a Slack node drains and exits cleanly")
class SigtermDrainTest {

  private static final int BACKLOG = 40;
  private static final String CHANNEL = "C0BACKLOG";
  private static final Pattern PORT = Pattern.compile("HTTP listening on port (\\d+)");

  @TempDir Path dir;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();
  private final SlackSigner signer = new SlackSigner(SlackTestbed.SIGNING_SECRET);
  private FakeSlackApi slack;

  @BeforeEach
  void fakeSlack() throws IOException {
    slack = new FakeSlackApi();
    slack.user("UDRAIN", "Dana", "Europe/Berlin");
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  @Test
  @DisplayName("On the embedded H2 file: 503 while draining, exit 143 within 20 s, nothing claimed")
  void drainsOnH2() throws Exception {
    Path file = dir.resolve("nudge");
    String url = "jdbc:h2:file:" + file;
    try (Database database = TestDatabases.h2File(file)) {
      seed(database);
    }
    drainsAndResumes(
        url,
        "sa",
        check -> {
          try (Database database = TestDatabases.h2File(file)) {
            return check.apply(database);
          }
        });
  }

  @Test
  @DisplayName("On PostgreSQL: 503 while draining, exit 143 within 20 s, nothing claimed")
  void drainsOnPostgres() throws Exception {
    try (TestDatabases.PostgresSchema postgres = TestDatabases.postgres()) {
      seed(postgres.database());
      drainsAndResumes(
          TestDatabases.POSTGRES_URL + "?currentSchema=" + postgres.schema(),
          TestDatabases.POSTGRES_USER,
          check -> check.apply(postgres.database()));
    }
  }

  private void drainsAndResumes(String url, String user, DatabaseCheck database) throws Exception {
    // GIVEN a Slack node working through a backlog of channel posts at Slack's pace
    Stopped first;
    try (Node node = new Node(url, user)) {
      awaitPosts(8);
      // (what an operator watches says so: sends by outcome, how late the oldest due message is)
      assertThat(node.get("/metrics"))
          .containsPattern("(?m)^nudge_sends_delivered_total [1-9]")
          .contains("nudge_sends_rate_limited_total", "nudge_sends_failed_total")
          .containsPattern("(?m)^nudge_outbox_oldest_due_seconds \\d+$")
          .contains("nudge_sweep_milliseconds_total", "nudge_sweeps_total");

      // WHEN it gets SIGTERM
      first = node.terminate(this);
    }

    // THEN /healthz said it was draining while Slack's requests were still served
    assertThat(first.health()).as("/healthz after SIGTERM").anyMatch(h -> h.startsWith("503"));
    assertThat(first.health()).anyMatch(h -> h.contains("draining"));
    // (a probe that beat the signal may still have seen 200; none after the first 503)
    List<String> health = first.health();
    int draining =
        health.indexOf(health.stream().filter(h -> h.startsWith("503")).findFirst().orElseThrow());
    List<String> afterSignal = health.subList(draining, health.size());
    assertThat(afterSignal).noneMatch(h -> h.startsWith("200"));
    assertThat(first.commandAck()).as("a command sent while draining").isEqualTo(200);
    FakeSlackApi.Call reply = slack.response("drain-1").get(10, TimeUnit.SECONDS);
    assertThat(reply.shownText(null)).isNotBlank();
    // AND it exited in order, within 20 s, with no ERROR and no stack trace
    assertThat(first.exitCode()).as("exit status; output:%n%s", first.output()).isEqualTo(143);
    assertThat(first.took()).isLessThan(Duration.ofSeconds(20));
    assertThat(first.output()).noneMatch(line -> line.contains(" ERROR "));
    assertThat(first.output())
        .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    assertThat(first.output()).anyMatch(line -> line.contains("Nudge stopped"));
    // AND it handed back what it had claimed: no row is left waiting for a lease
    long posted = backlogPosts().size();
    assertThat(posted).isLessThan(BACKLOG);
    assertThat(database.check(db -> count(db, "claimed_by IS NOT NULL"))).isZero();
    assertThat(database.check(db -> count(db, "status = 'sent'"))).isEqualTo(posted);

    // AND a new start sends the rest, every message exactly once
    try (Node node = new Node(url, user)) {
      awaitPosts(BACKLOG);
      Stopped second = node.terminate(null);
      assertThat(second.exitCode()).isEqualTo(143);
      assertThat(second.output()).noneMatch(line -> line.contains(" ERROR "));
    }
    Map<String, Long> times =
        backlogPosts().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    assertThat(times.keySet())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, BACKLOG).mapToObj(i -> "backlog " + i).toList());
    assertThat(times.values()).allMatch(n -> n == 1);
    assertThat(database.check(db -> count(db, "status = 'sent'"))).isEqualTo(BACKLOG);
  }

  /** Queues {@link #BACKLOG} posts to one channel, due now. */
  private static void seed(Database database) {
    Store store = new JdbiStore(database.jdbi(), new MessageCodec());
    Instant now = Instant.now();
    store.inTransaction(
        tx -> {
          for (int i = 0; i < BACKLOG; i++) {
            tx.outbox()
                .enqueue(
                    new Outgoing(
                        "drain:" + i,
                        new ConversationRef.Channel("slack", FakeSlackApi.TEAM, CHANNEL),
                        Message.text("backlog " + i)),
                    now,
                    now);
          }
          return null;
        });
  }

  private static long count(Database database, String where) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM outbox WHERE " + where)
                    .mapTo(Long.class)
                    .one());
  }

  private List<String> backlogPosts() {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> CHANNEL.equals(c.params().get("channel")))
        .map(c -> c.params().get("text"))
        .toList();
  }

  private void awaitPosts(int posts) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (backlogPosts().size() < posts && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(backlogPosts()).hasSizeGreaterThanOrEqualTo(posts);
  }

  /** A signed {@code /nudge help} as Slack sends it; its answer goes to response_url drain-1. */
  private int command(int port) throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("team_id", FakeSlackApi.TEAM);
    form.put("channel_id", "C0GENERAL");
    form.put("user_id", "UDRAIN");
    form.put("command", "/nudge");
    form.put("text", "help");
    form.put("response_url", slack.responseUrl("drain-1"));
    form.put("trigger_id", "trigger-drain-1");
    String body = SlackTestbed.formEncode(form);
    long now = Instant.now().getEpochSecond();
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", signer.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @FunctionalInterface
  private interface DatabaseCheck {
    long check(Function<Database, Long> query) throws Exception;
  }

  /** How a node stopped: what /healthz said meanwhile, and how it ended. */
  private record Stopped(
      List<String> health, int commandAck, int exitCode, Duration took, List<String> output) {}

  /** {@code org.nudge.Main} in a child JVM as a Slack HTTP node, its log collected line by line. */
  private final class Node implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    Node(String url, String user) throws Exception {
      Path config = dir.resolve("nudge.yaml");
      // A short drain window keeps the test quick; the default is longer (config/nudge.yaml).
      Files.writeString(config, "http:\n  drainSeconds: 2\n");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // The production classes and their libraries only: the test classes' logback-test.xml would
      // hide the log this test reads.
      String classpath =
          Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !entry.endsWith("test-classes"))
              .collect(Collectors.joining(File.pathSeparator));
      ProcessBuilder builder =
          new ProcessBuilder(java, "-cp", classpath, "org.nudge.Main").redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("NUDGE_") || k.startsWith("SLACK_"));
      env.remove("DISCORD_TOKEN");
      env.put("NUDGE_CONFIG", config.toString());
      env.put("NUDGE_DB_URL", url);
      env.put("NUDGE_DB_USER", user);
      env.put("NUDGE_HTTP_PORT", "0");
      env.put("SLACK_BOT_TOKEN", FakeSlackApi.BOT_TOKEN);
      env.put("SLACK_SIGNING_SECRET", SlackTestbed.SIGNING_SECRET);
      env.put("SLACK_API_URL", slack.apiUrl());
      // To a file, not a pipe: a pipe's last lines can be lost as the process ends.
      log = Files.createTempFile(dir, "nudge-", ".log");
      builder.redirectOutput(log.toFile());
      process = builder.start();
      try {
        port = awaitUp();
      } catch (Exception | AssertionError e) {
        close();
        throw e;
      }
    }

    private int awaitUp() throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Integer found = null;
      List<String> output = output();
      while (System.nanoTime() < end && process.isAlive()) {
        output = output();
        found = portIn(output);
        if (found != null && output.stream().anyMatch(l -> l.contains(" is up: "))) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(output)
          .as("the node's start-up; output:%n%s", String.join("\n", output))
          .anyMatch(l -> l.contains(" is up: "));
      return found;
    }

    private List<String> output() {
      try {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    private static Integer portIn(List<String> lines) {
      for (String line : lines) {
        Matcher m = PORT.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      return null;
    }

    String get(String path) throws IOException, InterruptedException {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }

    /**
     * SIGTERM; polls /healthz until the node stops listening and, when {@code commands} is given,
     * sends one signed command while it drains.
     */
    Stopped terminate(SigtermDrainTest commands) throws Exception {
      long start = System.nanoTime();
      process.destroy();
      List<String> health = new ArrayList<>();
      int ack = -1;
      while (process.isAlive()) {
        try {
          HttpResponse<String> answer =
              client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          health.add(answer.statusCode() + " " + answer.body().strip());
          if (commands != null && ack < 0 && answer.statusCode() == 503) {
            ack = commands.command(port);
          }
        } catch (ConnectException | java.net.http.HttpTimeoutException stopped) {
          // No longer listening: the last steps of the shutdown.
        } catch (IOException closing) {
          // The server closed the connection as it stopped.
        }
        Thread.sleep(50);
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
          break;
        }
      }
      boolean exited = process.waitFor(30, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(exited).as("exited; output:%n%s", String.join("\n", output())).isTrue();
      return new Stopped(health, ack, process.exitValue(), took, output());
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
