package org.nudge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.config.NudgeConfig;
import org.nudge.storage.Database;

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
  @DisplayName("A failing route answers 500 without its error message")
  void failingRoute() throws Exception {
    host.mount(
        "GET",
        "/boom",
        call -> {
          throw new IllegalStateException("secret detail");
        });
    HttpResponse<String> boom = get("/boom");
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).doesNotContain("secret detail");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + host.port() + path);
  }
}
