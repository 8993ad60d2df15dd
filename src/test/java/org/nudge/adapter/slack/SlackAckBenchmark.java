package org.nudge.adapter.slack;

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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;

/**
 * Ack latency of {@code /win} over HTTP mode with 50 concurrent clients on loopback, side by side
 * with a Bolt app whose command handler only acks, behind the same HTTP host. Nudge acks once the
 * signature is checked and the command queued; the engine (H2 write) and the ephemeral reply
 * through {@code response_url} follow. Three runs, repeated for several rounds in one JVM (a single
 * run's p99 rests on its slowest 50 requests and varied by half on this two-core machine):
 *
 * <ol>
 *   <li>Nudge, each client a member who waits for the reply to one command before typing the next:
 *       the same work per command as when the reply rode in the ack. Ack and reply latency.
 *   <li>The empty handler, clients sending back to back (there is no reply to wait for).
 *   <li>Nudge with clients sending back to back without waiting for replies: far more than the
 *       engine can take, so it shows the ack under saturation and how many are turned away. Its
 *       replies are awaited before the next run.
 * </ol>
 *
 * Writes its figures to the "Slack /win ack" section of BENCHMARKS.md, replacing the previous ones.
 *
 * <p>Run: {@code mvn -Pbench verify -Dtest=SlackAckBenchmark}
 */
@Tag("bench")
@DisplayName("Benchmark: Slack /win ack latency")
class SlackAckBenchmark {

  private static final int CLIENTS = 50;
  private static final int WARMUP_PER_CLIENT = 20;
  private static final int MEASURED_PER_CLIENT = 100;
  private static final int ROUNDS = 5;
  private static final String SECTION = "## Slack /win ack";

  /** The three ways of loading a handler, each run once per round. */
  private enum Load {
    NUDGE_WAITING,
    EMPTY,
    NUDGE_FLOOD
  }

  /**
   * What the clients of one or more runs measured, in microseconds, sorted; the p99 of each run.
   */
  private record Run(List<Long> acks, List<Long> replies, int busy, List<Double> p99s) {

    static Run of(List<Long> acks, List<Long> replies, int busy) {
      Collections.sort(acks);
      Collections.sort(replies);
      return new Run(acks, replies, busy, List.of(percentile(acks, 99)));
    }

    Run plus(Run other) {
      List<Long> allAcks = new ArrayList<>(acks);
      allAcks.addAll(other.acks);
      List<Long> allReplies = new ArrayList<>(replies);
      allReplies.addAll(other.replies);
      List<Double> allP99s = new ArrayList<>(p99s);
      allP99s.addAll(other.p99s);
      Collections.sort(allAcks);
      Collections.sort(allReplies);
      return new Run(allAcks, allReplies, busy + other.busy, allP99s);
    }
  }

