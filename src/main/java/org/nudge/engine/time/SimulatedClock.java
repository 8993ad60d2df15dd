package org.nudge.engine.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.nudge.engine.domain.Store;

/**
 * A clock that only moves when told to, for trying a week of Nudge in a minute in the console
 * ({@code :advance 7d}) and for tests.
 *
 * <p>It lives beside the engine, not in the app, so that the console adapter and the tests can use
 * it without depending on the wiring; it keeps its time through the engine's {@link Store} port. It
 * moves in steps of the precision it is given, which the caller takes from storage ({@code
 * Database.PRECISION}): an instant finer than the database keeps would come back as another
 * instant, and what was queued "now" would never be due.
 */
public final class SimulatedClock extends Clock {

  private static final String KEY = "console.simulated-clock";

  private final TemporalUnit precision;
  private final AtomicReference<Instant> now;
  private volatile Store keptIn;

  /**
   * @param start where time stands at first (truncated to {@code precision})
   * @param precision the finest step time moves in: what the database stores exactly
   */
  public SimulatedClock(Instant start, TemporalUnit precision) {
    this.precision = precision;
    this.now = new AtomicReference<>(start.truncatedTo(precision));
  }

  /**
   * From now on every move is saved with the data as it happens, so a process killed in the middle
   * of {@code :advance 7d} resumes where its time had got to, not where the last clean exit was.
   */
  public void keepIn(Store store) {
    this.keptIn = store;
    save(store);
  }

  /**
   * Where a simulation starts: the instant asked for (like {@code 2026-03-02T09:00Z}), else where
   * the last run on this database stopped, else {@code fallback}.
   *
   * @throws IllegalArgumentException with one sentence when {@code requested} is not an instant
   */
  public static Instant resume(Store store, String requested, Instant fallback) {
    if (requested != null && !requested.isBlank()) {
      return parse(requested.strip());
    }
    return store.inTransaction(tx -> tx.keyValues().get(KEY)).map(Instant::parse).orElse(fallback);
  }

  /** An instant, also written without seconds ({@code 2026-03-02T09:00Z}). */
  public static Instant parse(String text) {
    try {
      return Instant.parse(
          text.endsWith("Z") && text.length() == 17 ? text.replace("Z", ":00Z") : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Say the time as an instant, like 2026-03-02T09:00Z, not '" + text + "'.", e);
    }
  }

  /** Keeps the simulated time with the data, so the next run continues from here. */
  public void save(Store store) {
    store.inTransaction(
        tx -> {
          tx.keyValues().put(KEY, instant().toString());
          return null;
        });
  }

  public void advance(Duration duration) {
    now.updateAndGet(t -> exact(t.plus(duration)));
    saveIfKept();
  }

  public void set(Instant instant) {
    now.set(exact(instant));
    saveIfKept();
  }

  private void saveIfKept() {
    Store store = keptIn;
    if (store != null) {
      save(store);
    }
  }

  /** Simulated time, like real time, moves in steps the database stores exactly. */
  private Instant exact(Instant instant) {
    return instant.truncatedTo(precision);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("A simulated clock is always in UTC.");
  }
}
