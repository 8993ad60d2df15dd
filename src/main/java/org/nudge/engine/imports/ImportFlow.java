package org.nudge.engine.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.Membership;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
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
      return Reply.text(
          "That is a roster of people (member, role, …), which enrols them for matching; this"
              + " version of Nudge imports pairs only, so send a file with the columns mentor and"
              + " mentee. Nothing was imported.");
    }
    PairPlanner.Outcome outcome = PairPlanner.plan(turn, p, read, upload.fileName());
    ImportPlan plan = outcome.plan();
    String counts =
        count(plan.pairs().size(), "pair") + " new, " + plan.alreadyThere() + " already there";
    if (!outcome.problems().isEmpty()) {
      return Reply.text(
          "I read "
              + count(outcome.rows(), "row")
              + " of "
              + upload.fileName()
              + " for "
              + p.name()
              + " ("
              + counts
              + "), but "
              + count(outcome.problems().size(), "line")
              + (outcome.problems().size() == 1 ? " has a problem" : " have problems")
              + "; nothing was imported yet:\n"
              + problems(outcome.problems())
              + "\nFix "
              + (outcome.problems().size() == 1 ? "it" : "them")
              + " and send the file again.");
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
    long pending =
        turn.tx()
            .pendingImports()
            .save(
                turn.member().id(), p.id(), plan.json(), turn.now(), turn.now().plus(PENDING_FOR));
    turn.tx().conversations().clear(turn.member().id());
    String note =
        outcome.enrolmentColumns()
            ? "\nThe topics, languages and capacity columns were read but are not kept: enrolment"
                + " for matching is not in this version."
            : "";
    return Reply.of(
        new Message(
            "Dry run of "
                + upload.fileName()
                + " for "
                + p.name()
                + ": "
                + counts
                + ", 0 people enrolled. Nothing has changed yet: Confirm imports the new pairs and"
                + " welcomes them; Cancel drops it."
                + note,
            List.of(
                new Action.Button(
                    NAME + ":confirm", "Confirm import", String.valueOf(pending), true),
                Action.Button.of(NAME + ":cancel", "Cancel", String.valueOf(pending)))));
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    Optional<Pending> pending =
        turn.tx()
            .pendingImports()
            .byId(ConversationData.parseId(value))
            .filter(p -> p.leadId() == turn.member().id());
    if (!verb.equals("confirm") && !verb.equals("cancel")) {
      return org.nudge.engine.conversation.Expired.button();
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
    return apply(turn, program.get(), ImportPlan.parse(pending.get().plan()));
  }

  /**
   * Makes the planned pairs, in this one transaction. A pair made since the dry run (by hand, or by
   * a second Confirm) is skipped, never doubled.
   */
  private static Reply apply(Turn turn, Program program, ImportPlan plan) {
    Membership membership = turn.services().membership();
    UserRef lead = turn.member().ref();
    Instant now = turn.now();
    Map<String, Member> members = new HashMap<>();
    List<Outbox.Queued> welcomes = new ArrayList<>(plan.pairs().size() * 2);
    int made = 0;
    int skipped = 0;
    for (ImportPlan.NewPair planned : plan.pairs()) {
      Member mentor = ensure(turn, membership, members, lead, planned.mentor());
      Member mentee = ensure(turn, membership, members, lead, planned.mentee());
      boolean taken =
          turn.tx().pairs().activeFor(mentee.id()).stream()
              .anyMatch(p -> p.programId() == program.id() && p.menteeId() == mentee.id());
      if (taken) {
        skipped++;
        continue;
      }
      Pair pair = turn.tx().pairs().create(program.id(), mentor.id(), mentee.id(), now);
      if (planned.phase() != null) {
        turn.tx().pairs().setPhase(pair.id(), planned.phase());
        pair = pair.withPhase(planned.phase());
      }
      if (planned.cadenceDays() != null) {
        pair = pair.withCadenceDays(planned.cadenceDays());
      }
      pair = turn.services().pairRhythm().start(turn.tx(), pair, now);
      for (Outgoing welcome : PairCommand.welcomes(pair, program, mentor, mentee)) {
        welcomes.add(new Outbox.Queued(welcome, now));
      }
      made++;
    }
    PrivacyGate.of(turn.tx()).sendAll(welcomes, now);
    return Reply.text(
        "Imported "
            + count(made, "pair")
            + " into "
            + program.name()
            + (skipped + plan.alreadyThere() == 0
                ? ""
                : " (" + (skipped + plan.alreadyThere()) + " were already there)")
            + ". I've welcomed "
            + (made == 1 ? "both" : "them all")
            + ".");
  }

  private static Member ensure(
      Turn turn,
      Membership membership,
      Map<String, Member> members,
      UserRef lead,
      ImportPlan.Person person) {
    Member known = members.get(person.userId());
    if (known != null) {
      return known;
    }
    Member member =
        membership.ensureFound(
            turn.tx(), lead.sibling(person.userId()), PairPlanner.profile(person), turn.now());
    members.put(person.userId(), member);
    return member;
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
    return String.format(java.util.Locale.ENGLISH, "%,d", n) + " " + word + (n == 1 ? "" : "s");
  }
}
