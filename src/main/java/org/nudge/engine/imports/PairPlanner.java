package org.nudge.engine.imports;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.Directory;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.imports.RosterFile.Problem;
import org.nudge.engine.imports.RosterFile.Row;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.schedule.Cadence;
import org.nudge.engine.schedule.Phase;

/**
 * Turns the rows of a file of pairs into a plan: which pairs are new, which are there already, and
 * every problem with its line. Reads only; the platform is asked about the names once per file
 * ({@link org.nudge.engine.Membership#found}), and nothing is written.
 */
final class PairPlanner {

  /** The largest capacity a file may give a mentor. */
  static final int MAX_CAPACITY = 50;

  /** What the dry run found. */
  record Outcome(ImportPlan plan, List<Problem> problems, int rows, boolean enrolmentColumns) {}

  private PairPlanner() {}

  /** The people a file names, as the platform found them, and those Nudge already knows. */
  record People(Map<String, Optional<Directory.Found>> found, Map<String, Member> members) {}

  /** Looks {@code names} up on the lead's platform (once per file), then in the database. */
  static People lookUp(Turn turn, Set<String> names) {
    UserRef lead = turn.member().ref();
    Map<String, Optional<Directory.Found>> found =
        turn.services().membership().found(lead.platform(), lead.workspace(), names);
    Map<String, Member> members =
        turn.tx()
            .members()
            .findAll(
                lead.platform(),
                lead.workspace(),
                found.values().stream()
                    .flatMap(Optional::stream)
                    .map(Directory.Found::userId)
                    .toList());
    return new People(found, members);
  }

