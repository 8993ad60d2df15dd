package org.nudge.engine.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.Directory;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.domain.Enrolments;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.PendingImports.Pending;
import org.nudge.engine.domain.Program;
import org.nudge.engine.imports.RosterFile.Problem;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.programs.PairCommand;
import org.nudge.engine.prompts.Role;

/**
 * The rest of {@code /nudge import}: the file arrives ({@link #onUpload}) and is answered with a
 * dry run, stored as a pending import; Confirm applies that plan in one transaction (welcomes go
 * through the outbox, as for {@code /nudge pair}), Cancel drops it. Pairs already there are left
 * alone, so importing the same file twice changes nothing.
 */
public final class ImportFlow implements Flow {

  public static final String NAME = "import";
  static final String WAITING_FOR_FILE = "file";
  static final String PROGRAM = "program";

  /** How long a dry run may wait for Confirm: a lead may check the list with someone first. */
  static final Duration PENDING_FOR = Duration.ofDays(1);

  /** Problems listed in one answer; the rest are counted, so a message stays readable. */
  static final int PROBLEMS_SHOWN = 25;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reply onUpload(Turn turn, ConversationState state, Inbound.Upload upload) {
    if (!WAITING_FOR_FILE.equals(state.step())) {
      return null;
    }
    Optional<Program> program =
        turn.tx().programs().byId(ConversationData.id(ConversationData.read(state), PROGRAM));
    if (program.isEmpty() || !turn.services().membership().isLead(turn.member())) {
      turn.tx().conversations().clear(turn.member().id());
      return Reply.text(
          "That import is no longer yours to finish; start again with `/nudge import <program>`.");
    }
    Program p = program.get();
    RosterFile.Read read = RosterFile.read(upload.content());
    if (!read.ok()) {
      return Reply.text(read.problem() + " Nothing was imported.");
    }
    if (read.isRoster()) {
      return rosterDryRun(turn, p, read, upload.fileName());
    }
    PairPlanner.Outcome outcome = PairPlanner.plan(turn, p, read, upload.fileName());
    ImportPlan plan = outcome.plan();
    String counts =
        count(plan.pairs().size(), "pair") + " new, " + plan.alreadyThere() + " already there";
    if (!outcome.problems().isEmpty()) {
      return notImported(outcome.rows(), outcome.problems(), upload.fileName(), p, counts);
    }
    if (plan.pairs().isEmpty()) {
      turn.tx().conversations().clear(turn.member().id());
      return Reply.text(
          "Every pair in "
              + upload.fileName()
              + " is already in "
              + p.name()
              + " ("
              + count(plan.alreadyThere(), "pair")
              + "); nothing to import, nothing changed.");
    }
    String note =
        outcome.enrolmentColumns()
            ? "\nThe topics, languages and capacity columns are not kept with pairs; a roster"
                + " file (member, role, topics, languages, capacity) enrols people for matching."
            : "";
    return confirmable(
        turn,
        p,
        plan,
        "Dry run of "
            + upload.fileName()
            + " for "
            + p.name()
            + ": "
            + counts
            + ", 0 people enrolled. Nothing has changed yet: Confirm imports the new pairs and"
            + " welcomes them; Cancel drops it."
            + note);
  }

  /** A file with problems: every problem by its line, and nothing imported. */
  private static Reply notImported(
      int rows, List<Problem> found, String fileName, Program p, String counts) {
    return Reply.text(
        "I read "
            + count(rows, "row")
            + " of "
            + fileName
            + " for "
            + p.name()
            + " ("
            + counts
            + "), but "
            + count(found.size(), "line")
            + (found.size() == 1 ? " has a problem" : " have problems")
            + "; nothing was imported yet:\n"
            + problems(found)
            + "\nFix "
            + (found.size() == 1 ? "it" : "them")
            + " and send the file again.");
  }

  /** The dry run of a roster of people: who would be enrolled for matching, and the problems. */
  private static Reply rosterDryRun(Turn turn, Program p, RosterFile.Read read, String fileName) {
    RosterPlanner.Outcome outcome = RosterPlanner.plan(turn, p, read, fileName);
    ImportPlan plan = outcome.plan();
    String counts =
        count(plan.enrolled().size(), "person").replace("persons", "people")
            + " to enrol, "
            + plan.alreadyThere()
            + " already enrolled as the file says";
    if (!outcome.problems().isEmpty()) {
      return notImported(outcome.rows(), outcome.problems(), fileName, p, counts);
    }
    if (plan.enrolled().isEmpty()) {
      turn.tx().conversations().clear(turn.member().id());
      return Reply.text(
          "Everyone in "
              + fileName
              + " is already enrolled in "
              + p.name()
              + " as the file says; nothing to import, nothing changed.");
    }
    return confirmable(
        turn,
        p,
        plan,
        "Dry run of "
            + fileName
            + " for "
            + p.name()
            + ": 0 pairs new, "
            + count(plan.enrolled().size(), "person").replace("persons", "people")
            + " enrolled for matching ("
            + plan.alreadyThere()
            + " already were). Nothing has changed yet: Confirm enrols them (`/nudge match "
            + p.name()
            + "` then proposes pairs); Cancel drops it.");
  }

