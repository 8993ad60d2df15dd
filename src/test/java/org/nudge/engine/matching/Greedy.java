package org.nudge.engine.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline the optimum is compared with: each mentee in turn takes the best-scoring mentor who
 * may take them and still has room, as a lead pairing by hand or a simple tool would.
 */
final class Greedy {

  private Greedy() {}

  static Solver.Assignment assign(Solver.Problem problem) {
    Map<Long, Integer> room = new HashMap<>();
    problem.mentors().forEach(m -> room.put(m.id(), m.capacity()));
    Map<Long, Long> pairs = new LinkedHashMap<>();
    List<Long> unmatched = new ArrayList<>();
    long total = 0;
    for (Candidate mentee : problem.mentees()) {
      Candidate best = null;
      int bestScore = -1;
      for (Candidate mentor : problem.mentors()) {
        if (room.get(mentor.id()) <= 0
            || problem.pairedBefore(mentee.id(), mentor.id())
            || mentee.id() == mentor.id()) {
          continue;
        }
        Fit fit = Fit.of(mentee, mentor, problem.at());
        if (fit.possible() && fit.score() > bestScore) {
          best = mentor;
          bestScore = fit.score();
        }
      }
      if (best == null) {
        unmatched.add(mentee.id());
      } else {
        room.merge(best.id(), -1, Integer::sum);
        pairs.put(mentee.id(), best.id());
        total += bestScore;
      }
    }
    return new Solver.Assignment(pairs, unmatched, total, 1);
  }
}
