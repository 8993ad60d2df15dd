package org.nudge.storage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nudge.chart.TrendPng;
import org.nudge.dashboard.DashboardRoute;
import org.nudge.engine.dashboard.DashboardLinks;
import org.nudge.engine.dashboard.DashboardPage;
import org.nudge.engine.dashboard.DashboardSettings;
import org.nudge.engine.dashboard.DashboardView;
import org.nudge.engine.digest.DigestBuilder;
import org.nudge.engine.domain.DigestWeeks;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Store;
import org.nudge.testing.TestDatabases;

/**
 * The dashboard of a program of 10,000 pairs over a million events (the digest benchmark's data),
 * on H2: the HTML rendered on the server from the engine's view (jte, precompiled), the view itself
 * (the on-demand digest and eleven past weeks from the weekly tallies), and the trend chart drawn
 * as a PNG; each beside a bare baseline in the same run. Replaces the {@code ## Dashboard and trend
 * chart} section of BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -Pbench verify -Dtest=DashboardBenchmark}
 */
@Tag("bench")
// Seeding a million events takes minutes on a shared machine, beyond the tests' 3-minute limit.
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@DisplayName("Benchmark: the dashboard and the trend chart")
class DashboardBenchmark {

  private static final Instant TO = Instant.parse("2026-06-01T09:00:00Z");
  private static final Instant NOW = TO.plus(Duration.ofDays(2));
  private static final int WARM_UP = 5;
  private static final int ROUNDS = 21;
  static final String SECTION = "## Dashboard and trend chart";

  @Test
  @DisplayName("10k pairs: page rendered, view computed, chart drawn")
  void dashboardOfTenThousandPairs() throws Exception {
    try (Database database = TestDatabases.h2Memory()) {
      database.jdbi().useHandle(new DigestBenchmark()::seed);
      Store store = new JdbiStore(database.jdbi(), new MessageCodec());
      DigestWeeks weeks = store.inTransaction(tx -> tx.digests().schedule(1).weeks());
      database
          .jdbi()
          .useTransaction(
              h -> new JdbiTallies(h).recount(1, weeks, weeks.weeksBefore(weeks.startOf(TO), 14)));
      Program program = store.inTransaction(tx -> tx.programs().byId(1).orElseThrow());
      DigestBuilder builder = new DigestBuilder(3);
      DashboardPage page = new DashboardPage(builder);
      DashboardLinks links =
          new DashboardLinks(new DashboardSettings("http://localhost:8080", null));
      String link =
          store.inTransaction(
              tx ->
                  links.link(
                      tx.keyValues(),
                      1,
                      org.nudge.engine.model.UserRef.parse("bench:w:lead"),
                      NOW));
      String token = link.substring(link.indexOf("&t=") + 3);
      DashboardRoute route =
          new DashboardRoute(store, Clock.fixed(NOW, ZoneOffset.UTC), links, page);

      Supplier<DashboardView> firstPage =
          () -> store.inTransaction(tx -> page.view(tx, 1, NOW, 1).orElseThrow());
      long coldStart = System.nanoTime();
      DashboardView view = firstPage.get();
      double cold = (System.nanoTime() - coldStart) / 1_000_000.0;
      DashboardView all = allOnOnePage(view, store, page);

      String[] html = {""};
      List<Double> render = time(() -> html[0] = route.page(view, 1, token).body(), ROUNDS);
      String[] allHtml = {""};
      List<Double> renderAll = time(() -> allHtml[0] = route.page(all, 1, token).body(), ROUNDS);
      // Bare: the same rows and figures appended to a StringBuilder, no template, no escaping.
      List<Double> bareRender = time(() -> bare(view), ROUNDS);
      List<Double> computeView = time(firstPage::get, 11);
      List<Double> digestOnly =
          time(() -> store.inTransaction(tx -> builder.onDemand(tx, program, NOW)), 11);
      byte[][] png = {null};
      List<Double> chart = time(() -> png[0] = TrendPng.draw(view.chart()), ROUNDS);
      List<Double> bareChart = time(DashboardBenchmark::blankPng, ROUNDS);

      int bytes = html[0].getBytes(StandardCharsets.UTF_8).length;
      int allBytes = allHtml[0].getBytes(StandardCharsets.UTF_8).length;
      String body =
          "A program of 10,000 pairs (20,000 members) with a million events over 90 days, seeded as"
              + " the digest benchmark seeds them (H2 in memory), its weekly tallies counted; the"
              + " dashboard asked for on "
              + NOW
              + ". "
              + WARM_UP
              + " warm-up rounds, then the figures are medians (p90) of the rounds shown.\n\n"
              + "| measured | rounds | median ms | p90 ms | size |\n| --- | ---: | ---: | ---: | ---: |\n"
              + row(
                  "page 1 rendered on the server (jte, escaped) from the engine's view: 1,000 pairs of 10,000, those needing a word first",
                  render,
                  kb(bytes))
              + row(
                  "all 10,000 pairs on one page (not served: for comparison)",
                  renderAll,
                  kb(allBytes))
              + row(
                  "bare baseline: the same rows appended to a StringBuilder, no template or escaping",
                  bareRender,
                  "")
              + String.format(
                  Locale.ROOT,
                  "| the view, the first time: the on-demand digest, 11 closed weeks counted from the"
                      + " weekly tallies (then kept), and the rows | 1 | %.1f | | |%n",
                  cold)
              + row(
                  "the view after that (each later request, and the weekly digest's chart): the"
                      + " digest, 11 kept weeks, the rows",
                  computeView,
                  "")
              + row(
                  "bare baseline: the on-demand digest alone (what `/nudge digest preview` computes)",
                  digestOnly,
                  "")
              + row(
                  "trend chart drawn as a PNG (JFreeChart, headless, 800 px wide)",
                  chart,
                  kb(png[0].length))
              + row("bare baseline: a blank image of the same size encoded as PNG", bareChart, "")
              + "\n**Goals**: the page rendered in at most 300 ms and 2 MB: "
              + verdict(median(render) <= 300 && bytes <= 2_000_000)
              + String.format(
                  Locale.ROOT,
                  " (%.1f ms, %s; paged by %,d pairs, so its size doesn't grow with the program)",
                  median(render),
                  kb(bytes),
                  DashboardPage.PAGE_SIZE)
              + "; the chart drawn in at most 200 ms: "
              + verdict(median(chart) <= 200)
              + String.format(Locale.ROOT, " (%.1f ms).", median(chart))
              + " Computing the view is not part of rendering and is the larger cost: the first"
              + " time it counts twelve weeks as twelve digests do"
              + String.format(
                  Locale.ROOT,
                  " (%.0f ms); closed weeks are then kept, so a view costs about the week's digest"
                      + " (%.0f ms, against %.0f ms for the digest alone; H2 answers a repeated"
                      + " identical query from its result cache, which flatters both).",
                  cold,
                  median(computeView),
                  median(digestOnly))
              + "\n\nRun on "
              + java.time.LocalDate.now(ZoneOffset.UTC)
              + ". "
              + org.nudge.bench.BenchReportAccess.machine()
              + "\n\nCommand: `mvn -Pbench verify -Dtest=DashboardBenchmark`\n";
      write(body);
      System.out.println(body);
    }
  }

