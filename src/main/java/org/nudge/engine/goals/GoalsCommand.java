package org.nudge.engine.goals;

import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.command.Usage;
import org.nudge.engine.domain.Entries.Goal;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;

/** {@code /goals [add <text> | done <n>]}: the pair's development plan, shared by both members. */
public final class GoalsCommand extends DeclaredCommand {

  public static final String NAME = "goals";
  public static final String ADD = "add";
  public static final String DONE = "done";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Your pair's development plan.")
          .withSubs(
              CommandSpec.of("list", "Show your pair's goals.").asImplied(),
              CommandSpec.of(ADD, "Add a goal to your pair's plan.")
                  .with(Param.text("goal", "The goal, in a sentence").required()),
              CommandSpec.of(DONE, "Mark a goal done; your partner is told.")
                  .with(Param.number("number", "The goal's number").required()));

  /** How to type {@code /goals add} or {@code /goals done}, as the spec says. */
  static String usage(String sub) {
    return Usage.of("/" + NAME, SPEC, sub);
  }

  public GoalsCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Optional<Pair> pair = ctx.primaryPair();
    String[] words = ctx.args().strip().split("\\s+", 2);
    if (pair.isEmpty() && words[0].isEmpty()) {
      // The goodbye of an ended pair promises that what the member logged stays theirs.
      List<Goal> past = ctx.tx().goals().by(ctx.member().id());
      if (!past.isEmpty()) {
        return Reply.text(pastGoals(past));
      }
    }
    if (pair.isEmpty()) {
      return ctx.refuse(
          "Goals belong to a pair and you're not in one yet; a program lead can pair you with"
              + " `/nudge pair`.");
    }
    String verb = words[0];
    String rest = words.length > 1 ? words[1].strip() : "";
    if (verb.isEmpty()) {
      return Reply.text(list(ctx.tx().goals().inPair(pair.get().id())));
    }
    if (verb.equalsIgnoreCase(ADD)) {
      return add(ctx, pair.get(), rest);
    }
    if (verb.equalsIgnoreCase(DONE)) {
      return done(ctx, pair.get(), rest);
    }
    return ctx.refuse(Usage.takes(ctx.path(), SPEC));
  }

  private Reply add(CommandContext ctx, Pair pair, String text) {
    Optional<String> problem =
        TextRules.problem(
            text, ctx.settings().maxTextLength(), "goal", "/goals add lead a design review");
    if (problem.isPresent()) {
      return ctx.refuse(problem.get());
    }
    Goal goal = ctx.tx().goals().add(pair.id(), ctx.member().id(), text, ctx.now());
    ctx.services().pairRhythm().goalsChanged(ctx.tx(), pair);
    return Reply.text("Goal " + goal.seq() + " added: " + goal.text());
  }

  private Reply done(CommandContext ctx, Pair pair, String number) {
    int seq;
    try {
      seq = Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return ctx.refuse("Say which goal by its number, like `/goals done 2`.");
    }
    if (!ctx.tx().goals().complete(pair.id(), seq, ctx.now())) {
      return ctx.refuse(
          "There's no open goal " + seq + "; `/goals` lists them with their numbers.");
    }
    ctx.services().pairRhythm().goalsChanged(ctx.tx(), pair);
    Member partner = ctx.tx().members().byId(pair.partnerOf(ctx.member().id())).orElseThrow();
    PrivacyGate.of(ctx.tx())
        .sendNow(
            Outgoing.notice(
                    "goal:" + pair.id() + ":" + seq + ":done",
                    partner.ref(),
                    Message.text(ctx.member().displayName() + " marked goal " + seq + " done. ✅"))
                .naming(ctx.member().id()),
            ctx.now());
    return Reply.text(
        "Goal " + seq + " done. Well earned! I've told " + partner.displayName() + ".");
  }

  private static String pastGoals(List<Goal> goals) {
    StringBuilder text =
        new StringBuilder(
            "You're not in a pair right now; the goals you added in past pairs stay yours:");
    for (Goal g : goals) {
      text.append("\n• ").append("done".equals(g.status()) ? "✅ " : "").append(g.text());
    }
    return text.toString();
  }

  private static String list(List<Goal> goals) {
    if (goals.isEmpty()) {
      return "Your plan has no goals yet. Add one with `" + usage(ADD) + "`.";
    }
    StringBuilder text = new StringBuilder("Your development plan:");
    for (Goal g : goals) {
      text.append("\n")
          .append(g.seq())
          .append(". ")
          .append("done".equals(g.status()) ? "✅ " : "")
          .append(g.text());
    }
    return text.toString();
  }
}
