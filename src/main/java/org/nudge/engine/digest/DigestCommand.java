package org.nudge.engine.digest;

import java.util.Locale;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Chart;
import org.nudge.engine.model.Reply;
import org.nudge.engine.programs.ProgramChoice;

/**
 * {@code /nudge digest now|preview [program]}: a lead asks for the week's digest on demand, sent
 * now to its audiences as the weekly one is ({@code now}: the celebration to the program's channel,
 * pair health and pairs at risk to the leads), or shown only to them with both parts marked ({@code
 * preview}, also what a bare {@code /nudge digest} does, so nothing is posted by accident).
 */
public final class DigestCommand extends DeclaredCommand {

  public static final String NAME = "digest";
  public static final String NOW = "now";
  public static final String PREVIEW = "preview";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "The week's digest: preview it just for you, or post it now.")
          .forLeads()
          .with(
              Param.choice(
                  "mode", "Preview it for you, or post it to the channel now", PREVIEW, NOW),
              Param.text("program", "The program, if there are several"));

  private final DigestBuilder builder;
  private final DigestAudiences audiences;
  private final DigestTrend trend;

  public DigestCommand(DigestBuilder builder, DigestAudiences audiences) {
    super(SPEC);
    this.builder = builder;
    this.audiences = audiences;
    this.trend = new DigestTrend(builder);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    String mode = words[0].toLowerCase(Locale.ROOT);
    String programName;
    if (mode.equals(NOW) || mode.equals(PREVIEW)) {
      programName = words.length > 1 ? words[1].strip() : "";
    } else {
      programName = ctx.args().strip();
      mode = PREVIEW;
    }
    Optional<Program> program = ProgramChoice.resolve(ctx, programName);
    if (program.isEmpty()) {
      return ctx.refuse(
          ProgramChoice.problem(ctx, programName)
              + " For example: `/nudge digest preview Spring`.");
    }
    Program p = program.get();
    Digest digest = builder.onDemand(ctx.tx(), p, ctx.now());
    Chart chart = DigestTrend.chart(ctx.tx(), trend, p, digest);
    if (mode.equals(PREVIEW)) {
      return Reply.of(DigestLayout.preview(digest).withChart(chart));
    }
    if (p.channelId() == null && digest.activePairs() == 0) {
      return ctx.refuse(
          p.name()
              + " has no channel to post to; set one with `/nudge program channel "
              + p.name()
              + " #channel`, or see it yourself with `/nudge digest preview "
              + p.name()
              + "`.");
    }
    DigestAudiences.Delivery sent =
        audiences.send(
            ctx.tx(),
            p,
            digest,
            "digest:" + p.id() + ":now:" + ctx.now().toEpochMilli(),
            ctx.now(),
            chart);
    String toLeads =
        sent.leadsChannel() != null
            ? "its pairs at risk and health to <#" + sent.leadsChannel() + ">"
            : "its pairs at risk and health to each lead's DM";
    if (!sent.toChannel()) {
      return Reply.text(
          p.name()
              + " has no channel to post to, so I sent only "
              + toLeads
              + "; set a channel with `/nudge program channel "
              + p.name()
              + " #channel`.");
    }
    return Reply.text(
        "Posted "
            + p.name()
            + "'s digest to <#"
            + p.channelId()
            + ">"
            + (sent.toLeads() ? ", and " + toLeads : "")
            + ".");
  }
}
