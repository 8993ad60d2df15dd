package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.prompts.Role;

/**
 * Who enrolled in a program for matching, and with what: the program's list of topics and whether
 * it takes enrolments, each member's answers, and the proposal a lead is reviewing. Enrolment
 * answers are the member's: exported with their data, erased when they are forgotten, and read only
 * by leads and the matching.
 */
public interface Enrolments {

  /** A program's enrolment settings: the topics people choose from, and whether it is open. */
  record Settings(long programId, List<String> topics, boolean open) {
    public Settings {
      topics = List.copyOf(topics);
    }
  }

  /**
   * What a member enrolls with; {@link #enrol} writes it whether they enrolled before or not, so a
   * form, typed words and a roster import all write the same way. {@code hope} may be null.
   */
  record Answers(
      long programId,
      long memberId,
      Role role,
      List<String> topics,
      List<String> languages,
      int capacity,
      String hope) {
    public Answers {
      topics = List.copyOf(topics);
      languages = List.copyOf(languages);
    }
  }

  /** A stored enrolment: the answers and when they were first given and last changed. */
  record Enrolment(long id, Answers answers, Instant createdAt, Instant updatedAt) {
    public long memberId() {
      return answers.memberId();
    }

    public Role role() {
      return answers.role();
    }
  }

  /** One row of a stored proposal. */
  record Proposed(long memberId, Long mentorId, State state) {}

  /**
   * A proposal row's state: a mentee {@code MATCHED} by the solver (or {@code UNMATCHED}), a pair
   * the lead {@code PINNED} by a swap, or a person the lead {@code EXCLUDED}.
   */
  enum State {
    MATCHED,
    UNMATCHED,
    PINNED,
    EXCLUDED
  }

  Settings settings(long programId);

  void setTopics(long programId, List<String> topics);

  void setOpen(long programId, boolean open);

  /** Writes the member's answers, replacing any they gave before in that program. */
  Enrolment enrol(Answers answers, Instant now);

  Optional<Enrolment> find(long programId, long memberId);

  /** The program's enrolments, oldest first. */
  List<Enrolment> in(long programId);

  /** Withdraws the member's enrolment; false when there was none. */
  boolean leave(long programId, long memberId);

  /** Two members who were ever in a pair, in any program of the workspace, ended or not. */
  record Couple(long mentorId, long menteeId) {}

  /** Every pair ever made in the workspace's programs: the matching never proposes one again. */
  List<Couple> pairsEver(String platform, String workspace);

  /** The program's stored proposal, in the order it was written. */
  List<Proposed> proposal(long programId);

  /** Replaces the program's stored proposal. */
  void saveProposal(long programId, List<Proposed> rows, Instant now);
}
