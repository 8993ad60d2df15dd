package org.nudge.engine.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.Directory;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Enrolments;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.enrolment.ImportedAnswers;
import org.nudge.engine.imports.RosterFile.Problem;
import org.nudge.engine.imports.RosterFile.Row;
import org.nudge.engine.prompts.Role;

/**
 * Turns a roster without pairs ({@code member}, {@code role}, {@code topics}, {@code languages},
 * {@code capacity}) into enrolments for matching, checked by the same rules as a member's own
 * {@code /nudge join}; people whose enrolment already says exactly this are counted as there.
 */
final class RosterPlanner {

  /** What the dry run found: who would be enrolled, how many are already, and the problems. */
  record Outcome(ImportPlan plan, List<Problem> problems, int rows) {}

  private RosterPlanner() {}

  static Outcome plan(Turn turn, Program program, RosterFile.Read read, String fileName) {
    Set<String> names = new LinkedHashSet<>();
    for (Row row : read.rows()) {
      String name = PairPlanner.name(row.get("member"));
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    PairPlanner.People people = PairPlanner.lookUp(turn, names);
    Map<String, Optional<Directory.Found>> found = people.found();
    Map<String, Member> members = people.members();
    Enrolments.Settings settings = turn.tx().enrolments().settings(program.id());
    Map<Long, Enrolments.Enrolment> enrolments = enrolmentsIn(turn, program);
    List<Problem> problems = new ArrayList<>(read.lineErrors());
    List<ImportPlan.Enrolled> enrolled = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int already = 0;
    for (Row row : read.rows()) {
      int line = row.line();
      String name = PairPlanner.name(row.get("member"));
      if (name.isEmpty()) {
        problems.add(new Problem(line, "the member is empty"));
        continue;
      }
      Optional<Directory.Found> person = found.getOrDefault(name, Optional.empty());
      if (person.isEmpty()) {
        problems.add(new Problem(line, PairPlanner.nobody(name)));
        continue;
      }
      String roleWord = row.get("role").toLowerCase(Locale.ROOT);
      Role role =
          roleWord.equals("mentor") ? Role.MENTOR : roleWord.equals("mentee") ? Role.MENTEE : null;
      if (role == null) {
        problems.add(new Problem(line, "the role is mentor or mentee, not '" + roleWord + "'"));
        continue;
      }
      Integer earlier = seen.putIfAbsent(person.get().userId(), line);
      if (earlier != null) {
        problems.add(new Problem(line, name + " is already enrolled on line " + earlier));
        continue;
      }
      Member known = members.get(person.get().userId());
      Optional<Enrolments.Enrolment> current =
          known == null ? Optional.empty() : Optional.ofNullable(enrolments.get(known.id()));
      ImportedAnswers.Checked checked =
          ImportedAnswers.check(
              settings,
              known == null ? 0 : known.id(),
              role,
              row.get("topics").replace(';', ','),
              row.get("languages").replace(';', ','),
              row.get("capacity"),
              current.map(e -> e.answers().hope()).orElse(null));
      if (checked.problem() != null) {
        problems.add(new Problem(line, PairPlanner.lowerFirst(checked.problem())));
        continue;
      }
      Enrolments.Answers answers = checked.answers();
      if (current.isPresent() && same(current.get().answers(), answers)) {
        already++;
        continue;
      }
      enrolled.add(
          new ImportPlan.Enrolled(
              line,
              PairPlanner.person(person.get()),
              role.name().toLowerCase(Locale.ROOT),
              answers.topics(),
              answers.languages(),
              answers.capacity()));
    }
    problems.sort(Comparator.comparingInt(Problem::line));
    return new Outcome(
        new ImportPlan(fileName, already, List.of(), enrolled),
        problems,
        read.rows().size() + read.lineErrors().size());
  }

  /** The program's enrolments by member, read once rather than once per row. */
  static Map<Long, Enrolments.Enrolment> enrolmentsIn(Turn turn, Program program) {
    Map<Long, Enrolments.Enrolment> byMember = new HashMap<>();
    for (Enrolments.Enrolment e : turn.tx().enrolments().in(program.id())) {
      byMember.put(e.memberId(), e);
    }
    return byMember;
  }

  private static boolean same(Enrolments.Answers a, Enrolments.Answers b) {
    return a.role() == b.role()
        && a.topics().equals(b.topics())
        && a.languages().equals(b.languages())
        && a.capacity() == b.capacity();
  }
}
