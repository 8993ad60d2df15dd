package org.nudge.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@code GET /healthz} asks: Nudge is ready only when every part it was configured with is:
 * the database, each endpoint (Slack's {@code /slack/events} mounted, Socket Mode connected,
 * Discord connected) and the scheduler. A load balancer or a rolling deploy sends traffic only
 * after that, so no command arrives before the route that serves it.
 *
 * <p>Parts are declared before the HTTP host starts, so that {@code /healthz} says "starting" from
 * its first answer; each is checked afresh on every call, so a part that fails later (the database,
 * a dropped Socket Mode connection) makes Nudge unready again.
 *
 * <p>Once the node is told to stop ({@link #drain()}), it is not ready for good, whatever its parts
 * say, so the load balancer sends its traffic elsewhere while the node finishes.
 */
public final class Readiness {

  private final List<Part> parts = new CopyOnWriteArrayList<>();
  private volatile boolean draining;

  /** Ready only while {@code check} passes. */
  public Readiness require(String part, HealthCheck check) {
    parts.add(new Part(part, check));
    return this;
  }

  /**
   * A part that is still starting: not ready until {@link Pending#readyWhen} hands it the check of
   * the started part.
   */
  public Pending expect(String part) {
    Pending pending = new Pending();
    parts.add(new Part(part, pending::check));
    return pending;
  }

  /** From now on the node is shutting down and wants no new traffic. */
  public void drain() {
    draining = true;
  }

  /** True once {@link #drain()} was called. */
  public boolean draining() {
    return draining;
  }

  /** Empty when every part is ready; else one line naming the first part that is not, and why. */
  public Optional<String> problem() {
    if (draining) {
      return Optional.of("draining");
    }
    for (Part part : parts) {
      try {
        part.check().check();
      } catch (HealthCheck.NotReady e) {
        return Optional.of(part.name() + ": " + e.getMessage());
      } catch (Exception e) {
        return Optional.of(part.name() + ": does not answer");
      }
    }
    return Optional.empty();
  }

  private record Part(String name, HealthCheck check) {}

  /** A part declared before it exists; see {@link #expect}. */
  public static final class Pending {
    private volatile HealthCheck started;

    private Pending() {}

    /** From now on the part is ready whenever {@code check} passes. */
    public void readyWhen(HealthCheck check) {
      this.started = check;
    }

    private void check() throws Exception {
      HealthCheck check = started;
      if (check == null) {
        throw new HealthCheck.NotReady("starting");
      }
      check.check();
    }
  }
}
