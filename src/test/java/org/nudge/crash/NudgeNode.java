package org.nudge.crash;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real Nudge as a child process ({@code java -cp <this JVM's class path> org.nudge.Main}), a
 * Slack HTTP node on a port of its own, its output appended to a log file. {@link #kill} is
 * SIGKILL: no shutdown hook runs, nothing is flushed or closed.
 */
final class NudgeNode implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** Children still running; killed if this JVM ends first (a test timing out, Ctrl-C). */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final Process process;
  private final int port;
  private final long startedNanos = System.nanoTime();
  private volatile boolean ready;

  private NudgeNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Nudge with {@code env} on top of this JVM's environment, minus any platform token. */
  static NudgeNode start(Map<String, String> env, Path log) throws IOException {
    int port = freePort();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                javaBin,
                "-Xmx512m",
                // The production logging (INFO), not the tests' logback-test.xml on this class
                // path.
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                "org.nudge.Main")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder
        .environment()
        .keySet()
        .removeAll(List.of("SLACK_APP_TOKEN", "DISCORD_TOKEN", "NUDGE_ADMINS", "NUDGE_LOG_LEVEL"));
    builder.environment().putAll(env);
    builder.environment().put("NUDGE_HTTP_PORT", Integer.toString(port));
    Files.writeString(
        log,
        "---- Nudge started on port " + port + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process = builder.start();
    RUNNING.add(process);
    return new NudgeNode(process, port);
  }

  /** Where Slack sends this node's requests. */
  URI events() {
    return URI.create("http://127.0.0.1:" + port + "/slack/events");
  }

  boolean alive() {
    return process.isAlive();
  }

  /** True once {@link #awaitReady} saw it ready, until it is killed. */
  boolean ready() {
    return ready && process.isAlive();
  }

  /** Seconds since this process was started. */
  double age() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** Waits until {@code /healthz} says 200; fails if the process ends or {@code timeout} passes. */
  void awaitReady(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError("Nudge exited with " + process.exitValue() + " while starting");
      }
      if (get("/healthz").orElse(-1) == 200) {
        ready = true;
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Nudge was not ready within " + timeout);
  }

  /** The {@code nudge_outbox_pending} gauge of {@code /metrics}, if the node answers. */
  OptionalLong pendingOutbox() {
    return metric("nudge_outbox_pending");
  }

  OptionalLong failedOutbox() {
    return metric("nudge_outbox_failed");
  }

  private OptionalLong metric(String name) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (String line : response.body().split("\n")) {
        if (line.startsWith(name + " ")) {
          return OptionalLong.of((long) Double.parseDouble(line.substring(name.length() + 1)));
        }
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  private OptionalLong get(String path) throws InterruptedException {
    try {
      return OptionalLong.of(
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode());
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The process id, which this node's claim tokens carry ({@code <host>-<pid>/…}). */
  long pid() {
    return process.pid();
  }

  /**
   * SIGTERM, as an orchestrator stops a node; waits up to {@code limit} for it to exit and returns
   * its exit code, or -1 if it is still running then.
   */
  int terminate(Duration limit) throws InterruptedException {
    ready = false;
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    RUNNING.remove(process);
    return process.exitValue();
  }

  /** SIGKILL, and waits for the process to be gone. */
  void kill() throws InterruptedException {
    ready = false;
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("Nudge survived SIGKILL for 10 s");
    }
    RUNNING.remove(process);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
