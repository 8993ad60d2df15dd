package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
}
