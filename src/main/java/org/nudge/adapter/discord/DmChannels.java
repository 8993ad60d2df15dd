package org.nudge.adapter.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;

/**
 * Opens DM channels gently, as Discord asks of bots: each is opened once and cached, and new ones
 * are opened at a limited rate (a token bucket) so a digest day doesn't open hundreds at once; past
 * the rate, the dispatcher is asked to come back later. People whose DMs are closed are remembered
 * for a while, so Nudge doesn't knock again on every message. All of it is only a cache: another
 * node, or a restart, simply opens the channel again.
 */
final class DmChannels {

  /** Either the open channel or how long to wait before opening another one. */
  record Opening(PrivateChannel channel, Duration retryAfter) {}

  private final Clock clock;
  private final int burst;
  private final Duration refill;
  private final Duration closedFor;
  private final Map<String, PrivateChannel> open = new ConcurrentHashMap<>();
  private final Map<String, Instant> closedUntil = new ConcurrentHashMap<>();
  private double tokens;
  private Instant lastRefill;

  /**
   * @param burst how many DM channels may be opened at once
   * @param refill how long it takes to earn one more
   * @param closedFor how long a closed-DMs answer is believed without asking Discord again
   */
  DmChannels(Clock clock, int burst, Duration refill, Duration closedFor) {
    this.clock = clock;
    this.burst = burst;
    this.refill = refill;
    this.closedFor = closedFor;
    this.tokens = burst;
    this.lastRefill = clock.instant();
  }

  boolean knownClosed(String userId) {
    Instant until = closedUntil.get(userId);
    if (until == null) {
      return false;
    }
    if (until.isAfter(clock.instant())) {
      return true;
    }
    closedUntil.remove(userId);
    return false;
  }

  void markClosed(String userId) {
    open.remove(userId);
    closedUntil.put(userId, clock.instant().plus(closedFor));
  }

  /** The user's DM channel, opening it (one REST call) if this node hasn't yet. */
  Opening open(JDA jda, String userId, long timeoutMillis) {
    PrivateChannel cached = open.get(userId);
    if (cached != null) {
      return new Opening(cached, Duration.ZERO);
    }
    Duration wait = take();
    if (!wait.isZero()) {
      return new Opening(null, wait);
    }
    PrivateChannel channel =
        jda.openPrivateChannelById(userId).timeout(timeoutMillis, TimeUnit.MILLISECONDS).complete();
    open.put(userId, channel);
    return new Opening(channel, Duration.ZERO);
  }

  private synchronized Duration take() {
    Instant now = clock.instant();
    double earned = (double) Duration.between(lastRefill, now).toMillis() / refill.toMillis();
    if (earned > 0) {
      tokens = Math.min(burst, tokens + earned);
      lastRefill = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.ceil((1 - tokens) * refill.toMillis()));
  }
}