  static Outcome plan(Turn turn, Program program, RosterFile.Read read, String fileName) {
    Set<String> names = new LinkedHashSet<>();
    for (Row row : read.rows()) {
      addName(names, row.get("mentor"));
      addName(names, row.get("mentee"));
    }
    People people = lookUp(turn, names);
    Map<String, Optional<Directory.Found>> found = people.found();
    Map<String, Member> members = people.members();
    Map<Long, List<Pair>> activePairs = ImportFlow.activePairs(turn, members.values());
    List<Problem> problems = new ArrayList<>(read.lineErrors());
    List<ImportPlan.NewPair> pairs = new ArrayList<>();
    Map<String, Integer> menteeLine = new HashMap<>();
    Map<String, String> menteeMentor = new HashMap<>();
    int already = 0;
    boolean enrolment = false;
    for (Row row : read.rows()) {
      int line = row.line();
      enrolment |=
          !row.get("topics").isEmpty()
              || !row.get("languages").isEmpty()
              || !row.get("capacity").isEmpty();
      String mentorName = name(row.get("mentor"));
      String menteeName = name(row.get("mentee"));
      if (mentorName.isEmpty() || menteeName.isEmpty()) {
        problems.add(
            new Problem(line, "the " + (mentorName.isEmpty() ? "mentor" : "mentee") + " is empty"));
        continue;
      }
      Optional<Directory.Found> mentor = found.getOrDefault(mentorName, Optional.empty());
      Optional<Directory.Found> mentee = found.getOrDefault(menteeName, Optional.empty());
      if (mentor.isEmpty() || mentee.isEmpty()) {
        problems.add(new Problem(line, nobody(mentor.isEmpty() ? mentorName : menteeName)));
        continue;
      }
      String mentorId = mentor.get().userId();
      String menteeId = mentee.get().userId();
      if (mentorId.equals(menteeId)) {
        problems.add(new Problem(line, "the mentor and the mentee are the same person"));
        continue;
      }
      Integer cadenceDays = null;
      String phase = null;
      try {
        if (!row.get("cadence").isEmpty()) {
          cadenceDays = (int) Cadence.parse(row.get("cadence")).interval().toDays();
        }
        if (!row.get("phase").isEmpty()) {
          phase = Phase.parse(row.get("phase")).word();
        }
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(line, lowerFirst(e.getMessage())));
        continue;
      }
      String capacity = row.get("capacity");
      if (!capacity.isEmpty() && !isCapacity(capacity)) {
        problems.add(new Problem(line, "the capacity is a whole number from 1 to " + MAX_CAPACITY));
        continue;
      }
      Integer earlier = menteeLine.get(menteeId);
      if (earlier != null) {
        problems.add(
            new Problem(
                line,
                menteeMentor.get(menteeId).equals(mentorId)
                    ? "the same pair as line " + earlier
                    : menteeName
                        + " already has a mentor on line "
                        + earlier
                        + " (one mentor per mentee in a program)"));
        continue;
      }
      if (menteeId.equals(menteeMentor.get(mentorId))) {
        problems.add(
            new Problem(
                line,
                mentorName
                    + " is "
                    + menteeName
                    + "'s mentee on line "
                    + menteeLine.get(mentorId)
                    + "; a pair can't mentor each other both ways"));
        continue;
      }
      Optional<Member> knownMentor = Optional.ofNullable(members.get(mentorId));
      Optional<Member> knownMentee = Optional.ofNullable(members.get(menteeId));
      Optional<String> existing = existing(turn, program, knownMentor, knownMentee, activePairs);
      if (existing.isPresent() && existing.get().isEmpty()) {
        already++;
        menteeLine.put(menteeId, line);
        menteeMentor.put(menteeId, mentorId);
        continue;
      }
      if (existing.isPresent()) {
        problems.add(new Problem(line, existing.get()));
        continue;
      }
      menteeLine.put(menteeId, line);
      menteeMentor.put(menteeId, mentorId);
      pairs.add(
          new ImportPlan.NewPair(
              line, person(mentor.get()), person(mentee.get()), cadenceDays, phase));
    }
    problems.sort(Comparator.comparingInt(Problem::line));
    return new Outcome(
        new ImportPlan(fileName, already, pairs, List.of()),
        problems,
        read.rows().size() + read.lineErrors().size(),
        enrolment);
  }

  /**
   * Whether the program has this pair already: empty when it hasn't, an empty string when it has
   * exactly this pair, else the sentence saying why the row can't be imported.
   */
  private static Optional<String> existing(
      Turn turn,
      Program program,
      Optional<Member> mentor,
      Optional<Member> mentee,
      Map<Long, List<Pair>> activePairs) {
    if (mentee.isEmpty()) {
      return Optional.empty();
    }
    for (Pair pair : activePairs.getOrDefault(mentee.get().id(), List.of())) {
      if (pair.programId() != program.id()) {
        continue;
      }
      if (pair.menteeId() == mentee.get().id()) {
        if (mentor.isPresent() && pair.mentorId() == mentor.get().id()) {
          return Optional.of("");
        }
        String current =
            turn.tx().members().byId(pair.mentorId()).map(Member::displayName).orElse("someone");
        return Optional.of(
            mentee.get().displayName()
                + " already has a mentor in "
                + program.name()
                + " ("
                + current
                + "); end that pair first with `/nudge unpair`");
      }
      if (mentor.isPresent()
          && pair.mentorId() == mentee.get().id()
          && pair.menteeId() == mentor.get().id()) {
        return Optional.of(
            mentor.get().displayName()
                + " is already "
                + mentee.get().displayName()
                + "'s mentee in "
                + program.name()
                + "; a pair can't mentor each other both ways");
      }
    }
    return Optional.empty();
  }

  static ImportPlan.Person person(Directory.Found found) {
    Directory.Profile profile = found.profile();
    return new ImportPlan.Person(
        found.userId(),
        profile == null ? null : profile.displayName(),
        profile == null || profile.zone() == null ? null : profile.zone().getId());
  }

  static Directory.Profile profile(ImportPlan.Person person) {
    if (person.name() == null) {
      return null;
    }
    ZoneId zone = null;
    try {
      zone = person.zone() == null ? null : ZoneId.of(person.zone());
    } catch (DateTimeException e) {
      zone = null;
    }
    return new Directory.Profile(person.name(), zone);
  }

  /** How a person is named in a cell: as written, without a mention's brackets. */
  static String name(String cell) {
    String name = cell.strip();
    if (name.startsWith("<@") && name.endsWith(">")) {
      name = name.substring(2, name.length() - 1);
      int bar = name.indexOf('|');
      name = bar < 0 ? name : name.substring(0, bar);
    }
    return name;
  }

  private static void addName(Set<String> names, String cell) {
    String name = name(cell);
    if (!name.isEmpty()) {
      names.add(name);
    }
  }

  static String nobody(String name) {
    String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    return "I can't find anyone called "
        + shown
        + " here (name people by user id, @handle or e-mail)";
  }

  private static boolean isCapacity(String text) {
    try {
      int n = Integer.parseInt(text.strip());
      return n >= 1 && n <= MAX_CAPACITY;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String lowerFirst(String sentence) {
    String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
