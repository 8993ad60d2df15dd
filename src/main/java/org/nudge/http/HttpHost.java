package org.nudge.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.nudge.config.NudgeConfig.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudge's one HTTP server, on the JDK's own {@link HttpServer}: {@code GET /healthz}, {@code GET
 * /metrics}, and whatever adapters mount (Slack's {@code POST /slack/events}). The JDK server keeps
 * Jetty 9 (end of life, the last {@code bolt-jetty}) out of the build; Slack's Bolt core needs no
 * servlet container, only the request body and headers.
 *
 * <p>Requests run on {@link RequestWorkers}: a bounded number of threads and of requests waiting
 * for one, and a deadline for each request to arrive, so slow or stalled clients can't starve
 * {@code /healthz} or Slack's commands. {@code /healthz} answers 200 only when every part in its
 * {@link Readiness} is ready.
 */
public final class HttpHost implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpHost.class);

  /** Slack's payloads are a few kilobytes; anything this big is not from Slack. */
  static final int MAX_BODY_BYTES = 1 << 20;

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK of the headers, about 40 ms on Linux. Read
    // once, when the JDK first starts a server, so it is set before any is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final RequestWorkers workers;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicReference<String> lastProblem = new AtomicReference<>();
  private volatile boolean wasReady;
  private static final String READY = "";

  private HttpHost(HttpServer server, RequestWorkers workers) {
    this.server = server;
    this.workers = workers;
  }

  /** Listens on every interface at the configured port (0 picks a free one). */
  public static HttpHost start(HttpConfig config, Readiness readiness, Metrics metrics) {
    return start(new InetSocketAddress(config.port()), readiness, metrics);
  }

  /** Listens on the configured port, ready whenever {@code health} passes (benchmarks). */
  public static HttpHost start(HttpConfig config, HealthCheck health, Metrics metrics) {
    return start(new InetSocketAddress(config.port()), health, metrics);
  }

  /** Listens at {@code address}; tests bind the loopback interface. */
  public static HttpHost start(InetSocketAddress address, Readiness readiness, Metrics metrics) {
    return start(address, readiness, metrics, RequestWorkers.Limits.DEFAULT);
  }

  /** Listens at {@code address}, ready whenever {@code health} passes (tests, benchmarks). */
  public static HttpHost start(InetSocketAddress address, HealthCheck health, Metrics metrics) {
    return start(address, new Readiness().require("the database", health), metrics);
  }

  static HttpHost start(
      InetSocketAddress address,
      Readiness readiness,
      Metrics metrics,
      RequestWorkers.Limits limits) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 128);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Nudge could not listen on port " + address.getPort() + ": " + e.getMessage(), e);
    }
    RequestWorkers workers = new RequestWorkers(limits, metrics);
    server.setExecutor(workers);
    HttpHost host = new HttpHost(server, workers);
    host.mount("GET", "/healthz", call -> host.health(readiness));
    host.mount(
        "GET",
        "/metrics",
        call ->
            new HttpAnswer(
                200, "text/plain; version=0.0.4; charset=utf-8", Map.of(), metrics.render()));
    server.createContext("/", host::serve);
    server.start();
    log.info("HTTP listening on port {}", host.port());
    return host;
  }

  /** Serves {@code method path} with {@code route}; each pair can be mounted once. */
  public void mount(String method, String path, Route route) {
    if (routes.putIfAbsent(method + " " + path, route) != null) {
      throw new IllegalStateException(method + " " + path + " is already served");
    }
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Whether {@code method path} is served yet. */
  public boolean serves(String method, String path) {
    return routes.containsKey(method + " " + path);
  }

  private HttpAnswer health(Readiness readiness) {
    if (readiness.draining()) {
      // Expected while the node stops (the server logs it once): no warning per probe.
      return HttpAnswer.text(503, "draining: this node is shutting down\n");
    }
    Optional<String> problem = readiness.problem();
    // Logged when it changes, not on every probe; a warning once Nudge has been ready.
    String now = problem.orElse(READY);
    String before = lastProblem.getAndSet(now);
    if (!now.equals(before)) {
      if (now.equals(READY)) {
        log.info("Ready: every part Nudge was configured with answers");
      } else if (before == null || !wasReady) {
        log.info("Not ready yet: {}", now);
      } else {
        log.warn("Not ready: {}", now);
      }
      wasReady |= now.equals(READY);
    }
    return problem.isEmpty()
        ? HttpAnswer.text(200, "ok\n")
        : HttpAnswer.text(503, "not ready: " + problem.get() + "\n");
  }

  private void serve(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      if (workers.refusing()) {
        // Every thread is busy: say so without reading the body. The connection is closed after
        // the answer, since the body is left unread.
        exchange.getResponseHeaders().set("Retry-After", "1");
        write(exchange, HttpAnswer.text(503, "busy: try again in a moment\n"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Route route = routes.get(method + " " + path);
      HttpAnswer answer;
      if (route == null) {
        boolean otherMethod = routes.keySet().stream().anyMatch(key -> key.endsWith(" " + path));
        answer =
            otherMethod
                ? HttpAnswer.text(405, "method not allowed\n")
                : HttpAnswer.text(404, "not found\n");
      } else {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
          // What is left of it is drained still under the deadline, or the connection closed.
          answer = HttpAnswer.text(413, "request too large\n");
        } else if (!workers.arrived()) {
          // Too slow: its connection is being closed; nothing is answered.
          return;
        } else {
          answer = call(route, exchange, path, method, body);
        }
      }
      write(exchange, answer);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private HttpAnswer call(
      Route route, HttpExchange exchange, String path, String method, byte[] body) {
    HttpCall call =
        new HttpCall(
            method,
            path,
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            new String(body, StandardCharsets.UTF_8),
            exchange.getRemoteAddress().getAddress().getHostAddress());
    try {
      return route.handle(call);
    } catch (Exception e) {
      // An exception's message may quote the request (people's words), at any log level: say
      // what failed and where, never why.
      log.error("{} {} failed: {} at {}", method, path, e.getClass().getName(), where(e));
      return HttpAnswer.text(500, "internal error\n");
    }
  }

  /** The innermost cause's first frame: where it was thrown, with no message. */
  private static String where(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    StackTraceElement[] frames = root.getStackTrace();
    return frames.length == 0
        ? root.getClass().getName()
        : root.getClass().getSimpleName() + " in " + frames[0];
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void write(HttpExchange exchange, HttpAnswer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
      exchange.getResponseHeaders().put(header.getKey(), header.getValue());
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Lets calls in flight finish for up to two seconds, then stops listening and the threads. */
  @Override
  public void close() {
    // The JDK 17 server's stop(delay) waits the whole delay even when idle, so wait here instead.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (inFlight.get() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    workers.close();
  }
}
