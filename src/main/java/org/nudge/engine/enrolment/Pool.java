package org.nudge.engine.enrolment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nudge.engine.domain.Enrolments.Enrolment;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.matching.Candidate;
import org.nudge.engine.matching.Fit;
import org.nudge.engine.matching.Solver;
import org.nudge.engine.prompts.Role;

/**
 * Who a program's matching may pair now: every enrolled mentee not yet in a pair of the program,
 * every enrolled mentor with room left (capacity minus their pairs in the program), and every pair
 * ever made in the workspace, which is never proposed again.
 */
final class Pool {

  final Program program;
  final Map<Long, Member> members = new HashMap<>();
  final Map<Long, Enrolment> enrolments = new HashMap<>();
  final Map<Long, Candidate> mentees = new LinkedHashMap<>();
  final Map<Long, Candidate> mentors = new LinkedHashMap<>();
  final Set<Solver.PastPair> past;
  final Instant at;

  private Pool(Tx tx, Program program, Instant at) {
    this.program = program;
    this.at = at;
    List<Pair> active = tx.pairs().activeIn(program.id());
    Set<Long> paired = active.stream().map(Pair::menteeId).collect(Collectors.toSet());
    Map<Long, Long> load =
        active.stream().collect(Collectors.groupingBy(Pair::mentorId, Collectors.counting()));
    List<Enrolment> enrolled = tx.enrolments().in(program.id());
    // One read for all the people: a big program has thousands
    Map<Long, Member> people =
        tx.members().byIds(enrolled.stream().map(Enrolment::memberId).toList());
    for (Enrolment e : enrolled) {
      Member member = people.get(e.memberId());
      if (member == null) {
        continue;
      }
      members.put(e.memberId(), member);
      enrolments.put(e.memberId(), e);
      if (e.role() == Role.MENTEE && !paired.contains(e.memberId())) {
        mentees.put(e.memberId(), candidate(e, member, 1));
      } else if (e.role() == Role.MENTOR) {
        int room = e.answers().capacity() - load.getOrDefault(e.memberId(), 0L).intValue();
        mentors.put(e.memberId(), candidate(e, member, Math.max(0, room)));
      }
    }
    past =
        tx.enrolments().pairsEver(program.platform(), program.workspace()).stream()
            .map(c -> Solver.PastPair.of(c.mentorId(), c.menteeId()))
            .collect(Collectors.toSet());
  }

  static Pool of(Tx tx, Program program, Instant at) {
    return new Pool(tx, program, at);
  }

  private static Candidate candidate(Enrolment e, Member member, int capacity) {
    return new Candidate(
        member.id(),
        Set.copyOf(e.answers().topics()),
        Set.copyOf(e.answers().languages()),
        member.zone(),
        capacity);
  }

  String name(long memberId) {
    Member m = members.get(memberId);
    return m == null ? "a former member" : m.displayName();
  }

  boolean pairedBefore(long a, long b) {
    return past.contains(Solver.PastPair.of(a, b));
  }

  Fit fit(long menteeId, long mentorId) {
    return Fit.of(mentees.get(menteeId), mentors.get(mentorId), at);
  }

  /** The assignment of everyone left once {@code pinned} pairs are set and {@code excluded} out. */
  Solver.Assignment solve(Map<Long, Long> pinned, Set<Long> excluded) {
    List<Candidate> menteeList = new ArrayList<>();
    for (Candidate c : mentees.values()) {
      if (!excluded.contains(c.id()) && !pinned.containsKey(c.id())) {
        menteeList.add(c);
      }
    }
    List<Candidate> mentorList = new ArrayList<>();
    for (Candidate c : roomAfter(pinned).values()) {
      if (!excluded.contains(c.id())) {
        mentorList.add(c);
      }
    }
    return new Solver().solve(new Solver.Problem(menteeList, mentorList, past, at));
  }

  /** The mentors with the room each has left once {@code pinned} pairs are made. */
  Map<Long, Candidate> roomAfter(Map<Long, Long> pinned) {
    Map<Long, Long> taken =
        pinned.values().stream().collect(Collectors.groupingBy(m -> m, Collectors.counting()));
    Map<Long, Candidate> room = new LinkedHashMap<>();
    for (Candidate c : mentors.values()) {
      long used = taken.getOrDefault(c.id(), 0L);
      room.put(
          c.id(),
          new Candidate(c.id(), c.topics(), c.languages(), c.zone(), (int) (c.capacity() - used)));
    }
    return room;
  }

  /**
   * Why a mentee was left unmatched, in words: no mentor speaks their language, none who does has
   * room, every one who does was paired with them before, or the ones who could are taken. {@code
   * room} is {@link #roomAfter} the lead's swaps, worked out once for all the unmatched.
   */
  String whyUnmatched(long menteeId, Map<Long, Candidate> room, Set<Long> excluded) {
    Candidate mentee = mentees.get(menteeId);
    String languages = Languages.names(mentee.languages().stream().sorted().toList(), "or");
    List<Candidate> speakers =
        room.values().stream()
            .filter(m -> !excluded.contains(m.id()) && m.id() != menteeId)
            .filter(m -> m.languages().stream().anyMatch(mentee.languages()::contains))
            .toList();
    if (speakers.isEmpty()) {
      return "no mentor speaks " + languages;
    }
    List<Candidate> withRoom = speakers.stream().filter(m -> m.capacity() > 0).toList();
    if (withRoom.isEmpty()) {
      return "no mentor with capacity speaks " + languages;
    }
    List<Candidate> fresh = withRoom.stream().filter(m -> !pairedBefore(menteeId, m.id())).toList();
    if (fresh.isEmpty()) {
      return "every mentor with room who speaks " + languages + " was paired with them before";
    }
    return fresh.size() == 1
        ? "the one mentor who could take them, " + name(fresh.get(0).id()) + ", is full"
        : "the " + fresh.size() + " mentors who could take them are full with other mentees";
  }
}
