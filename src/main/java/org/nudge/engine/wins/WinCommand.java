package org.nudge.engine.wins;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;

/**
 * {@code /win <text> [--share]}: celebrate a small win. The partner is told, because trust grows as
 * small wins are seen; {@code --share} also posts it to the program's channel.
 */
public final class WinCommand extends DeclaredCommand {

  public static final String NAME = "win";
  public static final String SHARE_FLAG = "--share";

  private static final CommandSpec SPEC =
      CommandSpec.of(
              NAME,
              "Log a win (#tags welcome); your partner is told; --share posts it to the program channel.")
          .with(
              Param.text("text", "What went well (#tags welcome)")
                  .required()
                  .shown("what went well"),
              Param.flag("share", "Also post it to your program's channel", SHARE_FLAG));

  /**
   * The flag as a word of its own, with the whitespace before it, so that taking it out leaves the
   * rest exactly as typed; {@code --shared-cache} is a word of the win, not the flag.
   */
  private static final Pattern SHARE_WORD =
      Pattern.compile("(?:^|\\s+)" + Pattern.quote(SHARE_FLAG) + "(?=\\s|$)");

  private static final Pattern TAG = Pattern.compile("(?<![\\w#])#([\\p{L}\\p{N}_-]{1,40})");

  public WinCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    boolean share = SHARE_WORD.matcher(ctx.args()).find();
    String text = SHARE_WORD.matcher(ctx.args()).replaceAll("").strip();
    Optional<String> problem =
        TextRules.problem(
            text, ctx.settings().maxTextLength(), "win", "/win shipped the parser #backend");
    if (problem.isPresent()) {
      return ctx.refuse(problem.get());
    }
    Member me = ctx.member();
    Optional<Pair> pair = ctx.primaryPair();
    Optional<Program> program = pair.flatMap(p -> ctx.tx().programs().byId(p.programId()));
    // Marked shared only when it is posted now: a channel set later must not show a win whose
    // author was told it wasn't shared.
    boolean posted = share && program.map(p -> p.channelId() != null).orElse(false);
    String tags = String.join(" ", tags(text));
    Win win =
        ctx.tx()
            .wins()
            .add(me.id(), pair.map(Pair::id).orElse(null), text, tags, posted, ctx.now());

    StringBuilder reply = new StringBuilder("Nice one! Win logged");
    if (!tags.isEmpty()) {
      reply.append(" (").append(tags).append(")");
    }
    reply.append('.');
    if (pair.isEmpty()) {
      reply.append(" You're not in a pair yet, so it stays in your own log for now.");
    } else {
      Pair p = pair.get();
      Member partner = ctx.tx().members().byId(p.partnerOf(me.id())).orElseThrow();
      PrivacyGate.of(ctx.tx())
          .sendNow(
              Outgoing.notice(
                      "win:" + win.id() + ":partner",
                      partner.ref(),
                      Message.text(
                          "🎉 "
                              + me.displayName()
                              + " logged a win: "
                              + text
                              + "\nA quick word of congratulation goes a long way."))
                  .quoting(Quotes.of(win)),
              ctx.now());
      reply.append(" I've told ").append(partner.displayName()).append('.');
    }
    if (posted) {
      reply.append(' ').append(shareToChannel(ctx, program.get(), win, text));
    } else if (share && program.isPresent()) {
      reply
          .append(" It isn't shared: ")
          .append(program.get().name())
          .append(" has no channel yet (a lead can add one), so it stays between you two.");
    } else if (share) {
      reply.append(
          " I couldn't share it: sharing goes to your program's channel, and you're not in a program yet.");
    }
    return Reply.text(reply.toString());
  }

  private static String shareToChannel(CommandContext ctx, Program program, Win win, String text) {
    PrivacyGate.of(ctx.tx())
        .sendNow(
            new Outgoing(
                "win:" + win.id() + ":share",
                new ConversationRef.Channel(
                    program.platform(), program.workspace(), program.channelId()),
                Message.text("🌟 " + ctx.member().displayName() + " shared a win: " + text),
                false,
                List.of(Quotes.sent(Quotes.of(win))),
                Set.of()),
            ctx.now());
    return "Shared with " + program.name() + ".";
  }

  /** The distinct {@code #tags} of a text, lower case, in order of appearance. */
  static Set<String> tags(String text) {
    Set<String> tags = new LinkedHashSet<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      tags.add("#" + m.group(1).toLowerCase(Locale.ROOT));
    }
    return tags;
  }
}
