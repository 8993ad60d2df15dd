package org.nudge.engine.checkins;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;

/**
 * {@code /checkin [note]}: record that the pair met, which resets the pair's reminder clock. With
 * no note it shows the last check-in and when a reminder would come.
 */
public final class CheckInCommand implements CommandHandler {

  public static final String NAME = "checkin";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String usage() {
    return "/checkin [what you talked about]";
  }

  @Override
  public String description() {
    return "Record that you and your partner met; with no text, see the last check-in.";
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Optional<Pair> pair = ctx.primaryPair();
    if (pair.isEmpty()) {
      return ctx.refuse(
          "You're not in a pair yet, so there's no check-in to record; a program lead can pair"
              + " you with `/nudge pair`.");
    }
    Pair p = pair.get();
    Member me = ctx.member();
    String partner = ctx.nameOf(p.partnerOf(me.id()));
    String note = ctx.args().strip();
    if (note.isEmpty()) {
      return Reply.text(status(ctx, p, partner));
    }
    Optional<String> problem =
        TextRules.problem(
            note, ctx.settings().maxTextLength(), "note", "/checkin talked about goals");
    if (problem.isPresent()) {
      return ctx.refuse(problem.get());
    }
    CheckIn checkIn = ctx.tx().journal().addCheckIn(p.id(), me.id(), note, ctx.now());
    Member partnerMember = ctx.tx().members().byId(p.partnerOf(me.id())).orElseThrow();
    ctx.tx()
        .outbox()
        .enqueue(
            new Outgoing(
                "checkin:" + checkIn.id() + ":partner",
                new ConversationRef.Direct(partnerMember.ref()),
                Message.text(me.displayName() + " recorded your check-in: " + note)),
            ctx.now(),
            ctx.now());
    return Reply.text(
        "Check-in with "
            + partner
            + " recorded. Next reminder only if you haven't met by "
            + Texts.day(nextDue(ctx, p, ctx.now()), me.zone())
            + ".");
  }

  private static String status(CommandContext ctx, Pair pair, String partner) {
    Optional<CheckIn> last = ctx.tx().journal().lastCheckIn(pair.id());
    Instant since = last.map(CheckIn::createdAt).orElse(pair.startedAt());
    String lastText =
        last.map(
                c ->
                    "Your last check-in with "
                        + partner
                        + " was on "
                        + Texts.day(c.createdAt(), ctx.member().zone())
                        + (c.note().isEmpty() ? "." : ": " + Texts.sentence(c.note())))
            .orElse("You and " + partner + " haven't recorded a check-in yet.");
    Instant due = nextDue(ctx, pair, since);
    String next =
        due.isAfter(ctx.now())
            ? " Next reminder if you haven't met by " + Texts.day(due, ctx.member().zone()) + "."
            : " You're due to meet now; record it with `/checkin what you talked about`.";
    return lastText + next;
  }

  private static Instant nextDue(CommandContext ctx, Pair pair, Instant since) {
    Program program = ctx.tx().programs().byId(pair.programId()).orElseThrow();
    return since.plus(Duration.ofDays(program.checkinCadenceDays()));
  }
}
