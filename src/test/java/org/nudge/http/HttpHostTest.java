package org.nudge.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.config.NudgeConfig;
import org.nudge.storage.Database;
import org.slf4j.LoggerFactory;

@DisplayName("The HTTP host: health, metrics and mounted routes")
class HttpHostTest {

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Database database;
  private HttpHost host;
  private final Metrics metrics = new Metrics();
  private final AtomicLong pending = new AtomicLong(3);

  @BeforeEach
  void start() {
    database =
        Database.open(
            new NudgeConfig.DatabaseConfig(
                "jdbc:h2:mem:http-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2));
    metrics.gauge("nudge_outbox_pending", "Messages waiting in the outbox", pending::get);
    host =
        HttpHost.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            HealthCheck.sql(database.dataSource()),
            metrics);
  }

  @AfterEach
  void stop() {
    host.close();
    database.close();
  }

  @Test
  @DisplayName("GET /healthz answers ok while the database answers SELECT 1, 503 once it doesn't")
  void health() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    database.close();
    HttpResponse<String> down = get("/healthz");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("database");
  }

  @Test
  @DisplayName(
      "GET /healthz answers 503 draining once the node is stopping, though every part is up")
  void draining() throws Exception {
    Readiness readiness =
        new Readiness().require("the database", HealthCheck.sql(database.dataSource()));
    try (HttpHost stopping =
        HttpHost.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), readiness, metrics)) {
      assertThat(get(stopping, "/healthz").statusCode()).isEqualTo(200);

      readiness.drain();

      HttpResponse<String> health = get(stopping, "/healthz");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).startsWith("draining");
    }
  }

  @Test
  @DisplayName("GET /metrics serves counters and gauges in Prometheus' text format")
  void prometheusMetrics() throws Exception {
    metrics.counter("nudge_test_requests_total", "Requests seen").increment();
    pending.set(7);
    HttpResponse<String> scrape = get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(scrape.body())
        .contains("# TYPE nudge_outbox_pending gauge\nnudge_outbox_pending 7\n")
        .contains("# HELP nudge_test_requests_total Requests seen\n")
        .contains("# TYPE nudge_test_requests_total counter\nnudge_test_requests_total 1\n");
  }

  @Test
  @DisplayName("A mounted route gets the body and headers; other paths and methods are refused")
  void mountedRoutes() throws Exception {
    host.mount(
        "POST",
        "/echo",
        call ->
            new HttpAnswer(201, "text/plain", Map.of(), call.header("x-test") + ":" + call.body()));
    HttpResponse<String> echoed =
        client.send(
            HttpRequest.newBuilder(uri("/echo"))
                .header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString("héllo 🎉"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(echoed.statusCode()).isEqualTo(201);
    assertThat(echoed.body()).isEqualTo("yes:héllo 🎉");
    assertThat(get("/echo").statusCode()).isEqualTo(405);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("A failing route answers 500 without its error message, in the answer or a log")
  void failingRoute() throws Exception {
    host.mount(
        "GET",
        "/boom",
        call -> {
          throw new IllegalStateException("wrapped", new RuntimeException("secret detail"));
        });
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    HttpResponse<String> boom;
    try {
      boom = get("/boom");
    } finally {
      root.setLevel(before);
      root.detachAppender(logs);
    }
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).doesNotContain("secret detail");
    assertThat(logs.list)
        .anySatisfy(
            event ->
                assertThat(event.getFormattedMessage())
                    .contains("GET /boom failed: java.lang.IllegalStateException")
                    .contains("RuntimeException in org.nudge.http.HttpHostTest"));
    assertThat(logs.list)
        .allSatisfy(
            event -> {
              assertThat(event.getFormattedMessage()).doesNotContain("secret detail");
              assertThat(event.getThrowableProxy()).isNull();
            });
  }

  @Test
  @DisplayName("GET /healthz says 503 and which part is not ready, until every part is")
  void readiness() throws Exception {
    Readiness readiness =
        new Readiness().require("the database", HealthCheck.sql(database.dataSource()));
    Readiness.Pending slack = readiness.expect("Slack");
    AtomicBoolean connected = new AtomicBoolean();
    try (HttpHost starting =
        HttpHost.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), readiness, metrics)) {
      HttpResponse<String> first = get(starting, "/healthz");
      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.body()).isEqualTo("not ready: Slack: starting\n");

      slack.readyWhen(HealthCheck.when(connected::get, "Socket Mode is not connected"));
      assertThat(get(starting, "/healthz").body())
          .isEqualTo("not ready: Slack: Socket Mode is not connected\n");

      connected.set(true);
      assertThat(get(starting, "/healthz").statusCode()).isEqualTo(200);

      database.close();
      HttpResponse<String> down = get(starting, "/healthz");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("not ready: the database: does not answer\n");
    }
  }

  @Test
  @DisplayName("A client that never finishes its headers is disconnected after the deadline")
  void slowHeaders() throws Exception {
    RequestWorkers.Limits limits = new RequestWorkers.Limits(2, 4, 1, 4, Duration.ofMillis(500));
    try (HttpHost strict =
            HttpHost.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new Readiness(),
                metrics,
                limits);
        Socket first = slowClient(strict, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        Socket second = slowClient(strict, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")) {
      // Both threads are held by clients still sending headers; a third request waits
      assertThat(readAll(first, Duration.ofSeconds(5))).isEmpty();
      assertThat(readAll(second, Duration.ofSeconds(5))).isEmpty();
      assertThat(get(strict, "/healthz").statusCode()).isEqualTo(200);
      assertThat(metrics.value("nudge_http_slow_requests_total")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("When every thread is busy and the queue is full, requests get a 503 at once")
  void busy() throws Exception {
    RequestWorkers.Limits limits = new RequestWorkers.Limits(1, 1, 1, 4, Duration.ofSeconds(3));
    try (HttpHost tiny =
        HttpHost.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new Readiness(),
            metrics,
            limits)) {
      tiny.mount("POST", "/slow", call -> HttpAnswer.text(200, "read\n"));
      String slowPost = "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n1";
      try (Socket holding = slowClient(tiny, slowPost);
          Socket waiting = slowClient(tiny, slowPost)) {
        Thread.sleep(200);

        HttpResponse<String> refused =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tiny.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(1))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("busy: try again in a moment\n");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(metrics.value("nudge_http_refused_total")).isEqualTo(1);
      }
    }
  }

  /** A client that sends {@code start} of a request and then nothing. */
  private static Socket slowClient(HttpHost host, String start) throws Exception {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), host.port());
    socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** What the server sent before it closed the connection (fails if it stays open). */
  private static String readAll(Socket socket, Duration limit) throws Exception {
    socket.setSoTimeout((int) limit.toMillis());
    try {
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("The server left a slow connection open for " + limit);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private HttpResponse<String> get(HttpHost other, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + host.port() + path);
  }
}
