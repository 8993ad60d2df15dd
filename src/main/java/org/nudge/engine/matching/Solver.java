package org.nudge.engine.matching;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm.MinimumCostFlow;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The best assignment for a whole program, found as a minimum-cost flow (jgrapht's capacity
 * scaling). When mentees outnumber the mentors' places, each mentor supplies as many units of flow
 * as they have places, a unit goes along an edge to a mentee they may be paired with and from the
 * mentee (at most one unit) to the sink; otherwise each mentee supplies one unit, which goes along
 * an edge to a mentor and from the mentor (at most their capacity) to the sink. An edge exists only
 * where the hard rules hold: a language in common, and never a pair the two have been in before. A
 * unit that finds no partner takes a bypass to the sink whose cost outweighs every score together,
 * so the flow matches as many mentees as the rules allow first and, among those assignments, the
 * one with the best total score. An edge costs {@link Fit#MAX_SCORE} minus its score, so no cost is
 * negative. The units start on the smaller side, not at one source: the algorithm searches a
 * shortest path from each, which mostly ends at the first free person on the other side, and only a
 * unit that finds nobody searches the whole graph.
 *
 * <p>A big program has hundreds of thousands of possible edges, and each augmenting path of the
 * flow searches all of them. So the flow is first solved on each mentee's best few edges, then
 * every edge left out is priced with the flow's node potentials (its reduced cost): if none could
 * lower the cost, the flow on the few edges is optimal for all of them (linear programming
 * duality); otherwise the edges that could are added and the flow is solved again. The answer is
 * the exact optimum either way; pricing only saves time.
 */
public final class Solver {

  /** How many of each mentee's best edges the first flow gets, by default. */
  static final int FIRST_EDGES = 32;

  private final int firstEdges;

  public Solver() {
    this(FIRST_EDGES);
  }

  /** A solver whose first flow gets {@code firstEdges} edges per mentee (tests use 1). */
  Solver(int firstEdges) {
    this.firstEdges = firstEdges;
  }

  /** What to match: unpaired mentees, mentors with capacity left, and who was paired before. */
  public record Problem(
      List<Candidate> mentees, List<Candidate> mentors, Set<PastPair> pastPairs, Instant at) {
    public Problem {
      mentees = List.copyOf(mentees);
      mentors = List.copyOf(mentors);
      pastPairs = Set.copyOf(pastPairs);
    }

    /** Whether the two were ever in a pair, either way round. */
    public boolean pairedBefore(long a, long b) {
      return pastPairs.contains(PastPair.of(a, b));
    }
  }

  /** Two members who were in a pair once, whichever was the mentor. */
  public record PastPair(long low, long high) {
    public static PastPair of(long a, long b) {
      return new PastPair(Math.min(a, b), Math.max(a, b));
    }
  }

  /**
   * The assignment: each matched mentee's mentor (in the order mentees were given), the mentees
   * left unmatched, the total score in tenths of a point, and how many flows were solved (1 when
   * the first few edges held the optimum).
   */
  public record Assignment(
      Map<Long, Long> pairs, List<Long> unmatched, long totalScore, int rounds) {
    public Assignment {
      pairs = Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
      unmatched = List.copyOf(unmatched);
    }
  }

  /** The minimum-cost flow over {@code problem}. */
  public Assignment solve(Problem problem) {
    List<Candidate> mentees = problem.mentees();
    List<Candidate> mentors = problem.mentors().stream().filter(m -> m.capacity() > 0).toList();
    int n = mentees.size();
    if (n == 0 || mentors.isEmpty()) {
      return new Assignment(Map.of(), mentees.stream().map(Candidate::id).toList(), 0, 0);
    }
    Scores scores = new Scores(problem, mentors);
    // Each mentee's possible mentors, best first: sorted as score and index packed in a long.
    int[][] options = new int[n][];
    int[][] optionScores = new int[n][];
    long[] packed = new long[mentors.size()];
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int j = 0; j < mentors.size(); j++) {
        if (scores.allowed(i, j)) {
          packed[count++] = ((long) (Fit.MAX_SCORE - scores.score(i, j)) << 32) | j;
        }
      }
      Arrays.sort(packed, 0, count);
      options[i] = new int[count];
      optionScores[i] = new int[count];
      for (int k = 0; k < count; k++) {
        options[i][k] = (int) packed[k];
        optionScores[i][k] = Fit.MAX_SCORE - (int) (packed[k] >>> 32);
      }
    }
    boolean[][] kept = new boolean[n][];
    for (int i = 0; i < n; i++) {
      kept[i] = new boolean[options[i].length];
      for (int k = 0; k < Math.min(firstEdges, options[i].length); k++) {
        kept[i][k] = true;
      }
    }
    int rounds = 0;
    while (true) {
      rounds++;
      Flow flow = flow(n, mentors, options, optionScores, kept);
      boolean added = false;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < options[i].length; k++) {
          if (!kept[i][k]) {
            double reduced = flow.reducedCost(i, options[i][k], Fit.MAX_SCORE - optionScores[i][k]);
            if (reduced < -1e-6) {
              kept[i][k] = true;
              added = true;
            }
          }
        }
      }
      if (!added) {
        return flow.assignment(mentees, mentors, rounds);
      }
    }
  }

  private static Flow flow(
      int n, List<Candidate> mentors, int[][] options, int[][] optionScores, boolean[][] kept) {
    int places = 0;
    for (Candidate mentor : mentors) {
      places += mentor.capacity();
    }
    // The flow starts from the side with fewer units: the mentors' places when mentees outnumber
    // them, else the mentees. Each search for a shortest path then mostly ends at the first free
    // person on the other side; only a unit that finds nobody searches the whole graph.
    boolean fromMentors = places <= n;
    // Vertices: sink 0, mentees 1.., then mentors.
    int sink = 0;
    int firstMentor = 1 + n;
    int[] next = {0};
    Supplier<Integer> edgeIds = () -> next[0]++;
    // Capacity scaling reads each arc's cost from the graph's edge weights (jgrapht 1.5.3 does not
    // call the problem's cost function), so the costs live on a weighted graph: a multigraph
    // without jgrapht's default index of edges by their two ends, which the flow never asks for
    // and which costs a set per edge, garbage the collector pays for.
    Graph<Integer, Integer> graph =
        new AbstractBaseGraph<Integer, Integer>(
            null,
            edgeIds,
            DefaultGraphType.directedMultigraph().asWeighted(),
            new DefaultGraphSpecificsStrategy<>()) {
          private static final long serialVersionUID = 1L;
        };
    for (int v = 0; v < firstMentor + mentors.size(); v++) {
      graph.addVertex(v);
    }
    List<Integer> capacity = new ArrayList<>();
    int[] supply = new int[firstMentor + mentors.size()];
    supply[sink] = fromMentors ? -places : -n;
    // The bypass: a unit left without a partner costs more than all scores together make up.
    long bypassCost = (long) Fit.MAX_SCORE * (Math.min(n, places) + 2);
    for (int j = 0; j < mentors.size(); j++) {
      int room = mentors.get(j).capacity();
      supply[firstMentor + j] = fromMentors ? room : 0;
      graph.setEdgeWeight(graph.addEdge(firstMentor + j, sink), fromMentors ? bypassCost : 0);
      capacity.add(room);
    }
    for (int i = 0; i < n; i++) {
      supply[1 + i] = fromMentors ? 0 : 1;
      graph.setEdgeWeight(graph.addEdge(1 + i, sink), fromMentors ? 0 : bypassCost);
      capacity.add(1);
    }
    List<int[]> matchEdges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < options[i].length; k++) {
        if (kept[i][k]) {
          int mentor = firstMentor + options[i][k];
          int edge = fromMentors ? graph.addEdge(mentor, 1 + i) : graph.addEdge(1 + i, mentor);
          graph.setEdgeWeight(edge, Fit.MAX_SCORE - optionScores[i][k]);
          capacity.add(1);
          matchEdges.add(new int[] {edge, i, options[i][k], optionScores[i][k]});
        }
      }
    }
    MinimumCostFlowProblem<Integer, Integer> flowProblem =
        new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
            graph, v -> supply[v], capacity::get);
    CapacityScalingMinimumCostFlow<Integer, Integer> algorithm =
        new CapacityScalingMinimumCostFlow<>();
    MinimumCostFlow<Integer> flow = algorithm.getMinimumCostFlow(flowProblem);
    // Pricing reads two potentials for each of the hundreds of thousands of edges left out: an
    // array, not the boxed map jgrapht returns
    double[] potentials = new double[supply.length];
    algorithm.getDualSolution().forEach((vertex, potential) -> potentials[vertex] = potential);
    return new Flow(firstMentor, fromMentors, flow, potentials, matchEdges);
  }

  /**
   * One solved flow. An arc's reduced cost, in jgrapht's convention, is its cost plus the potential
   * of its head minus that of its tail; none in the residual network is negative at the optimum.
   */
  private record Flow(
      int firstMentor,
      boolean fromMentors,
      MinimumCostFlow<Integer> flow,
      double[] potentials,
      List<int[]> matchEdges) {

    /**
     * The reduced cost of an edge of {@code cost} between mentee {@code i} and mentor {@code j}.
     */
    double reducedCost(int i, int j, int cost) {
      double mentee = potentials[1 + i];
      double mentor = potentials[firstMentor + j];
      return fromMentors ? cost + mentee - mentor : cost + mentor - mentee;
    }

    Assignment assignment(List<Candidate> mentees, List<Candidate> mentors, int rounds) {
      Map<Integer, Long> mentorOf = new HashMap<>();
      long total = 0;
      for (int[] e : matchEdges) {
        if (flow.getFlow(e[0]) > 0.5) {
          mentorOf.put(e[1], mentors.get(e[2]).id());
          total += e[3];
        }
      }
      Map<Long, Long> pairs = new LinkedHashMap<>();
      List<Long> unmatched = new ArrayList<>();
      for (int i = 0; i < mentees.size(); i++) {
        Long mentor = mentorOf.get(i);
        if (mentor == null) {
          unmatched.add(mentees.get(i).id());
        } else {
          pairs.put(mentees.get(i).id(), mentor);
        }
      }
      return new Assignment(pairs, unmatched, total, rounds);
    }
  }

  /**
   * Every mentee and mentor couple's score, computed from bit sets of topics and languages and a
   * table of shared daytime per pair of zones: a big program has a million couples. A bit set is as
   * many longs as the program's distinct topics (or languages) need, one for up to 64, laid out
   * person after person in one array.
   */
  private static final class Scores {
    private final int topicWords;
    private final int languageWords;
    private final long[] menteeTopics;
    private final long[] mentorTopics;
    private final long[] menteeLanguages;
    private final long[] mentorLanguages;
    private final int[] sought;
    private final int[] menteeZone;
    private final int[] mentorZone;
    private final int[][] sharedMinutes;
    private final boolean[][] pairedBefore;

    Scores(Problem problem, List<Candidate> mentors) {
      List<Candidate> mentees = problem.mentees();
      Map<String, Integer> topics = index(mentees, mentors, Candidate::topics);
      Map<String, Integer> languages = index(mentees, mentors, Candidate::languages);
      topicWords = Math.max(1, (topics.size() + 63) / 64);
      languageWords = Math.max(1, (languages.size() + 63) / 64);
      menteeTopics = bits(mentees, Candidate::topics, topics, topicWords);
      mentorTopics = bits(mentors, Candidate::topics, topics, topicWords);
      menteeLanguages = bits(mentees, Candidate::languages, languages, languageWords);
      mentorLanguages = bits(mentors, Candidate::languages, languages, languageWords);
      Map<ZoneId, Integer> zones = new LinkedHashMap<>();
      sought = new int[mentees.size()];
      menteeZone = new int[mentees.size()];
      for (int i = 0; i < mentees.size(); i++) {
        Candidate c = mentees.get(i);
        sought[i] = c.topics().size();
        menteeZone[i] = zones.computeIfAbsent(c.zone(), z -> zones.size());
      }
      mentorZone = new int[mentors.size()];
      for (int j = 0; j < mentors.size(); j++) {
        mentorZone[j] = zones.computeIfAbsent(mentors.get(j).zone(), z -> zones.size());
      }
      List<ZoneId> zoneList = List.copyOf(zones.keySet());
      sharedMinutes = new int[zoneList.size()][zoneList.size()];
      for (int a = 0; a < zoneList.size(); a++) {
        for (int b = 0; b < zoneList.size(); b++) {
          sharedMinutes[a][b] =
              Fit.sharedDaytimeMinutes(zoneList.get(a), zoneList.get(b), problem.at());
        }
      }
      pairedBefore = new boolean[mentees.size()][mentors.size()];
      Map<Long, Integer> menteeIndex = new HashMap<>();
      for (int i = 0; i < mentees.size(); i++) {
        menteeIndex.put(mentees.get(i).id(), i);
      }
      Map<Long, Integer> mentorIndex = new HashMap<>();
      for (int j = 0; j < mentors.size(); j++) {
        mentorIndex.put(mentors.get(j).id(), j);
        Integer self = menteeIndex.get(mentors.get(j).id());
        if (self != null) {
          pairedBefore[self][j] = true;
        }
      }
      for (PastPair past : problem.pastPairs()) {
        mark(menteeIndex.get(past.low()), mentorIndex.get(past.high()));
        mark(menteeIndex.get(past.high()), mentorIndex.get(past.low()));
      }
    }

    private void mark(Integer mentee, Integer mentor) {
      if (mentee != null && mentor != null) {
        pairedBefore[mentee][mentor] = true;
      }
    }

    /** The hard rules: a language in common, never paired before, never oneself. */
    boolean allowed(int i, int j) {
      return !pairedBefore[i][j]
          && common(menteeLanguages, i, mentorLanguages, j, languageWords) > 0;
    }

    /** As {@link Fit#score()}, in tenths of a point. */
    int score(int i, int j) {
      int topicTenths =
          sought[i] == 0
              ? 0
              : 600 * common(menteeTopics, i, mentorTopics, j, topicWords) / sought[i];
      return topicTenths + sharedMinutes[menteeZone[i]][mentorZone[j]] * 5 / 6;
    }

    /** How many bits the sets of mentee {@code i} and mentor {@code j} share. */
    private static int common(long[] mentees, int i, long[] mentors, int j, int words) {
      int count = 0;
      for (int w = 0; w < words; w++) {
        count += Long.bitCount(mentees[i * words + w] & mentors[j * words + w]);
      }
      return count;
    }

    /** A bit for each distinct word the candidates hold, in the order first met. */
    private static Map<String, Integer> index(
        List<Candidate> mentees, List<Candidate> mentors, Function<Candidate, Set<String>> words) {
      Map<String, Integer> index = new HashMap<>();
      for (List<Candidate> side : List.of(mentees, mentors)) {
        for (Candidate c : side) {
          for (String word : words.apply(c)) {
            index.computeIfAbsent(word, w -> index.size());
          }
        }
      }
      return index;
    }

    /** Each candidate's bit set of {@code words}, {@code size} longs apiece, one after another. */
    private static long[] bits(
        List<Candidate> people,
        Function<Candidate, Set<String>> words,
        Map<String, Integer> index,
        int size) {
      long[] bits = new long[people.size() * size];
      for (int p = 0; p < people.size(); p++) {
        for (String word : words.apply(people.get(p))) {
          int bit = index.get(word);
          bits[p * size + bit / 64] |= 1L << (bit % 64);
        }
      }
      return bits;
    }
  }
}
