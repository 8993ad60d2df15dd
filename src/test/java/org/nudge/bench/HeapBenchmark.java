package org.nudge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.app.DeliveryLoop;
import org.nudge.app.Nudge;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.scheduling.QuartzScheduler;
import org.nudge.storage.Database;

/**
 * Issue 3: the heap a running Nudge uses with 100k pairs scheduled (goal: at most 256 MB), next to
 * the same Nudge on an empty database. Nudge is wired as {@code Server} wires it (database pool,
 * HTTP host, engine, dispatcher, Quartz with the minute sweep, delivery loop) with a fake platform
 * in place of Slack and Discord; the heap is read after the start-up sweep, idle, after a full GC.
 *
 * <p>Run: {@code mvn -Pbench verify -Dtest=HeapBenchmark}
 */
@Tag("bench")
@DisplayName("Benchmark: heap with 100k pairs scheduled")
class HeapBenchmark {

  private static final int PAIRS = Integer.getInteger("nudge.bench.pairs", 100_000);

  @TempDir Path dir;

  @Test
  @DisplayName("used heap after GC, Nudge started and idle, 100k pairs against none")
  void heap() throws Exception {
    long harness = usedAfterGc();
    long empty = running(dir.resolve("empty"));

    Path full = dir.resolve("full");
    try (Database db = EnqueueBenchmark.open(full)) {
      // Everyone's next reflection, check-in, feedback round and revisit is scheduled, none due.
      BenchData.seed(
          db.dataSource(),
          2 * PAIRS,
          BenchData.ZONES,
          BenchData.DUE.plus(Duration.ofDays(2)),
          BenchData.DUE.plus(Duration.ofDays(5)),
          true);
      assertThat(BenchData.count(db.dataSource(), "SELECT COUNT(*) FROM pair")).isEqualTo(PAIRS);
    }
    long loaded = running(full);

    double mb = 1024 * 1024;
    String verdict = loaded <= 256 * mb ? "**Goal met**" : "**Goal missed**";
    String body =
        String.format(
            Locale.ROOT,
            "Used heap (`MemoryMXBean`) after `System.gc()`, with Nudge started as the server"
                + " starts it (pool of 8 on an H2 file, HTTP host, engine, dispatcher and"
                + " delivery loop, Quartz's JDBC job store with the minute sweep) and a fake"
                + " platform, once the start-up sweep and another sweep have"
                + " run and found nothing due and `/metrics` has been scraped once (its gauges count the outbox by status). The"
                + " database with pairs holds %,d pairs (%,d members), each member's next"
                + " reflection and each pair's check-in, feedback round and plan revisit"
                + " scheduled, plus last week's %,d prompts and %,d sent outbox rows.\n\n"
                + "| what | used heap MB |\n"
                + "| --- | ---: |\n"
                + "| the test JVM before Nudge starts (JUnit, Maven's runner) | %.1f |\n"
                + "| Nudge running on an empty database | %.1f |\n"
                + "| Nudge running with %,d pairs scheduled | %.1f |\n\n"
                + "%s (at most 256 MB): %.1f MB in all, %.1f MB more than the test JVM"
                + " alone. Nudge keeps no per-member or per-pair state in memory (scheduling is"
                + " data: an indexed due column per member and pair); what grows with the"
                + " database is H2's page cache, which runs inside the same JVM and fills only with the pages that are read"
                + " (an idle minute reads few). The peak while a sweep enqueues a busy minute is"
                + " not measured here.",
            PAIRS,
            2 * PAIRS,
            2 * PAIRS,
            2 * PAIRS,
            harness / mb,
            empty / mb,
            PAIRS,
            loaded / mb,
            verdict,
            loaded / mb,
            (loaded - harness) / mb);
    BenchReport.write(
        "Heap: 100k pairs scheduled", body, "mvn -Pbench verify -Dtest=HeapBenchmark");
  }

  /** Starts Nudge on the database file, lets it settle, and returns the used heap after a GC. */
  private static long running(Path file) throws Exception {
    NudgeConfig config =
        new ConfigLoader()
            .load(Map.of("NUDGE_DB_URL", "jdbc:h2:file:" + file, "NUDGE_HTTP_PORT", "0"));
    // Nothing is due at this instant: the sweep finds its batches empty, as on an idle minute.
    Clock clock = Clock.fixed(BenchData.DUE, ZoneOffset.UTC);
    try (Nudge nudge = Nudge.start(config, clock)) {
      Metrics metrics = new Metrics();
      // The outbox gauges Server registers; a scrape of /metrics counts the outbox by status.
      for (String status : List.of("pending", "failed")) {
        metrics.gauge(
            "nudge_outbox_" + status,
            "Outbox messages " + status,
            () ->
                nudge
                    .database()
                    .jdbi()
                    .withHandle(
                        h ->
                            h.createQuery("SELECT COUNT(*) FROM outbox WHERE status = :s")
                                .bind("s", status)
                                .mapTo(Long.class)
                                .one()));
      }
      try (HttpHost http =
          HttpHost.start(config.http(), HealthCheck.sql(nudge.database().dataSource()), metrics)) {
        Features features = nudge.features(Directory.none());
        nudge.engine(features);
        Dispatcher dispatcher =
            nudge.dispatcher(
                features,
                List.of(new ThrottledGateway(BenchData.PLATFORM, 50, 1, Duration.ZERO)),
                "bench-node");
        try (QuartzScheduler scheduler =
                QuartzScheduler.start(
                    nudge.database().dataSource(),
                    nudge.database().isPostgres(),
                    nudge.sweep(features));
            DeliveryLoop delivery = new DeliveryLoop(dispatcher, 500)) {
          // Quartz's start-up sweep runs on its own thread and may not have run yet: one sweep
          // to settle what it would have done (the program's first digest), then an idle one.
          nudge.sweep(features).run();
          Map<String, Integer> idle = nudge.sweep(features).run();
          assertThat(idle.values()).allMatch(n -> n == 0);
          HttpResponse<String> scrape =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + http.port() + "/metrics"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          assertThat(scrape.body()).contains("nudge_outbox_pending");
          Thread.sleep(3_000);
          return usedAfterGc();
        }
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
