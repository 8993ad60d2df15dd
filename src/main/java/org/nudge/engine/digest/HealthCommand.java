package org.nudge.engine.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Mentions;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Message.Section;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge health @member}: for a lead, the health of each active pair the member is in, with
 * the reasons behind the score and any reason the pair is at risk. Counts only: nothing anyone
 * wrote, and no rating.
 */
public final class HealthCommand extends DeclaredCommand {

  public static final String NAME = "health";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "How a member's pairs are doing: a score and its reasons.")
          .forLeads()
          .with(Param.user("member", "The member").required());

  private final DigestBuilder builder;

  public HealthCommand(DigestBuilder builder) {
    super(SPEC);
    this.builder = builder;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+");
    if (words.length != 1 || !Mentions.isUser(words[0])) {
      return ctx.refuse("Mention one member, like `/nudge health @alice`.");
    }
    Optional<Member> member =
        ctx.tx().members().find(ctx.member().ref().sibling(Mentions.userId(words[0])));
    List<Pair> pairs = member.map(m -> ctx.tx().pairs().activeFor(m.id())).orElse(List.of());
    if (pairs.isEmpty()) {
      String who = member.map(Member::displayName).orElse("That person");
      return ctx.refuse(who + " isn't in an active pair; `/nudge program list` shows the pairs.");
    }
    List<Section> sections = new ArrayList<>();
    for (Pair pair : pairs) {
      Program program = ctx.tx().programs().byId(pair.programId()).orElseThrow();
      PairHealth.Health health = builder.health(ctx.tx(), program, pair.id(), ctx.now());
      if (health == null) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      lines.add(
          "Score "
              + health.score()
              + " / 100: "
              + health.band().words()
              + " (in "
              + program.name()
              + ")");
      health.reasons().forEach(r -> lines.add("• " + r));
      health.risks().forEach(r -> lines.add("⚠️ " + r));
      sections.add(
          new Section(ctx.nameOf(pair.mentorId()) + " & " + ctx.nameOf(pair.menteeId()), lines));
    }
    return Reply.of(
        Message.structured("🩺 Pair health for " + member.get().displayName(), sections));
  }
}