  /** Stores the plan as the lead's pending import and offers Confirm and Cancel. */
  private static Reply confirmable(Turn turn, Program p, ImportPlan plan, String text) {
    long pending =
        turn.tx()
            .pendingImports()
            .save(
                turn.member().id(), p.id(), plan.json(), turn.now(), turn.now().plus(PENDING_FOR));
    turn.tx().conversations().clear(turn.member().id());
    return Reply.of(
        new Message(
            text,
            List.of(
                new Action.Button(
                    NAME + ":confirm", "Confirm import", String.valueOf(pending), true),
                Action.Button.of(NAME + ":cancel", "Cancel", String.valueOf(pending)))));
  }

  /** Enrols the roster's people, creating those Nudge hasn't met, in this one transaction. */
  private static Reply enrol(Turn turn, Program program, ImportPlan plan) {
    UserRef lead = turn.member().ref();
    Map<String, ImportPlan.Person> people = new LinkedHashMap<>();
    plan.enrolled().forEach(e -> people.putIfAbsent(e.person().userId(), e.person()));
    Map<String, Member> members = ensureAll(turn, lead, people);
    Map<Long, Enrolments.Enrolment> current = RosterPlanner.enrolmentsIn(turn, program);
    for (ImportPlan.Enrolled e : plan.enrolled()) {
      Member member = members.get(e.person().userId());
      Enrolments.Enrolment before = current.get(member.id());
      String hope = before == null ? null : before.answers().hope();
      turn.tx()
          .enrolments()
          .enrol(
              new Enrolments.Answers(
                  program.id(),
                  member.id(),
                  Role.valueOf(e.role().toUpperCase(Locale.ROOT)),
                  e.topics(),
                  e.languages(),
                  e.capacity(),
                  hope),
              turn.now());
    }
    return Reply.text(
        "Enrolled "
            + count(plan.enrolled().size(), "person").replace("persons", "people")
            + " in "
            + program.name()
            + " for matching; `/nudge match "
            + program.name()
            + "` proposes pairs.");
  }

  /** The members for these people, creating in one batch those Nudge hasn't met. */
  private static Map<String, Member> ensureAll(
      Turn turn, UserRef lead, Map<String, ImportPlan.Person> people) {
    Map<String, Member> members =
        new HashMap<>(
            turn.tx().members().findAll(lead.platform(), lead.workspace(), people.keySet()));
    for (Member m : turn.tx().members().insertAll(newcomers(turn, lead, people, members, false))) {
      members.put(m.ref().userId(), m);
    }
    return members;
  }

  /**
   * Those of {@code people} who aren't among {@code known}, as new members with the name and zone
   * the platform gave (else the user id and the default zone); with their first reflection due when
   * they are {@code paired}, as {@code /nudge pair} would schedule it.
   */
  private static List<Member> newcomers(
      Turn turn,
      UserRef lead,
      Map<String, ImportPlan.Person> people,
      Map<String, Member> known,
      boolean paired) {
    List<Member> newcomers = new ArrayList<>();
    for (ImportPlan.Person person : people.values()) {
      if (known.containsKey(person.userId())) {
        continue;
      }
      Directory.Profile profile = PairPlanner.profile(person);
      UserRef ref = new UserRef(lead.platform(), lead.workspace(), person.userId());
      Member newcomer =
          Member.newcomer(
              ref,
              profile == null ? person.userId() : profile.displayName(),
              profile == null || profile.zone() == null
                  ? turn.services().settings().defaultZone()
                  : profile.zone(),
              turn.now());
      // As Membership.ensure stores them: a configured admin is a lead from the start.
      if (turn.services().settings().admins().contains(ref)) {
        newcomer = newcomer.withLead(true);
      }
      newcomers.add(
          paired ? turn.services().pairRhythm().withFirstPrompt(newcomer, turn.now()) : newcomer);
    }
    return newcomers;
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    Optional<Pending> pending =
        turn.tx()
            .pendingImports()
            .byId(ConversationData.parseId(value))
            .filter(p -> p.leadId() == turn.member().id());
    if (!verb.equals("confirm") && !verb.equals("cancel")) {
      return Expired.button();
    }
    if (pending.isEmpty() || !pending.get().expiresAt().isAfter(turn.now())) {
      pending.ifPresent(p -> turn.tx().pendingImports().delete(p.id()));
      return Reply.text(
          "That import was already confirmed, cancelled or has expired, so nothing changed;"
              + " `/nudge import <program>` starts a new one.");
    }
    turn.tx().pendingImports().delete(pending.get().id());
    if (verb.equals("cancel")) {
      return Reply.text("Import cancelled; nothing was changed.");
    }
    Optional<Program> program = turn.tx().programs().byId(pending.get().programId());
    if (program.isEmpty() || !turn.services().membership().isLead(turn.member())) {
      return Reply.text("Only a program lead can import pairs; nothing was changed.");
    }
    ImportPlan plan = ImportPlan.parse(pending.get().plan());
    return plan.enrolled().isEmpty()
        ? apply(turn, program.get(), plan)
        : enrol(turn, program.get(), plan);
  }

