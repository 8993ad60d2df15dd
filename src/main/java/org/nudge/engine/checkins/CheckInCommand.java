package org.nudge.engine.checkins;

import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Entries.CheckIn;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Reply;
import org.nudge.engine.schedule.Cadence;

/**
 * {@code /checkin [note]}: record that the pair met, which restarts the pair's reminder clock. With
 * no note it shows the last check-in and when a reminder would come; {@code /checkin every weekly}
 * sets the cadence the pair agreed.
 */
public final class CheckInCommand extends DeclaredCommand {

  public static final String NAME = "checkin";
  public static final String EVERY = "every";

  private static final CommandSpec SPEC =
      CommandSpec.of(
              NAME,
              "Record that you and your partner met; with no note, see the last check-in and the next.")
          .with(
              Param.text("note", "What you talked about").shown("what you talked about"),
              Param.choice(
                      "every", "Change how often you plan to meet", "weekly", "biweekly", "monthly")
                  .after(EVERY));

  public CheckInCommand() {
    super(SPEC);
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
    String[] words = note.split("\\s+");
    if (words.length == 2 && words[0].equalsIgnoreCase(EVERY)) {
      return cadence(ctx, p, partner, words[1]);
    }
    Optional<String> problem =
        TextRules.problem(
            note, ctx.settings().maxTextLength(), "note", "/checkin talked about goals");
    if (problem.isPresent()) {
      return ctx.refuse(problem.get());
    }
    CheckIns.record(ctx.turn(), p, note);
    Pair after = ctx.tx().pairs().byId(p.id()).orElseThrow();
    return Reply.text(
        "Check-in with "
            + partner
            + " recorded. Next reminder only if you haven't met by "
            + Texts.day(after.checkinDueAt(), me.zone())
            + ".");
  }

  private Reply cadence(CommandContext ctx, Pair pair, String partner, String word) {
    Cadence cadence;
    try {
      cadence = Cadence.parse(word);
    } catch (IllegalArgumentException e) {
      return ctx.refuse(e.getMessage());
    }
    int days = (int) cadence.interval().toDays();
    Instant since =
        ctx.tx().checkIns().last(pair.id()).map(CheckIn::createdAt).orElse(pair.startedAt());
    Pair changed = pair.withCadenceDays(days);
    ctx.tx()
        .pairs()
        .updateRhythm(
            changed.withCheckin(
                since.plus(ctx.services().pairRhythm().cadence(ctx.tx(), changed)), null, null));
    Member other = ctx.tx().members().byId(pair.partnerOf(ctx.member().id())).orElseThrow();
    ctx.turn()
        .tell(
            other,
            "cadence:" + pair.id() + ":" + ctx.now().getEpochSecond(),
            org.nudge.engine.model.Message.text(
                ctx.member().displayName() + " set your check-ins to every " + days + " days."));
    return Reply.text(
        "You and "
            + partner
            + " now aim to meet every "
            + days
            + " days. I've told "
            + partner
            + ".");
  }

  private static String status(CommandContext ctx, Pair pair, String partner) {
    Optional<CheckIn> last = ctx.tx().checkIns().last(pair.id());
    String lastText =
        last.map(
                c ->
                    "Your last check-in with "
                        + partner
                        + " was on "
                        + Texts.day(c.createdAt(), ctx.member().zone())
                        + (c.note().isEmpty() ? "." : ": " + Texts.sentence(c.note())))
            .orElse("You and " + partner + " haven't recorded a check-in yet.");
    Instant due = pair.checkinDueAt();
    String next =
        due != null && due.isAfter(ctx.now())
            ? " Next reminder if you haven't met by " + Texts.day(due, ctx.member().zone()) + "."
            : " You're due to meet now; record it with `/checkin what you talked about`.";
    return lastText + next;
  }
}
