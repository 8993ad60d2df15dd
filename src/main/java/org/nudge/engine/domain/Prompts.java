package org.nudge.engine.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.domain.Entries.Prompt;

/**
 * The record of every message Nudge starts with a person. It carries the idempotency key, so a
 * prompt is recorded once, and it is what the weekly budget, the back-off and the digests count.
 */
public interface Prompts {

  /** Records a prompt unless its key is already recorded; the stored prompt, or empty if known. */
  Optional<Prompt> record(Prompt prompt);

  Optional<Prompt> byId(long id);

  /** How many budget-counted prompts the member is sent in {@code [from, to)}. */
  int countedBetween(long memberId, Instant from, Instant to);

  /** When the member was last sent a counted prompt. */
  Optional<Instant> lastSent(long memberId);

  /** The member's open prompts of one kind, oldest first. */
  List<Prompt> open(long memberId, String kind);

  void setStatus(long id, String status, Instant at);

  // Batch forms, so a routine handling a batch of due members reads and writes each table once
  // per batch rather than once per member. Each means exactly what its single form means.

  /** {@link #record} for each prompt in order; the answer at each index is that prompt's. */
  default List<Optional<Prompt>> recordAll(List<Prompt> prompts) {
    List<Optional<Prompt>> recorded = new ArrayList<>(prompts.size());
    for (Prompt p : prompts) {
      recorded.add(record(p));
    }
    return recorded;
  }

  /**
   * When each member was sent the budget-counted prompts sent at or after {@code from}, in no
   * particular order; counting those in {@code [a, b)} with {@code a >= from} gives {@link
   * #countedBetween}. Members with none are absent.
   */
  Map<Long, List<Instant>> countedSentSince(Collection<Long> memberIds, Instant from);

  /**
   * Expires the reflection prompt each member was last sent (see {@link
   * Members.NextPrompt#openReflectionId}) if it is still open, by primary key, without reading the
   * member's older prompts. Returns the members whose prompt was open and now expired.
   */
  Set<Long> expireOpenReflections(Collection<Long> memberIds, Instant at);
}
