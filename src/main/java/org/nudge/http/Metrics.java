package org.nudge.http;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A handful of counters and gauges served at {@code GET /metrics} in Prometheus' text format. Kept
 * deliberately tiny: Nudge needs a few numbers an operator alerts on (requests, late acks, outbox
 * backlog), not a metrics library.
 */
public final class Metrics {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private final Map<String, Metric> metrics = new ConcurrentSkipListMap<>();

  /** The counter called {@code name}, created on first use. */
  public Counter counter(String name, String help) {
    Metric metric = metrics.computeIfAbsent(name, n -> new Counter(checked(n), help));
    if (!(metric instanceof Counter counter)) {
      throw new IllegalArgumentException(name + " is already a gauge");
    }
    return counter;
  }

  /** A gauge read when scraped, e.g. the outbox's pending count from the database. */
  public void gauge(String name, String help, LongSupplier value) {
    if (metrics.putIfAbsent(name, new Gauge(checked(name), help, value)) != null) {
      throw new IllegalArgumentException("There is already a metric called " + name);
    }
  }

  /** The current value of a metric (tests and the benchmark read counters this way). */
  public long value(String name) {
    Metric metric = metrics.get(name);
    return metric == null ? 0 : metric.read();
  }

  /** Everything in Prometheus' text exposition format 0.0.4. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Metric metric : metrics.values()) {
      long value;
      try {
        value = metric.read();
      } catch (RuntimeException e) {
        // A gauge whose source is down (the database) is left out rather than failing the scrape.
        continue;
      }
      out.append("# HELP ").append(metric.name()).append(' ').append(escape(metric.help()));
      out.append("\n# TYPE ").append(metric.name()).append(' ').append(metric.type());
      out.append('\n').append(metric.name()).append(' ').append(value).append('\n');
    }
    return out.toString();
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(name + " is not a Prometheus metric name");
    }
    return name;
  }

  private static String escape(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private sealed interface Metric permits Counter, Gauge {
    String name();

    String help();

    String type();

    long read();
  }

  /** A count that only goes up. */
  public static final class Counter implements Metric {
    private final String name;
    private final String help;
    private final LongAdder adder = new LongAdder();

    private Counter(String name, String help) {
      this.name = name;
      this.help = help;
    }

    public void increment() {
      adder.increment();
    }

    /** Adds {@code amount} (not negative), e.g. the milliseconds a sweep took. */
    public void add(long amount) {
      if (amount < 0) {
        throw new IllegalArgumentException("A counter only goes up");
      }
      adder.add(amount);
    }

    public long count() {
      return adder.sum();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String help() {
      return help;
    }

    @Override
    public String type() {
      return "counter";
    }

    @Override
    public long read() {
      return adder.sum();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s=%d", name, count());
    }
  }

  private record Gauge(String name, String help, LongSupplier value) implements Metric {
    @Override
    public String type() {
      return "gauge";
    }

    @Override
    public long read() {
      return value.getAsLong();
    }
  }
}
