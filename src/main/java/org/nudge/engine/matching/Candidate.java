package org.nudge.engine.matching;

import java.time.ZoneId;
import java.util.Set;

/**
 * A person the matching may pair: a member's id, the topics they seek (a mentee) or offer (a
 * mentor), the languages they speak (lower-case ISO codes), their zone, and for a mentor how many
 * more mentees they can take now.
 */
public record Candidate(
    long id, Set<String> topics, Set<String> languages, ZoneId zone, int capacity) {

  public Candidate {
    topics = Set.copyOf(topics);
    languages = Set.copyOf(languages);
  }
}
