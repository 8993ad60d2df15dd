package org.nudge.engine.matching;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random programs for the property test and the benchmark, reproducible from a seed. */
final class Programs {

  static final Instant AT = Instant.parse("2026-03-30T12:00:00Z");

  /** Zones around the world, with and without summer time, some off the whole hour. */
  static final List<ZoneId> ZONES =
      List.of(
              "America/Los_Angeles",
              "America/New_York",
              "America/Sao_Paulo",
              "Europe/London",
              "Europe/Berlin",
              "Africa/Lagos",
              "Asia/Kolkata",
              "Asia/Singapore",
              "Asia/Tokyo",
              "Australia/Sydney",
              "Pacific/Auckland")
          .stream()
          .map(ZoneId::of)
          .toList();

  static final List<String> LANGUAGES = List.of("en", "es", "pt", "de", "fr", "ja");

  private Programs() {}

  /**
   * A program of {@code mentees} and {@code mentors} (capacity 1 to {@code maxCapacity}), with
   * {@code topics} topics, the six languages and the zones above, and about {@code pastShare} of
   * all mentee and mentor couples paired before.
   */
  static Solver.Problem random(
      Random random, int mentees, int mentors, int topics, int maxCapacity, double pastShare) {
    List<Candidate> menteeList = new ArrayList<>();
    List<Candidate> mentorList = new ArrayList<>();
    for (int i = 0; i < mentees; i++) {
      menteeList.add(person(random, i + 1, topics, 1));
    }
    for (int j = 0; j < mentors; j++) {
      mentorList.add(person(random, 100_000 + j, topics, 1 + random.nextInt(maxCapacity)));
    }
    Set<Solver.PastPair> past = new HashSet<>();
    if (pastShare > 0) {
      for (Candidate a : menteeList) {
        for (Candidate b : mentorList) {
          if (random.nextDouble() < pastShare) {
            past.add(Solver.PastPair.of(a.id(), b.id()));
          }
        }
      }
    }
    return new Solver.Problem(menteeList, mentorList, past, AT);
  }

  private static Candidate person(Random random, long id, int topics, int capacity) {
    Set<String> chosen = new HashSet<>();
    int count = 1 + random.nextInt(Math.min(4, topics));
    while (chosen.size() < count) {
      chosen.add("topic " + random.nextInt(topics));
    }
    Set<String> languages = new HashSet<>();
    languages.add(LANGUAGES.get(random.nextInt(LANGUAGES.size())));
    if (random.nextDouble() < 0.4) {
      languages.add(LANGUAGES.get(random.nextInt(LANGUAGES.size())));
    }
    return new Candidate(id, chosen, languages, ZONES.get(random.nextInt(ZONES.size())), capacity);
  }
}
