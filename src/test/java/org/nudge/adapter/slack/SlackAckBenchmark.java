package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;

/**
 * Ack latency of {@code /win} over HTTP mode (signature check, engine, H2 write, ephemeral reply)
 * with 50 concurrent clients on loopback, side by side with a Bolt app whose command handler only
 * acks, behind the same HTTP host. Appends its figures to BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -Pbench verify -Dtest=SlackAckBenchmark}
 */
@Tag("bench")
@DisplayName("Benchmark: Slack /win ack latency")
class SlackAckBenchmark {

  private static final int CLIENTS = 50;
  private static final int WARMUP_PER_CLIENT = 20;
  private static final int MEASURED_PER_CLIENT = 100;

  @Test
  @DisplayName("p50/p99 ack latency of /win against an empty Bolt handler, 50 clients")
  void winAckLatency() throws Exception {
    List<Long> win;
    List<Long> empty;
    try (SlackTestbed slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox())) {
      win = measure(slack, slack.endpoint(), "/win");
      assertThat(slack.metrics.value("nudge_slack_deferred_replies_total")).isZero();
      try (HttpHost emptyHost =
          HttpHost.start(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              () -> {},
              new Metrics())) {
        App bare =
            new App(
                AppConfig.builder()
                    .slack(slack.adapter.app().slack())
                    .singleTeamBotToken(FakeSlackApi.BOT_TOKEN)
                    .signingSecret(SlackTestbed.SIGNING_SECRET)
                    .clientId(null)
                    .clientSecret(null)
                    .authTestCacheExpirationMillis(-1)
                    .build());
        bare.command(Pattern.compile("/.+"), (req, ctx) -> ctx.ack());
        bare.start();
        emptyHost.mount("POST", SlackEndpoint.PATH, new SlackEndpoint(bare));
        empty =
            measure(
                slack,
                URI.create("http://127.0.0.1:" + emptyHost.port() + SlackEndpoint.PATH),
                "/win");
        bare.stop();
      }
    }
    record(win, empty);
  }

  /** Latencies in microseconds of the measured requests, all clients together, sorted. */
  private static List<Long> measure(SlackTestbed slack, URI endpoint, String command)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        String user = String.format(Locale.ROOT, "UBENCH%03d", c);
        Callable<List<Long>> client = () -> runClient(slack, endpoint, command, user);
        results.add(clients.submit(client));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : results) {
        all.addAll(result.get());
      }
      Collections.sort(all);
      return all;
    } finally {
      clients.shutdownNow();
    }
  }

  private static List<Long> runClient(SlackTestbed slack, URI endpoint, String command, String user)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < WARMUP_PER_CLIENT + MEASURED_PER_CLIENT; i++) {
      String body =
          slack.commandBody(user, command, "benchmark win number " + i + " #bench", "C0B");
      long ts = Instant.now().getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-Slack-Request-Timestamp", Long.toString(ts))
              .header("X-Slack-Signature", slack.signer.sign(ts, body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - start) / 1000;
      if (response.statusCode() != 200) {
        throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
      }
      if (i >= WARMUP_PER_CLIENT) {
        latencies.add(micros);
      }
    }
    return latencies;
  }

  private static double percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
  }

  private static void record(List<Long> win, List<Long> empty) throws Exception {
    String row = "| %s | %d | %.1f | %.1f | %.1f |\n";
    StringBuilder text = new StringBuilder();
    text.append("\n## Slack /win ack\n\n");
    text.append("Run on ")
        .append(LocalDate.now())
        .append(": ")
        .append(CLIENTS)
        .append(" concurrent clients on loopback, each sending ")
        .append(WARMUP_PER_CLIENT)
        .append(" warm-up then ")
        .append(MEASURED_PER_CLIENT)
        .append(" measured signed slash commands over HTTP/1.1 keep-alive; latency is from")
        .append(" sending the request to reading the ack. H2 in memory (pool of 4),")
        .append(" the fake Slack API on loopback.\n\n");
    text.append("| handler | requests | p50 ms | p99 ms | max ms |\n");
    text.append("| --- | ---: | ---: | ---: | ---: |\n");
    text.append(
        String.format(
            Locale.ROOT,
            row,
            "Nudge `/win` (verify, engine, H2 write, ephemeral reply)",
            win.size(),
            percentile(win, 50),
            percentile(win, 99),
            win.get(win.size() - 1) / 1000.0));
    text.append(
        String.format(
            Locale.ROOT,
            row,
            "empty Bolt handler (verify, `ctx.ack()`)",
            empty.size(),
            percentile(empty, 50),
            percentile(empty, 99),
            empty.get(empty.size() - 1) / 1000.0));
    text.append("\nMachine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (nproc), ")
        .append(javaVersion())
        .append("\n\n");
    text.append("Command: `mvn -Pbench verify -Dtest=SlackAckBenchmark`\n");
    Path file = Path.of("BENCHMARKS.md");
    if (!Files.exists(file)) {
      Files.writeString(
          file, "# Benchmarks\n\nFigures appended by the benchmarks (`mvn -Pbench verify`).\n");
    }
    Files.writeString(file, text.toString(), StandardOpenOption.APPEND);
    System.out.println(text);
  }

  private static String javaVersion() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return "`java -version`: " + String.join(" / ", output.strip().split("\\R"));
  }
}
