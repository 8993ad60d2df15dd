package org.nudge.bench;

import java.io.IOException;

/** {@link BenchReport} for benchmarks that sit beside the code they measure, in other packages. */
public final class BenchReportAccess {

  private BenchReportAccess() {}

  public static void write(String title, String body, String command) throws IOException {
    BenchReport.write(title, body, command);
  }

  public static String machine() {
    return BenchReport.machine();
  }
}