  private static DashboardView allOnOnePage(DashboardView first, Store store, DashboardPage page) {
    List<DashboardView.Row> rows = new ArrayList<>();
    for (int p = 1; p <= first.pages(); p++) {
      int n = p;
      rows.addAll(store.inTransaction(tx -> page.view(tx, 1, NOW, n).orElseThrow()).pairs());
    }
    return new DashboardView(
        first.programName(),
        first.title(),
        first.figures(),
        first.weeks(),
        first.chart(),
        rows,
        first.totalPairs(),
        1,
        1);
  }

  private static String bare(DashboardView view) {
    StringBuilder out = new StringBuilder(256 * 1024);
    for (DashboardView.Figure f : view.figures()) {
      out.append("<div>").append(f.label()).append(f.value()).append(f.detail()).append("</div>");
    }
    for (DashboardView.Row r : view.pairs()) {
      out.append("<tr><td>")
          .append(r.names())
          .append("</td><td>")
          .append(r.score())
          .append("</td><td>")
          .append(r.band())
          .append("</td><td>")
          .append(r.reasons())
          .append("</td><td>")
          .append(r.lastCheckIn())
          .append("</td><td>")
          .append(r.phase())
          .append("</td><td>")
          .append(r.cadenceDays())
          .append("</td></tr>");
    }
    return out.toString();
  }

  private static byte[] blankPng() {
    BufferedImage image = new BufferedImage(TrendPng.WIDTH, 930, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<Double> time(Runnable work, int rounds) {
    for (int i = 0; i < WARM_UP; i++) {
      work.run();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      work.run();
      millis.add((System.nanoTime() - start) / 1_000_000.0);
    }
    Collections.sort(millis);
    return millis;
  }

  private static double median(List<Double> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  private static String row(String what, List<Double> sorted, String size) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.1f | %.1f | %s |%n",
        what,
        sorted.size(),
        median(sorted),
        sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
        size);
  }

  private static String kb(int bytes) {
    return String.format(Locale.ROOT, "%,d KB", Math.round(bytes / 1024.0));
  }

  private static String verdict(boolean met) {
    return met ? "**met**" : "**not met**";
  }

  private static void write(String body) throws java.io.IOException {
    Path file = Path.of("BENCHMARKS.md");
    String text = Files.readString(file);
    int at = text.indexOf(SECTION + "\n");
    if (at >= 0) {
      int next = text.indexOf("\n## ", at + SECTION.length());
      text = text.substring(0, at) + (next < 0 ? "" : text.substring(next + 1));
    }
    text = text.stripTrailing() + "\n\n" + SECTION + "\n\n" + body;
    Files.writeString(file, text);
  }
}
