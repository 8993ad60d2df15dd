package org.nudge.bench;

import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;

/**
 * Where a benchmark's database time goes: the time JDBI measures for each statement, summed by
 * statement (its text up to the first list of values), and the time of the commits. It reads the
 * clock the statements already read, so what it measures costs the same with it as without.
 */
final class StatementTimes {

  private static final Pattern LIST = Pattern.compile("\\(\\s*(\\?|CAST|:__).*", Pattern.DOTALL);

  private record Sum(LongAdder count, LongAdder nanos) {}

  private final Map<String, Sum> sums = new ConcurrentHashMap<>();
  private final LongAdder commitNanos = new LongAdder();
  private final LongAdder commits = new LongAdder();

  /** Starts timing the statements and commits of {@code jdbi}. */
  static StatementTimes on(Jdbi jdbi) {
    StatementTimes times = new StatementTimes();
    jdbi.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logAfterExecution(StatementContext ctx) {
            times.add(ctx.getRenderedSql(), ctx.getElapsedTime(ChronoUnit.NANOS));
          }
        });
    jdbi.setTransactionHandler(
        new LocalTransactionHandler() {
          @Override
          public void commit(Handle handle) {
            long start = System.nanoTime();
            super.commit(handle);
            times.commitNanos.add(System.nanoTime() - start);
            times.commits.increment();
          }
        });
    return times;
  }

  private void add(String sql, long nanos) {
    String key = LIST.matcher(sql.strip()).replaceFirst("(…");
    Sum sum = sums.computeIfAbsent(key, k -> new Sum(new LongAdder(), new LongAdder()));
    sum.count().increment();
    sum.nanos().add(nanos);
  }

  double statementSeconds() {
    return sums.values().stream().mapToLong(s -> s.nanos().sum()).sum() / 1e9;
  }

  double commitSeconds() {
    return commitNanos.sum() / 1e9;
  }

  long commits() {
    return commits.sum();
  }

  /** The {@code top} statements by time: seconds, executions, and the statement's start. */
  List<String> top(int top, int width) {
    return sums.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> -e.getValue().nanos().sum()))
        .limit(top)
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%.2f s, %,d× `%s`",
                    e.getValue().nanos().sum() / 1e9,
                    e.getValue().count().sum(),
                    shorten(e.getKey(), width)))
        .toList();
  }

  private static String shorten(String sql, int width) {
    String one = sql.replaceAll("\\s+", " ");
    return one.length() <= width ? one : one.substring(0, width - 1) + "…";
  }
}
