package org.nudge.bench;

/**
 * The machine line of {@link BenchReport}, for benchmarks that sit beside the code they measure.
 */
public final class BenchReportAccess {

  private BenchReportAccess() {}

  public static String machine() {
    return BenchReport.machine();
  }
}
