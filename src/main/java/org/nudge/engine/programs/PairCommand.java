package org.nudge.engine.programs;

import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;

/**
 * {@code /nudge pair @mentor @mentee [program]}: a lead makes a pair. Both members get a welcome
 * that sets expectations: how often to meet, and that the mentee drives.
 */
public final class PairCommand extends DeclaredCommand {

  public static final String NAME = "pair";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Pair a mentor with a mentee.")
          .forLeads()
          .with(
              Param.user("mentor", "The mentor").required(),
              Param.user("mentee", "The mentee").required(),
              Param.text("program", "The program, if there are several"));

  public PairCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Optional<PairMentions> named = PairMentions.read(ctx.args());
    if (named.isEmpty()) {
      return ctx.refuse(
          "Mention the mentor first and then the mentee, like `/nudge pair @maria @alice Spring`.");
    }
    String programName = named.get().rest();
    Optional<Program> program = ProgramChoice.resolve(ctx, programName);
    if (program.isEmpty()) {
      return ctx.refuse(ProgramChoice.problem(ctx, programName));
    }
    Member mentor = named.get().mentor(ctx);
    Member mentee = named.get().mentee(ctx);
    if (mentor.id() == mentee.id()) {
      return ctx.refuse("A mentor and a mentee are two different people; mention both.");
    }
    Program p = program.get();
    List<Pair> menteePairs =
        ctx.tx().pairs().activeFor(mentee.id()).stream()
            .filter(pair -> pair.programId() == p.id() && pair.menteeId() == mentee.id())
            .toList();
    if (!menteePairs.isEmpty()) {
      String current = ctx.nameOf(menteePairs.get(0).mentorId());
      return ctx.refuse(
          mentee.displayName()
              + " already has a mentor in "
              + p.name()
              + " ("
              + current
              + "); end that pair first with `/nudge unpair @"
              + current
              + " @"
              + mentee.displayName()
              + "`.");
    }
    boolean reversed =
        ctx.tx().pairs().activeFor(mentor.id()).stream()
            .anyMatch(
                pair ->
                    pair.programId() == p.id()
                        && pair.menteeId() == mentor.id()
                        && pair.mentorId() == mentee.id());
    if (reversed) {
      return ctx.refuse(
          mentor.displayName()
              + " is already "
              + mentee.displayName()
              + "'s mentee in "
              + p.name()
              + "; a pair can't mentor each other both ways.");
    }
    make(ctx, p, mentor, mentee);
    return Reply.text(
        "Paired "
            + mentor.displayName()
            + " (mentor) with "
            + mentee.displayName()
            + " (mentee) in "
            + p.name()
            + ". I've welcomed them both.");
  }

  /**
   * Makes the pair, starts its rhythm and welcomes both members: the one way a pair is made, by
   * this command and by a confirmed match. The caller has checked that it may be made.
   */
  public static Pair make(CommandContext ctx, Program program, Member mentor, Member mentee) {
    Pair pair =
        ctx.services()
            .pairRhythm()
            .start(
                ctx.tx(),
                ctx.tx().pairs().create(program.id(), mentor.id(), mentee.id(), ctx.now()),
                ctx.now());
    welcome(ctx, pair, program, mentor, mentee);
    return pair;
  }

  private static void welcome(
      CommandContext ctx, Pair pair, Program program, Member mentor, Member mentee) {
    PrivacyGate gate = PrivacyGate.of(ctx.tx());
    for (Outgoing message : welcomes(pair, program, mentor, mentee)) {
      gate.sendNow(message, ctx.now());
    }
  }

  /**
   * The welcome of a new pair, setting expectations: how often to meet, and that the mentee drives.
   * Each member gets one in their DM, or, in a program with pair spaces, both get one together in
   * their new space. A pair made by a lead's import gets the same.
   */
  public static List<Outgoing> welcomes(Pair pair, Program program, Member mentor, Member mentee) {
    int days = pair.cadenceDays() != null ? pair.cadenceDays() : program.checkinCadenceDays();
    String cadence = "every " + days + " days";
    if (program.groupSpaces()) {
      return List.of(spaceWelcome(pair, program, mentor, mentee, cadence));
    }
    return List.of(
        Outgoing.notice(
                "pair:" + pair.id() + ":welcome:mentee",
                mentee.ref(),
                Message.text(
                    "👋 You're paired with "
                        + mentor.displayName()
                        + " as your mentor in "
                        + program.name()
                        + ". You drive: suggest a first meeting, and aim to"
                        + " meet "
                        + cadence
                        + ". Log wins with `/win`, and after you meet,"
                        + " `/checkin`. `/nudge help` shows the rest."))
            .naming(mentor.id()),
        Outgoing.notice(
                "pair:" + pair.id() + ":welcome:mentor",
                mentor.ref(),
                Message.text(
                    "👋 You're mentoring "
                        + mentee.displayName()
                        + " in "
                        + program.name()
                        + ". They'll reach out; it helps to say early how often you can meet"
                        + " (the program suggests "
                        + cadence
                        + ") and how you like to be"
                        + " contacted."))
            .naming(mentee.id()));
  }

  /** One welcome to both, in the pair's space; it names them both, so forget-me finds it. */
  private static Outgoing spaceWelcome(
      Pair pair, Program program, Member mentor, Member mentee, String cadence) {
    return new Outgoing(
            "pair:" + pair.id() + ":welcome:space",
            PairSpaceRouting.of(program, pair),
            Message.text(
                "👋 Welcome, "
                    + mentor.displayName()
                    + " and "
                    + mentee.displayName()
                    + "! This is your shared space for "
                    + program.name()
                    + ": "
                    + mentor.displayName()
                    + " mentors "
                    + mentee.displayName()
                    + ". "
                    + mentee.displayName()
                    + ", you drive: suggest a first meeting, and aim to meet "
                    + cadence
                    + ". "
                    + mentor.displayName()
                    + ", it helps to say early how often you can meet and how you like to be"
                    + " contacted. Check-in reminders and agenda ideas come here; reflections and"
                    + " other private prompts stay in your own DMs with me. Log wins with `/win`,"
                    + " and after you meet, `/checkin`."),
            false)
        .naming(mentor.id(), mentee.id());
  }
}
