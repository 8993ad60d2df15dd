package org.nudge.engine.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The one open multi-step conversation of each member (a reflection being answered, a feedback
 * round), kept in the database so a restart continues where it was.
 */
public interface Conversations {

  Optional<ConversationState> find(long memberId);

  void save(ConversationState state);

  void clear(long memberId);

  /** A flow's name, its current step, its data as JSON, and when it stops being answerable. */
  record ConversationState(
      long memberId, String flow, String step, String data, Instant updatedAt, Instant expiresAt) {}
}
