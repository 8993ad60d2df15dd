package org.nudge.engine.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.nudge.engine.domain.DigestWeeks;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Chart;

/**
 * A program's last {@value #WEEKS} weeks, each counted as its digest counts it (the same {@link
 * DigestBuilder} over the same weekly tallies), so the trend chart in the digest and the dashboard
 * show the very figures the digest's text does: its latest point is the digest itself.
 */
public final class DigestTrend {

  /** Weeks a trend covers, the digest's own week included. */
  public static final int WEEKS = 12;

  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

  private final DigestBuilder builder;

  public DigestTrend(DigestBuilder builder) {
    this.builder = builder;
  }

  /**
   * One week's figures.
   *
   * @param from the week's start
   * @param whole false for the week under way (a digest asked for on demand)
   * @param responseRate prompts answered as a percentage of those sent, or -1 when none were sent
   * @param dueMetShare pairs that met as a percentage of the pairs due, or -1 when none were due
   */
  public record Week(
      Instant from,
      boolean whole,
      int activePairs,
      int promptsSent,
      int promptsResponded,
      int responseRate,
      int pairsDue,
      int dueMet,
      int dueMetShare,
      int wins) {

    /** The week as kept: its start and counts, comma-separated. */
    String format() {
      return from.getEpochSecond()
          + ","
          + activePairs
          + ","
          + promptsSent
          + ","
          + promptsResponded
          + ","
          + pairsDue
          + ","
          + dueMet
          + ","
          + wins;
    }

    /** A week as {@link #format()} kept it; null if it isn't one (counted again then). */
    static Week parse(String kept) {
      String[] f = kept.split(",");
      if (f.length != 7) {
        return null;
      }
      try {
        int sent = Integer.parseInt(f[2]);
        int responded = Integer.parseInt(f[3]);
        int due = Integer.parseInt(f[4]);
        int met = Integer.parseInt(f[5]);
        return new Week(
            Instant.ofEpochSecond(Long.parseLong(f[0])),
            true,
            Integer.parseInt(f[1]),
            sent,
            responded,
            Digest.rate(responded, sent),
            due,
            met,
            Digest.rate(met, due),
            Integer.parseInt(f[6]));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    static Week of(Digest d) {
      return new Week(
          d.from(),
          d.wholeWeek(),
          d.activePairs(),
          d.promptsSent(),
          d.promptsResponded(),
          Digest.rate(d.promptsResponded(), d.promptsSent()),
          d.pairsDue(),
          d.dueMet(),
          Digest.rate(d.dueMet(), d.pairsDue()),
          d.wins());
    }
  }

  /** The weeks up to and including {@code latest}'s, oldest first. */
  public List<Week> weeks(Tx tx, Program program, Digest latest) {
    DigestWeeks grid = tx.digests().schedule(program.id()).weeks();
    List<Week> weeks = new ArrayList<>(WEEKS);
    weeks.add(Week.of(latest));
    Instant to = latest.from();
    for (int i = 1; i < WEEKS; i++) {
      weeks.add(pastWeek(tx, program, grid, to));
      to = grid.startBefore(to);
    }
    Collections.reverse(weeks);
    return weeks;
  }

  /** The chart of the {@value #WEEKS} weeks up to and including {@code latest}'s. */
  public static Chart chart(Tx tx, DigestTrend trend, Program program, Digest latest) {
    return chart(program.name(), latest.zone(), trend.weeks(tx, program, latest));
  }

  /**
   * A closed week's figures, counted once by the digest's own code and then kept (per program, grid
   * and week, in the key-value store): a closed week is history, and counting eleven of them again
   * for every dashboard view would cost eleven digests. The weekly digest keeps them warm.
   */
  private Week pastWeek(Tx tx, Program program, DigestWeeks grid, Instant to) {
    String key = "trend:" + program.id() + ":" + grid.key() + ":" + to.getEpochSecond();
    Optional<String> kept = tx.keyValues().get(key);
    if (kept.isPresent()) {
      Week week = Week.parse(kept.get());
      if (week != null) {
        return week;
      }
    }
    Week week = Week.of(builder.pastWeek(tx, program, grid, to));
    tx.keyValues().put(key, week.format());
    return week;
  }

  /** The trend as a chart: two shares and two counts, and in words for its alt text. */
  public static Chart chart(String programName, ZoneId zone, List<Week> weeks) {
    List<String> labels = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    List<Double> met = new ArrayList<>();
    List<Double> wins = new ArrayList<>();
    List<Double> pairs = new ArrayList<>();
    for (Week w : weeks) {
      labels.add(LABEL.format(w.from().atZone(zone)) + (w.whole() ? "" : "*"));
      rate.add(w.responseRate() < 0 ? null : (double) w.responseRate());
      met.add(w.dueMetShare() < 0 ? null : (double) w.dueMetShare());
      wins.add((double) w.wins());
      pairs.add((double) w.activePairs());
    }
    List<Chart.Series> series =
        List.of(
            new Chart.Series("Prompts answered", "%", rate),
            new Chart.Series("Check-ins due that were met", "%", met),
            new Chart.Series("Wins logged", "", wins),
            new Chart.Series("Active pairs", "", pairs));
    String title =
        programName
            + ": the last "
            + weeks.size()
            + " weeks"
            + (weeks.isEmpty() || weeks.get(weeks.size() - 1).whole() ? "" : " (* so far)");
    return new Chart(
        title, altText(programName, labels, series), fileName(programName), labels, series);
  }

  /** What a reader of the picture would take from it, in a sentence per line. */
  static String altText(String programName, List<String> labels, List<Chart.Series> series) {
    StringBuilder text =
        new StringBuilder("Trend chart of ")
            .append(programName)
            .append(", weekly from ")
            .append(labels.get(0))
            .append(" to ")
            .append(labels.get(labels.size() - 1))
            .append(". ");
    List<String> parts = new ArrayList<>();
    for (Chart.Series s : series) {
      parts.add(s.name() + " " + movement(s));
    }
    text.append(String.join("; ", parts)).append('.');
    return text.toString();
  }

  /**
   * How a series moved: its earliest third of weeks against its latest third (means of the weeks
   * that have a value), so one odd week doesn't read as a trend.
   */
  static String movement(Chart.Series s) {
    List<Double> known = s.values().stream().filter(Objects::nonNull).toList();
    if (known.isEmpty()) {
      return "had nothing to count";
    }
    int third = Math.max(1, known.size() / 3);
    double early = mean(known.subList(0, third));
    double late = mean(known.subList(known.size() - third, known.size()));
    String unit = s.showsShare() ? "%" : "";
    String from = format(early) + unit;
    String to = format(late) + unit;
    double threshold = s.showsShare() ? 5 : Math.max(1, 0.1 * Math.max(early, late));
    if (known.size() < 2 || Math.abs(late - early) < threshold) {
      return "held steady at about " + to + (s.showsShare() ? "" : " a week");
    }
    return (late > early ? "rose" : "fell") + " from about " + from + " to " + to;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static String format(double value) {
    return Long.toString(Math.round(value));
  }

  /** A plain file name for the program's chart, whatever characters its name has. */
  static String fileName(String programName) {
    String plain = programName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    plain = plain.length() > 60 ? plain.substring(0, 60) : plain;
    plain = plain.replaceAll("^-+|-+$", "");
    return (plain.isEmpty() ? "program" : plain) + "-trend.png";
  }
}
