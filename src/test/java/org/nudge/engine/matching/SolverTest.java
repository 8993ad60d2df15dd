package org.nudge.engine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The matching finds the optimum for the whole program and never breaks a hard rule")
class SolverTest {

  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @Test
  @DisplayName(
      "where the best mentor for the first mentee is the only one for the second, it"
          + " gives the first mentee another, and the total beats the greedy choice")
  void beatsGreedy() {
    // GIVEN ana (Spanish and English) and bo (Spanish only); maria speaks both and knows ana's
    // topics, ken speaks English only and knows some of them, and lives far away
    Candidate ana =
        person(1, Set.of("career growth", "public speaking"), Set.of("es", "en"), MADRID, 1);
    Candidate bo = person(2, Set.of("career growth"), Set.of("es"), MADRID, 1);
    Candidate maria =
        person(10, Set.of("career growth", "public speaking"), Set.of("es", "en"), MADRID, 1);
    Candidate ken = person(11, Set.of("public speaking"), Set.of("en"), TOKYO, 1);
    Solver.Problem problem =
        new Solver.Problem(List.of(ana, bo), List.of(maria, ken), Set.of(), Programs.AT);

    // WHEN greedy picks ana's best mentor first, and the solver looks at the whole program
    Solver.Assignment greedy = Greedy.assign(problem);
    Solver.Assignment optimum = new Solver().solve(problem);

    // THEN greedy leaves bo alone; the optimum pairs both, and bo gets maria
    assertThat(greedy.pairs()).containsExactlyEntriesOf(Map.of(1L, 10L));
    assertThat(greedy.unmatched()).containsExactly(2L);
    assertThat(optimum.pairs()).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 11L, 2L, 10L));
    assertThat(optimum.unmatched()).isEmpty();
    // AND the total beats greedy's even by score alone
    assertThat(optimum.totalScore()).isGreaterThan(greedy.totalScore());
    assertThat(optimum.totalScore()).isEqualTo(Exhaustive.best(problem).score());
  }

  @Test
  @DisplayName(
      "with a mentor for everyone, it prefers the better total over the first mentee's" + " best")
  void betterTotal() {
    // GIVEN two mentees who both like maria best, but bo fits only maria's topics
    Candidate ana = person(1, Set.of("a", "b"), Set.of("en"), MADRID, 1);
    Candidate bo = person(2, Set.of("a"), Set.of("en"), MADRID, 1);
    Candidate maria = person(10, Set.of("a", "b"), Set.of("en"), MADRID, 1);
    Candidate ken = person(11, Set.of("b"), Set.of("en"), MADRID, 1);
    Solver.Problem problem =
        new Solver.Problem(List.of(ana, bo), List.of(maria, ken), Set.of(), Programs.AT);

    Solver.Assignment greedy = Greedy.assign(problem);
    Solver.Assignment optimum = new Solver().solve(problem);

    // THEN greedy gives ana maria and bo nothing in common with ken; the optimum swaps them
    assertThat(greedy.pairs()).containsEntry(1L, 10L).containsEntry(2L, 11L);
    assertThat(optimum.pairs()).containsEntry(1L, 11L).containsEntry(2L, 10L);
    assertThat(optimum.totalScore()).isGreaterThan(greedy.totalScore());
  }

  @Test
  @DisplayName(
      "on 400 random programs up to 8 by 8 it equals the exhaustive optimum and keeps"
          + " every hard rule")
  void propertyAgainstExhaustiveSearch() {
    Random random = new Random(20261201);
    int repriced = 0;
    int fewerPlaces = 0;
    int morePlaces = 0;
    for (int run = 0; run < 400; run++) {
      int mentees = 1 + random.nextInt(8);
      int mentors = 1 + random.nextInt(8);
      Solver.Problem problem =
          Programs.random(random, mentees, mentors, 2 + random.nextInt(6), 3, 0.2);

      // Odd runs start the flow from each mentee's single best edge, so pricing adds the rest
      Solver.Assignment solved = (run % 2 == 0 ? new Solver() : new Solver(1)).solve(problem);
      Exhaustive.Best exact = Exhaustive.best(problem);
      if (run % 2 == 1) {
        repriced += solved.rounds() > 1 ? 1 : 0;
      }
      // The flow starts from the mentors' places when mentees outnumber them, else the mentees
      int places = problem.mentors().stream().mapToInt(Candidate::capacity).sum();
      if (places <= mentees) {
        fewerPlaces++;
      } else {
        morePlaces++;
      }

      String where = "run " + run + ": " + problem;
      // As many mentees matched as the rules allow, and the best total among those
      assertThat(solved.pairs()).as(where).hasSize(exact.matched());
      assertThat(solved.totalScore()).as(where).isEqualTo(exact.score());
      assertThat(solved.pairs().size() + solved.unmatched().size()).isEqualTo(mentees);
      // Hard rules: a shared language, never a past pair, never over capacity
      Map<Long, Candidate> byId = new HashMap<>();
      problem.mentees().forEach(c -> byId.put(c.id(), c));
      problem.mentors().forEach(c -> byId.put(c.id(), c));
      Map<Long, Integer> load = new HashMap<>();
      long total = 0;
      for (var pair : solved.pairs().entrySet()) {
        Candidate mentee = byId.get(pair.getKey());
        Candidate mentor = byId.get(pair.getValue());
        assertThat(mentor.languages()).as(where).containsAnyElementsOf(mentee.languages());
        assertThat(problem.pairedBefore(mentee.id(), mentor.id())).as(where).isFalse();
        load.merge(mentor.id(), 1, Integer::sum);
        total += Fit.of(mentee, mentor, problem.at()).score();
      }
      load.forEach(
          (mentor, count) ->
              assertThat(count).as(where).isLessThanOrEqualTo(byId.get(mentor).capacity()));
      // The total it reports is the sum of the pairs' own scores
      assertThat(solved.totalScore()).as(where).isEqualTo(total);
    }
    // AND pricing the left-out edges did real work in many of the runs
    assertThat(repriced).isGreaterThan(20);
    // AND both ways of building the flow met the exhaustive search many times
    assertThat(fewerPlaces).isGreaterThan(50);
    assertThat(morePlaces).isGreaterThan(50);
  }

  @Test
  @DisplayName(
      "shared daytime counts the hours both are between 08:00 and 20:00, summer time" + " included")
  void daytime() {
    // Madrid and Tokyo are 8 hours apart in winter, 7 once Madrid's summer time has begun
    assertThat(
            Fit.sharedDaytimeMinutes(
                MADRID, TOKYO, java.time.Instant.parse("2026-03-20T12:00:00Z")))
        .isEqualTo(4 * 60);
    assertThat(
            Fit.sharedDaytimeMinutes(
                MADRID, TOKYO, java.time.Instant.parse("2026-04-01T12:00:00Z")))
        .isEqualTo(5 * 60);
    // Twelve hours apart: the evening of one is the morning of the other? Not quite: 08:00-20:00
    // and 20:00-08:00 touch only
    assertThat(
            Fit.sharedDaytimeMinutes(
                ZoneId.of("UTC"),
                ZoneId.of("Etc/GMT-12"),
                java.time.Instant.parse("2026-04-01T12:00:00Z")))
        .isZero();
    // Across midnight UTC: Auckland's morning is Los Angeles' afternoon
    assertThat(
            Fit.sharedDaytimeMinutes(
                ZoneId.of("America/Los_Angeles"),
                ZoneId.of("Pacific/Auckland"),
                java.time.Instant.parse("2026-07-01T12:00:00Z")))
        .isEqualTo(7 * 60);
  }

  @Test
  @DisplayName(
      "a program whose people speak more than 64 languages, and whose enrolments hold more than"
          + " 64 topics (the lead changed them), is still matched")
  void manyLanguagesAndTopics() {
    // GIVEN 70 mentees and 70 mentors, each couple alone in a language, and two topics apiece:
    // one the couple share and one old topic only the mentor kept
    List<Candidate> mentees = new ArrayList<>();
    List<Candidate> mentors = new ArrayList<>();
    long expected = 0;
    for (int i = 0; i < 70; i++) {
      String language = Locale.getISOLanguages()[i];
      mentees.add(person(i, Set.of("topic " + i), Set.of(language), MADRID, 1));
      mentors.add(
          person(1000 + i, Set.of("topic " + i, "old " + i), Set.of(language, "zu"), MADRID, 1));
      expected += Fit.of(mentees.get(i), mentors.get(i), Programs.AT).score();
    }
    Solver.Problem problem = new Solver.Problem(mentees, mentors, Set.of(), Programs.AT);

    // WHEN the whole program is matched
    Solver.Assignment assignment = new Solver().solve(problem);

    // THEN each mentee gets the one mentor who speaks their language, scored as Fit scores them
    assertThat(assignment.unmatched()).isEmpty();
    for (int i = 0; i < 70; i++) {
      assertThat(assignment.pairs()).containsEntry((long) i, 1000L + i);
    }
    assertThat(assignment.totalScore()).isEqualTo(expected);
  }

  private static Candidate person(
      long id, Set<String> topics, Set<String> languages, ZoneId zone, int capacity) {
    return new Candidate(id, topics, languages, zone, capacity);
  }
}
