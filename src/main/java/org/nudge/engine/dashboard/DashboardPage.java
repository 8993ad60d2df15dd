package org.nudge.engine.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.Texts;
import org.nudge.engine.dashboard.DashboardView.Figure;
import org.nudge.engine.dashboard.DashboardView.Row;
import org.nudge.engine.digest.Digest;
import org.nudge.engine.digest.Digest.PairReport;
import org.nudge.engine.digest.DigestBuilder;
import org.nudge.engine.digest.DigestTrend;
import org.nudge.engine.digest.PairHealth.Band;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;

/**
 * Builds a program's {@link DashboardView} from the digest a lead would get on demand at the same
 * moment ({@link DigestBuilder#onDemand}) and its {@link DigestTrend}, so the page's figures are
 * the digest's by construction.
 */
public final class DashboardPage {

  /** Pairs per page: 10,000 rows would be megabytes of HTML for a phone. */
  public static final int PAGE_SIZE = 1000;

  private final DigestBuilder builder;
  private final DigestTrend trend;

  public DashboardPage(DigestBuilder builder) {
    this.builder = builder;
    this.trend = new DigestTrend(builder);
  }

  /** The view of {@code programId} at {@code now}, page {@code page} of its pairs (from 1). */
  public Optional<DashboardView> view(Tx tx, long programId, Instant now, int page) {
    Optional<Program> found = tx.programs().byId(programId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Program program = found.get();
    Digest d = builder.onDemand(tx, program, now);
    List<DigestTrend.Week> weeks = trend.weeks(tx, program, d);
    List<PairReport> sorted = new ArrayList<>(d.pairs());
    // Those that need a word first, lowest score first: the pairs a lead opens the page for.
    sorted.sort(
        Comparator.comparingInt((PairReport p) -> bandOrder(p.health().band()))
            .thenComparingInt(p -> p.health().score())
            .thenComparingLong(p -> p.stats().pairId()));
    int pages = Math.max(1, (sorted.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int shown = Math.min(Math.max(page, 1), pages);
    List<Row> rows = new ArrayList<>();
    for (PairReport p :
        sorted.subList((shown - 1) * PAGE_SIZE, Math.min(sorted.size(), shown * PAGE_SIZE))) {
      rows.add(row(p, d));
    }
    String title =
        d.wholeWeek()
            ? Texts.day(d.from(), d.zone()) + " to " + Texts.day(d.to(), d.zone())
            : "week so far, since " + Texts.dayTime(d.from(), d.zone());
    return Optional.of(
        new DashboardView(
            program.name(),
            title,
            figures(d),
            weeks,
            DigestTrend.chart(program.name(), d.zone(), weeks),
            rows,
            sorted.size(),
            shown,
            pages));
  }

  static List<Figure> figures(Digest d) {
    int rate = Digest.rate(d.promptsResponded(), d.promptsSent());
    int met = Digest.rate(d.dueMet(), d.pairsDue());
    return List.of(
        new Figure(
            "active-pairs",
            "Active pairs",
            Texts.count(d.activePairs()),
            d.newPairs() > 0 ? d.newPairs() + " new this week" : "none new this week"),
        new Figure(
            "response-rate",
            "Prompts answered",
            rate < 0 ? "–" : rate + "%",
            d.promptsResponded() + " of " + d.promptsSent() + " prompts"),
        new Figure(
            "check-ins",
            "Check-ins due that were met",
            met < 0 ? "–" : met + "%",
            d.dueMet() + " of " + d.pairsDue() + " pairs due"),
        new Figure("wins", "Wins logged", Texts.count(d.wins()), d.winsBefore() + " last week"),
        new Figure("thanks", "Thank-yous", Texts.count(d.thanks()), "between partners this week"),
        new Figure(
            "needs-a-word",
            "Pairs that need a word",
            Texts.count(d.count(Band.NEEDS_A_WORD)),
            d.count(Band.THRIVING) + " thriving, " + d.count(Band.STEADY) + " steady"));
  }

  private static Row row(PairReport p, Digest d) {
    Band band = p.health().band();
    List<String> reasons = new ArrayList<>(p.health().risks());
    reasons.addAll(p.health().reasons());
    Instant last = p.stats().lastCheckInAt();
    return new Row(
        p.names(),
        p.health().score(),
        band.words(),
        bandOrder(band),
        String.join("; ", reasons),
        last == null ? "never" : Texts.day(last, d.zone()),
        last == null ? 0 : last.getEpochSecond(),
        p.stats().phase(),
        p.stats().cadenceDays());
  }

  private static int bandOrder(Band band) {
    return switch (band) {
      case NEEDS_A_WORD -> 0;
      case STEADY -> 1;
      case THRIVING -> 2;
    };
  }
}
