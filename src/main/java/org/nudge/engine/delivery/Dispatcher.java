package org.nudge.engine.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.domain.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due rows with a lease, hands each to its platform's gateway, and
 * records the outcome. Delivery is at least once: a crash between the platform accepting a message
 * and the row being marked sent re-sends that one message after the lease expires.
 */
public final class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int MAX_ATTEMPTS = 8;

  private final Store store;
  private final Clock clock;
  private final Map<String, ChatGateway> gateways;
  private final String node;

  public Dispatcher(Store store, Clock clock, List<ChatGateway> gateways, String node) {
    this.store = store;
    this.clock = clock;
    this.gateways =
        gateways.stream().collect(Collectors.toMap(ChatGateway::platform, Function.identity()));
    this.node = node;
  }

  /** Delivers what is due now, up to {@code batch} messages; returns how many were attempted. */
  public int dispatchDue(int batch) {
    Instant now = clock.instant();
    List<OutboxEntry> claimed =
        store.inTransaction(tx -> tx.outbox().claim(node, batch, now, LEASE));
    for (OutboxEntry entry : claimed) {
      deliver(entry);
    }
    return claimed.size();
  }

  /** Delivers until nothing is due (the console does this after every line). */
  public void drain() {
    while (dispatchDue(100) > 0) {
      // keep going
    }
  }

  private void deliver(OutboxEntry entry) {
    String platform = entry.message().to().platform();
    ChatGateway gateway = gateways.get(platform);
    ChatGateway.Delivery result =
        gateway == null
            ? new ChatGateway.Delivery.Failed("Nudge is not connected to " + platform)
            : gateway.deliver(entry.message().to(), entry.message().message());
    Instant now = clock.instant();
    if (result instanceof ChatGateway.Delivery.Delivered) {
      store.inTransaction(
          tx -> {
            tx.outbox().markSent(entry.id(), now);
            return null;
          });
    } else if (result instanceof ChatGateway.Delivery.RetryLater retry
        && entry.attempts() + 1 < MAX_ATTEMPTS) {
      log.warn("Delivery {} will be retried in {}: {}", entry.id(), retry.after(), retry.reason());
      store.inTransaction(
          tx -> {
            tx.outbox().markFailed(entry.id(), retry.reason(), now.plus(retry.after()));
            return null;
          });
    } else {
      String reason =
          result instanceof ChatGateway.Delivery.Failed failed
              ? failed.reason()
              : "gave up after "
                  + MAX_ATTEMPTS
                  + " attempts: "
                  + ((ChatGateway.Delivery.RetryLater) result).reason();
      log.warn("Delivery {} failed for good: {}", entry.id(), reason);
      store.inTransaction(
          tx -> {
            tx.outbox().markFailed(entry.id(), reason, null);
            return null;
          });
    }
  }
}
