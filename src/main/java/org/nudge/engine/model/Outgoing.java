package org.nudge.engine.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A message the engine wants delivered later, written to the outbox in the same transaction as the
 * change that caused it. The idempotency key makes redelivery harmless: a key is stored once.
 * {@code botInitiated} marks what Nudge starts by itself (prompts, reminders, follow-ups), which
 * never goes out in the recipient's quiet hours; a notice caused by a person's action (a partner's
 * win) goes out at once.
 *
 * <p>{@code quotes} declares the members' words the message carries, which the privacy gate checks
 * against its recipient; {@code names} the members it names besides their authors. Both say whom
 * the row is about, so forgetting a member also deletes what was queued or sent about them. Neither
 * is stored in the payload nor read back.
 */
public record Outgoing(
    String idempotencyKey,
    ConversationRef to,
    Message message,
    boolean botInitiated,
    List<Quote> quotes,
    Set<Long> names) {

  public Outgoing {
    quotes = quotes == null ? List.of() : List.copyOf(quotes);
    names = names == null ? Set.of() : Set.copyOf(names);
  }

  public Outgoing(
      String idempotencyKey, ConversationRef to, Message message, boolean botInitiated) {
    this(idempotencyKey, to, message, botInitiated, List.of(), Set.of());
  }

  public Outgoing(String idempotencyKey, ConversationRef to, Message message) {
    this(idempotencyKey, to, message, false);
  }

  /** A message Nudge starts by itself in a member's DM: kept out of their quiet hours. */
  public static Outgoing nudge(String idempotencyKey, UserRef member, Message message) {
    return new Outgoing(idempotencyKey, new ConversationRef.Direct(member), message, true);
  }

  /** A message in a member's DM caused by someone's action: it goes out at once. */
  public static Outgoing notice(String idempotencyKey, UserRef member, Message message) {
    return new Outgoing(idempotencyKey, new ConversationRef.Direct(member), message, false);
  }

  /** The same message declaring more quoted words. */
  public Outgoing quoting(Quote... more) {
    return quoting(List.of(more));
  }

  /** The same message declaring more quoted words. */
  public Outgoing quoting(List<Quote> more) {
    return new Outgoing(
        idempotencyKey,
        to,
        message,
        botInitiated,
        Stream.concat(quotes.stream(), more.stream()).toList(),
        names);
  }

  /** The same message naming more members. */
  public Outgoing naming(long... memberIds) {
    Set<Long> all = new LinkedHashSet<>(names);
    LongStream.of(memberIds).forEach(all::add);
    return new Outgoing(idempotencyKey, to, message, botInitiated, quotes, all);
  }

  /** Every member the message is about: the authors of its quotes and the members it names. */
  public Set<Long> about() {
    Set<Long> about = new LinkedHashSet<>(names);
    quotes.forEach(q -> about.add(q.authorId()));
    return about;
  }
}
