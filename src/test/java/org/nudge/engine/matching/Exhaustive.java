package org.nudge.engine.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The optimum of a small program by exhaustive search, to check the solver against: every mentee
 * tries every mentor with room (and none), memoised on the mentee's index and the room left.
 */
final class Exhaustive {

  /** The most mentees matched, and among those assignments the best total score. */
  record Best(int matched, long score) {}

  private Exhaustive() {}

  static Best best(Solver.Problem problem) {
    int[] room = problem.mentors().stream().mapToInt(Candidate::capacity).toArray();
    return search(problem, 0, room, new HashMap<>());
  }

  private static Best search(Solver.Problem problem, int i, int[] room, Map<String, Best> memo) {
    if (i == problem.mentees().size()) {
      return new Best(0, 0);
    }
    String key = i + Arrays.toString(room);
    Best known = memo.get(key);
    if (known != null) {
      return known;
    }
    Best best = search(problem, i + 1, room, memo); // mentee i left unmatched
    Candidate mentee = problem.mentees().get(i);
    for (int j = 0; j < problem.mentors().size(); j++) {
      Candidate mentor = problem.mentors().get(j);
      Fit fit = Fit.of(mentee, mentor, problem.at());
      if (room[j] == 0 || !fit.possible() || problem.pairedBefore(mentee.id(), mentor.id())) {
        continue;
      }
      room[j]--;
      Best rest = search(problem, i + 1, room, memo);
      room[j]++;
      Best with = new Best(rest.matched() + 1, rest.score() + fit.score());
      if (with.matched() > best.matched()
          || with.matched() == best.matched() && with.score() > best.score()) {
        best = with;
      }
    }
    memo.put(key, best);
    return best;
  }
}
