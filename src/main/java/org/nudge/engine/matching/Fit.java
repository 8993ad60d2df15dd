package org.nudge.engine.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * How well a mentor suits a mentee, and the score the matching adds up. The rule, as README says
 * it: topic fit and shared daytime weigh the same. Topic fit is worth up to 60 points, the share of
 * the mentee's topics the mentor offers (all of them 60, half of them 30); shared daytime is worth
 * 5 points an hour, so the 12 hours of two people in one zone are worth 60 too. Daytime is 08:00 to
 * 20:00 in each person's zone, on the day the matching runs, so summer time is counted as it is
 * that week. Scores are kept in tenths of a point, so the optimum is exact.
 *
 * @param languages the languages both speak, in the mentee's order
 * @param topics the mentee's topics the mentor offers, in the mentee's order
 * @param sought how many topics the mentee seeks
 * @param sharedMinutes minutes of the reference day both are in their daytime
 */
public record Fit(List<String> languages, List<String> topics, int sought, int sharedMinutes) {

  /** The most a pair can score, in tenths: 60 points of topics and 60 of daytime. */
  public static final int MAX_SCORE = 1200;

  static final LocalTime DAY_STARTS = LocalTime.of(8, 0);
  static final LocalTime DAY_ENDS = LocalTime.of(20, 0);

  public Fit {
    languages = List.copyOf(languages);
    topics = List.copyOf(topics);
  }

  /** Whether the two may be paired at all, as far as their answers go: a language in common. */
  public boolean possible() {
    return !languages.isEmpty();
  }

  /** The score in tenths of a point. */
  public int score() {
    int topicTenths = sought == 0 ? 0 : 600 * topics.size() / sought;
    return topicTenths + sharedMinutes * 5 / 6;
  }

  /** How well {@code mentor} suits {@code mentee} on the day of {@code at}. */
  public static Fit of(Candidate mentee, Candidate mentor, Instant at) {
    return of(mentee, mentor, sharedDaytimeMinutes(mentee.zone(), mentor.zone(), at));
  }

  static Fit of(Candidate mentee, Candidate mentor, int sharedMinutes) {
    List<String> languages =
        mentee.languages().stream().filter(mentor.languages()::contains).sorted().toList();
    List<String> topics =
        mentee.topics().stream().filter(mentor.topics()::contains).sorted().toList();
    return new Fit(languages, topics, mentee.topics().size(), sharedMinutes);
  }

  /**
   * Minutes of {@code b}'s daytime, on the UTC date of {@code at}, that fall in {@code a}'s daytime
   * on that date or the days around it: daytime comes back every day, so zones twelve hours apart
   * still share the evening of one and the morning of the other.
   */
  public static int sharedDaytimeMinutes(ZoneId a, ZoneId b, Instant at) {
    if (Objects.equals(a, b)) {
      return (int) java.time.Duration.between(DAY_STARTS, DAY_ENDS).toMinutes();
    }
    LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
    Instant bStart = ZonedDateTime.of(day, DAY_STARTS, b).toInstant();
    Instant bEnd = ZonedDateTime.of(day, DAY_ENDS, b).toInstant();
    long shared = 0;
    for (int offset = -1; offset <= 1; offset++) {
      LocalDate d = day.plusDays(offset);
      Instant aStart = ZonedDateTime.of(d, DAY_STARTS, a).toInstant();
      Instant aEnd = ZonedDateTime.of(d, DAY_ENDS, a).toInstant();
      Instant from = aStart.isAfter(bStart) ? aStart : bStart;
      Instant to = aEnd.isBefore(bEnd) ? aEnd : bEnd;
      if (from.isBefore(to)) {
        shared += java.time.Duration.between(from, to).toMinutes();
      }
    }
    return (int) shared;
  }
}