  /**
   * Makes the planned pairs, in this one transaction, as {@code /nudge pair} makes each one (same
   * rows, due instants and welcomes), in a few batches: 10,000 pairs is one file. Members new to
   * Nudge are stored with their first reflection due and the pairs with their first rhythm, so
   * nothing is updated or read back afterwards. A pair whose mentee got a mentor in the program
   * since the dry run (by hand, or by a second Confirm) is skipped, never doubled.
   */
  private static Reply apply(Turn turn, Program program, ImportPlan plan) {
    UserRef lead = turn.member().ref();
    Instant now = turn.now();
    Set<String> everyone = new HashSet<>();
    for (ImportPlan.NewPair planned : plan.pairs()) {
      everyone.add(planned.mentor().userId());
      everyone.add(planned.mentee().userId());
    }
    Map<String, Member> known =
        turn.tx().members().findAll(lead.platform(), lead.workspace(), everyone);
    Set<Long> taken = menteesIn(turn, program, known.values());
    List<ImportPlan.NewPair> toMake = new ArrayList<>();
    Set<String> paired = new HashSet<>();
    Map<String, ImportPlan.Person> people = new LinkedHashMap<>();
    for (ImportPlan.NewPair planned : plan.pairs()) {
      Member knownMentee = known.get(planned.mentee().userId());
      if ((knownMentee != null && taken.contains(knownMentee.id()))
          || !paired.add(planned.mentee().userId())) {
        continue;
      }
      toMake.add(planned);
      people.putIfAbsent(planned.mentor().userId(), planned.mentor());
      people.putIfAbsent(planned.mentee().userId(), planned.mentee());
    }
    Map<String, Member> members = new HashMap<>();
    List<Member> knownInPairs = new ArrayList<>();
    for (String userId : people.keySet()) {
      Member m = known.get(userId);
      if (m != null) {
        members.put(userId, m);
        knownInPairs.add(m);
      }
    }
    for (Member m : turn.tx().members().insertAll(newcomers(turn, lead, people, known, true))) {
      members.put(m.ref().userId(), m);
    }
    List<Pair> drafts = new ArrayList<>(toMake.size());
    for (ImportPlan.NewPair planned : toMake) {
      drafts.add(
          Pair.draft(
              program.id(),
              members.get(planned.mentor().userId()).id(),
              members.get(planned.mentee().userId()).id(),
              planned.phase(),
              planned.cadenceDays(),
              now));
    }
    List<Pair> made =
        turn.services().pairRhythm().startAll(turn.tx(), program, drafts, knownInPairs, now);
    Map<Long, Member> byId = new HashMap<>();
    members.values().forEach(m -> byId.put(m.id(), m));
    List<Outbox.Queued> welcomes = new ArrayList<>(made.size() * 2);
    for (Pair pair : made) {
      for (Outgoing welcome :
          PairCommand.welcomes(
              pair, program, byId.get(pair.mentorId()), byId.get(pair.menteeId()))) {
        welcomes.add(new Outbox.Queued(welcome, now));
      }
    }
    PrivacyGate.of(turn.tx()).sendAll(welcomes, now);
    int already = plan.pairs().size() - made.size() + plan.alreadyThere();
    return Reply.text(
        "Imported "
            + count(made.size(), "pair")
            + " into "
            + program.name()
            + (already == 0 ? "" : " (" + already + " already there)")
            + ". I've welcomed "
            + (made.size() == 1 ? "both" : "them all")
            + ".");
  }

  /** The members among {@code members} who are a mentee in the program already. */
  static Set<Long> menteesIn(Turn turn, Program program, Collection<Member> members) {
    Set<Long> mentees = new HashSet<>();
    activePairs(turn, members)
        .values()
        .forEach(
            pairs ->
                pairs.stream()
                    .filter(p -> p.programId() == program.id())
                    .forEach(p -> mentees.add(p.menteeId())));
    return mentees;
  }

  /** The active pairs of many members, by member id. */
  static Map<Long, List<Pair>> activePairs(Turn turn, Collection<Member> members) {
    return turn.tx().pairs().activeForAll(members.stream().map(Member::id).toList());
  }

  private static String problems(List<Problem> problems) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(PROBLEMS_SHOWN, problems.size()); i++) {
      text.append(i == 0 ? "" : "\n").append("• ").append(problems.get(i));
    }
    if (problems.size() > PROBLEMS_SHOWN) {
      text.append("\n…and ").append(problems.size() - PROBLEMS_SHOWN).append(" more.");
    }
    return text.toString();
  }

  private static String count(int n, String word) {
    return String.format(Locale.ENGLISH, "%,d", n) + " " + word + (n == 1 ? "" : "s");
  }
}