  @Test
  @DisplayName("p50/p99 ack latency of /win against an empty Bolt handler, 50 clients")
  void winAckLatency() throws Exception {
    Map<Load, Run> runs = new EnumMap<>(Load.class);
    long floodTurnedAway;
    try (SlackTestbed slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
        HttpHost emptyHost =
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
                  // SlackEndpoint checks the signature before Bolt, as it does for Nudge.
                  .requestVerificationEnabled(false)
                  .clientId(null)
                  .clientSecret(null)
                  .authTestCacheExpirationMillis(-1)
                  .build());
      bare.command(Pattern.compile("/.+"), (req, ctx) -> ctx.ack());
      bare.start();
      emptyHost.mount("POST", SlackEndpoint.PATH, new SlackEndpoint(bare, AcksFirst.never()));
      URI empty = URI.create("http://127.0.0.1:" + emptyHost.port() + SlackEndpoint.PATH);
      long before = slack.metrics.value("nudge_slack_overloaded_total");
      for (int round = 0; round < ROUNDS; round++) {
        // Each round starts with a different load, so none always runs first.
        for (int i = 0; i < Load.values().length; i++) {
          Load load = Load.values()[(round + i) % Load.values().length];
          Run run =
              switch (load) {
                case NUDGE_WAITING -> measure(slack, slack.endpoint(), true);
                case EMPTY -> measure(slack, empty, false);
                case NUDGE_FLOOD -> measure(slack, slack.endpoint(), false);
              };
          runs.merge(load, run, Run::plus);
        }
      }
      floodTurnedAway = slack.metrics.value("nudge_slack_overloaded_total") - before;
      bare.stop();
    }
    record(
        runs.get(Load.NUDGE_WAITING),
        runs.get(Load.EMPTY),
        runs.get(Load.NUDGE_FLOOD),
        floodTurnedAway);
  }

  /**
   * One run: every client's measured requests together. A flood's replies are awaited once its
   * clients are done, so the next run starts on an idle engine and every command is seen answered.
   */
  private static Run measure(SlackTestbed slack, URI endpoint, boolean waitForReplies)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Run>> results = new ArrayList<>();
      List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
      for (int c = 0; c < CLIENTS; c++) {
        String user = String.format(Locale.ROOT, "UBENCH%03d", c);
        Callable<Run> client = () -> runClient(slack, endpoint, user, waitForReplies, unanswered);
        results.add(clients.submit(client));
      }
      List<Long> acks = new ArrayList<>();
      List<Long> replies = new ArrayList<>();
      int busy = 0;
      for (Future<Run> result : results) {
        acks.addAll(result.get().acks());
        replies.addAll(result.get().replies());
        busy += result.get().busy();
      }
      if (!endpoint.equals(slack.endpoint())) {
        return Run.of(acks, replies, busy);
      }
      for (String responseId : unanswered) {
        slack.slack.response(responseId).get(60, TimeUnit.SECONDS);
      }
      return Run.of(acks, replies, busy);
    } finally {
      clients.shutdownNow();
    }
  }

  private static Run runClient(
      SlackTestbed slack,
      URI endpoint,
      String user,
      boolean waitForReplies,
      List<String> unanswered)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<Long> acks = new ArrayList<>();
    List<Long> replies = new ArrayList<>();
    int busy = 0;
    for (int i = 0; i < WARMUP_PER_CLIENT + MEASURED_PER_CLIENT; i++) {
      Map<String, String> payload =
          slack.commandPayload(user, "/win", "benchmark win number " + i + " #bench", "C0B");
      String body = SlackTestbed.formEncode(payload);
      String responseUrl = payload.get("response_url");
      String responseId = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
      HttpRequest request = slack.signedForm(endpoint, body);
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long ackMicros = (System.nanoTime() - start) / 1000;
      if (response.statusCode() != 200) {
        throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
      }
      boolean turnedAway = response.body().contains(SlackReplies.BUSY);
      if (waitForReplies && !turnedAway) {
        FakeSlackApi.Call reply = slack.slack.response(responseId).get(30, TimeUnit.SECONDS);
        turnedAway = reply.body().contains("too busy");
        if (i >= WARMUP_PER_CLIENT) {
          replies.add((reply.receivedNanos() - start) / 1000);
        }
      } else if (!turnedAway) {
        unanswered.add(responseId);
      }
      if (i >= WARMUP_PER_CLIENT) {
        acks.add(ackMicros);
        busy += turnedAway ? 1 : 0;
      }
    }
    return new Run(acks, replies, busy, List.of());
  }

  private static double percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
  }

  private static void record(Run win, Run empty, Run flood, long floodTurnedAway) throws Exception {
    StringBuilder text = new StringBuilder();
    text.append(SECTION).append("\n\n");
    text.append("Run on ")
        .append(LocalDate.now())
        .append(": ")
        .append(CLIENTS)
        .append(" concurrent clients on loopback, each sending ")
        .append(WARMUP_PER_CLIENT)
        .append(" warm-up then ")
        .append(MEASURED_PER_CLIENT)
        .append(" measured signed slash commands over HTTP/1.1 keep-alive per run; ")
        .append(ROUNDS)
        .append(" rounds of the three runs, each round starting with a different one, and the")
        .append(" figures are over all rounds' measured requests. Ack latency is from sending the")
        .append(" request to reading the ack. Nudge acks once the signature is checked and the")
        .append(" command queued for the engine; the engine (H2 in memory) and the ephemeral reply")
        .append(" through `response_url` follow. In the first row each client waits for its reply")
        .append(" (received by the fake Slack API in the same JVM) before the next command, as a")
        .append(" member would; reply latency is from sending the command to that reply arriving.")
        .append(" The empty handler's clients send back to back, and so do Nudge's in the flood")
        .append(" row: far more than the engine can take at once, so it shows the ack under")
        .append(
            " saturation; the next run starts once every flooded command has been answered.\n\n");
    text.append("| measured | requests | p50 ms | p99 ms | max ms | p99 of each run, ms |\n");
    text.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    row(text, "Nudge `/win` ack, clients waiting for replies", win.acks(), win.p99s());
    row(text, "empty Bolt handler ack (verify, `ctx.ack()`)", empty.acks(), empty.p99s());
    row(
        text,
        "Nudge `/win` ack, clients not waiting for replies (flood)",
        flood.acks(),
        flood.p99s());
    row(
        text,
        "Nudge `/win` reply at `response_url` (engine, H2 write, reply), clients waiting",
        win.replies(),
        List.of());
    double waitingRatio = percentile(win.acks(), 99) / percentile(empty.acks(), 99);
    double floodRatio = percentile(flood.acks(), 99) / percentile(empty.acks(), 99);
    text.append(
        String.format(
            Locale.ROOT,
            "%nAck ratio at p99, Nudge to the empty handler (goal: at most 1.2×): %.2f× under the"
                + " flood, where Nudge's clients behave exactly as the empty handler's (%s);"
                + " %.2f× with clients waiting for replies. At p50: %.2f× and %.2f×. Turned away"
                + " as too busy: %d of %d measured with clients waiting; %d of %d flooded"
                + " commands (warm-up included), and every flooded command was answered.%n",
            floodRatio,
            floodRatio <= 1.2 ? "met" : "not met",
            waitingRatio,
            percentile(flood.acks(), 50) / percentile(empty.acks(), 50),
            percentile(win.acks(), 50) / percentile(empty.acks(), 50),
            win.busy(),
            win.acks().size(),
            floodTurnedAway,
            ROUNDS * CLIENTS * (WARMUP_PER_CLIENT + MEASURED_PER_CLIENT)));
    text.append(
        "\nWhat keeps the flood's acks close to the empty handler's: the engine's work after an"
            + " ack starts once Slack has sent nothing for 5 ms, or 2 s after the command at the"
            + " latest (`AcksFirst`, `WorkLimits`), so a burst is acked first and answered in its"
            + " gaps and right after it; without it, pooled runs of this benchmark gave 1.4 to 1.7×"
            + " under the flood. Rows are mapped by hand instead of by JDBI's `ConstructorMapper`,"
            + " which matched columns to parameters again on every statement (a fifth of the"
            + " engine's CPU per `/win` in a JFR profile of this benchmark). Modal submissions,"
            + " whose answer rides in their own ack, have their own engine workers and never wait.\n");
    text.append("\nMachine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (nproc), ")
        .append(javaVersion())
        .append("\n\n");
    text.append("Command: `mvn -Pbench verify -Dtest=SlackAckBenchmark`\n");
    writeSection(Path.of("BENCHMARKS.md"), text.toString());
    System.out.println(text);
  }

  private static void row(StringBuilder text, String what, List<Long> sorted, List<Double> p99s) {
    text.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %s |%n",
            what,
            sorted.size(),
            percentile(sorted, 50),
            percentile(sorted, 99),
            sorted.get(sorted.size() - 1) / 1000.0,
            p99s.stream()
                .map(p -> String.format(Locale.ROOT, "%.1f", p))
                .collect(Collectors.joining(", "))));
  }

  /**
   * Replaces this benchmark's section of {@code file} (its heading up to the next {@code ## }), or
   * appends it; other benchmarks' sections are left as they are.
   */
  private static void writeSection(Path file, String section) throws IOException {
    String existing =
        Files.exists(file)
            ? Files.readString(file)
            : "# Benchmarks\n\nFigures written by the benchmarks (`mvn -Pbench verify`).\n";
    int start = existing.indexOf(SECTION + "\n");
    String updated;
    if (start < 0) {
      updated = existing + (existing.endsWith("\n") ? "\n" : "\n\n") + section;
    } else {
      int next = existing.indexOf("\n## ", start + SECTION.length());
      String rest = next < 0 ? "" : "\n" + existing.substring(next + 1);
      updated = existing.substring(0, start) + section + rest;
    }
    Files.writeString(file, updated);
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
