package org.nudge.engine.model;

/**
 * A message the engine wants delivered later, written to the outbox in the same transaction as the
 * change that caused it. The idempotency key makes redelivery harmless: a key is stored once.
 * {@code botInitiated} marks what Nudge starts by itself (prompts, reminders, follow-ups), which
 * never goes out in the recipient's quiet hours; a notice caused by a person's action (a partner's
 * win) goes out at once.
 */
public record Outgoing(
    String idempotencyKey, ConversationRef to, Message message, boolean botInitiated) {

  public Outgoing(String idempotencyKey, ConversationRef to, Message message) {
    this(idempotencyKey, to, message, false);
  }
}
