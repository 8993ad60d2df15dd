package org.nudge.engine.digest;

import java.util.Locale;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.programs.ProgramChoice;

/**
 * {@code /nudge digest now|preview [program]}: a lead asks for the week's digest on demand, posted
 * to the program's channel ({@code now}) or shown only to them ({@code preview}, also what a bare
 * {@code /nudge digest} does, so nothing is posted by accident).
 */
public final class DigestCommand implements CommandHandler {

  public static final String NAME = "digest";
  public static final String NOW = "now";
  public static final String PREVIEW = "preview";

  private final DigestBuilder builder;

  public DigestCommand(DigestBuilder builder) {
    this.builder = builder;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String usage() {
    return "/nudge digest now|preview [program]";
  }

  @Override
  public String description() {
    return "Post the week's digest to the program's channel now, or preview it just for you.";
  }

  @Override
  public boolean leadOnly() {
    return true;
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
    if (mode.equals(NOW) && p.channelId() == null) {
      return ctx.refuse(
          p.name()
              + " has no channel to post to; set one with `/nudge program channel "
              + p.name()
              + " #channel`, or see it yourself with `/nudge digest preview "
              + p.name()
              + "`.");
    }
    Message digest = DigestLayout.message(builder.onDemand(ctx.tx(), p, ctx.now()));
    if (mode.equals(PREVIEW)) {
      return Reply.of(digest);
    }
    PrivacyGate.of(ctx.tx())
        .send(
            new Outgoing(
                "digest:" + p.id() + ":now:" + ctx.now().toEpochMilli(),
                new ConversationRef.Channel(p.platform(), p.workspace(), p.channelId()),
                digest),
            ctx.now(),
            ctx.now());
    return Reply.text("Posted " + p.name() + "'s digest to <#" + p.channelId() + ">.");
  }
}
