package org.nudge.engine.model;

/**
 * A message the engine wants delivered later, written to the outbox in the same transaction as the
 * change that caused it. The idempotency key makes redelivery harmless: a key is stored once.
 */
public record Outgoing(String idempotencyKey, ConversationRef to, Message message) {}
