package org.nudge.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nudge.engine.delivery.ChatGateway;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;

/**
 * A fake chat platform in the same process that enforces a rate limit the way platforms do: a token
 * bucket refilled at {@code perSecond} holding at most {@code burst} tokens; a message that finds
 * the bucket empty is refused with a 429 and a {@code Retry-After} of exactly the time until the
 * next token. It declares its rate through {@link #messagesPerSecond()}, as a real gateway does,
 * and can take {@code latency} to answer, like a call across the network.
 */
final class ThrottledGateway implements ChatGateway {

  private final String platform;
  private final double perSecond;
  private final double burst;
  private final long latencyNanos;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private double tokens;
  private long last = System.nanoTime();

  ThrottledGateway(String platform, double perSecond, double burst, Duration latency) {
    this.platform = platform;
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.latencyNanos = latency.toNanos();
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public double messagesPerSecond() {
    return perSecond;
  }

  @Override
  public Delivery deliver(ConversationRef to, Message message) {
    if (latencyNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(latencyNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Delivery.RetryLater(Duration.ZERO, "interrupted");
      }
    }
    long waitNanos = take();
    if (waitNanos == 0) {
      accepted.incrementAndGet();
      return new Delivery.Delivered();
    }
    refused.incrementAndGet();
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1);
    return new Delivery.RetryLater(Duration.ofMillis(millis), "429 rate limited");
  }

  /** Takes a token; 0 if there was one, else how long until there is. */
  private synchronized long take() {
    if (Double.isInfinite(perSecond)) {
      return 0;
    }
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
  }

  long accepted() {
    return accepted.get();
  }

  long refused() {
    return refused.get();
  }
}
