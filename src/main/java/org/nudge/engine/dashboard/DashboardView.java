package org.nudge.engine.dashboard;

import java.util.List;
import org.nudge.engine.digest.DigestTrend;
import org.nudge.engine.model.Chart;

/**
 * What a program's dashboard shows, computed by the engine and only laid out by the page: the
 * digest's figures (the same {@code Digest} {@code /nudge digest preview} shows), the twelve weeks
 * behind them, and one row per active pair with its health. Nothing anyone wrote: counts, bands,
 * reasons, dates and the names leads already see in the digest's pairs at risk.
 *
 * @param title e.g. "Spring, week so far since Mon 9 Mar 09:00"
 * @param figures the digest's figures, in the order the page shows them
 * @param pairs one page of the pairs, those needing a word first
 * @param page this page, from 1
 * @param pages how many pages the pairs fill
 */
public record DashboardView(
    String programName,
    String title,
    List<Figure> figures,
    List<DigestTrend.Week> weeks,
    Chart chart,
    List<Row> pairs,
    int totalPairs,
    int page,
    int pages) {

  public DashboardView {
    figures = List.copyOf(figures);
    weeks = List.copyOf(weeks);
    pairs = List.copyOf(pairs);
  }

  /**
   * One figure: an id the page and its tests find it by, a label, the value as shown, and the same
   * sentence the digest says it in.
   */
  public record Figure(String id, String label, String value, String detail) {}

  /**
   * One pair.
   *
   * @param band "thriving", "steady" or "needs a word"
   * @param bandOrder 0 for needs a word, 1 steady, 2 thriving: what sorting by band uses
   * @param lastCheckIn the day it last met, or "never"
   * @param lastCheckInOrder epoch seconds of that day, 0 for never
   */
  public record Row(
      String names,
      int score,
      String band,
      int bandOrder,
      String reasons,
      String lastCheckIn,
      long lastCheckInOrder,
      String phase,
      int cadenceDays) {

    public boolean needsAWord() {
      return bandOrder == 0;
    }
  }
}
