package org.nudge.engine.thanks;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Mentions;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.ThanksLog.Thanks;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;

/**
 * {@code /thanks @partner <text> [--share]}: thank your mentor or mentee for something specific.
 * Value has to flow both ways for a pair to last, so the partner hears it at once in a DM; {@code
 * --share} also celebrates it in the program's channel, like a shared win. The digest counts thanks
 * as appreciation, never their text.
 */
public final class ThanksCommand extends DeclaredCommand {

  public static final String NAME = "thanks";
  public static final String SHARE_FLAG = "--share";

  private static final String EXAMPLE = "/thanks @maria for walking me through my first review";

  private static final CommandSpec SPEC =
      CommandSpec.of(
              NAME,
              "Thank your mentor or mentee for something specific; --share posts it to the channel.")
          .with(
              Param.user("partner", "Your mentor or mentee").required(),
              Param.text("text", "What you thank them for").required().shown("what for"),
              Param.flag("share", "Also celebrate it in your program's channel", SHARE_FLAG));

  /** The flag as a word of its own, as {@code /win} reads it: {@code --shared} is a word. */
  private static final Pattern SHARE_WORD =
      Pattern.compile("(?:^|\\s+)" + Pattern.quote(SHARE_FLAG) + "(?=\\s|$)");

  public ThanksCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    String partnerId = Mentions.userId(words[0]);
    if (partnerId == null) {
      return ctx.refuse("Tell me whom you thank, then what for, like `" + EXAMPLE + "`.");
    }
    String rest = words.length > 1 ? words[1] : "";
    boolean share = SHARE_WORD.matcher(rest).find();
    String text = SHARE_WORD.matcher(rest).replaceAll("").strip();
    Member me = ctx.member();
    if (partnerId.equals(me.ref().userId())) {
      return ctx.refuse(
          "Thanks go to someone else: name your mentor or mentee, like `" + EXAMPLE + "`.");
    }
    Optional<Member> partner = ctx.tx().members().find(me.ref().sibling(partnerId));
    Optional<Pair> pair =
        partner.flatMap(
            p ->
                ctx.tx().pairs().activeFor(me.id()).stream()
                    .filter(q -> q.partnerOf(me.id()) == p.id())
                    .findFirst());
    if (pair.isEmpty()) {
      return ctx.refuse(
          "I pass thanks only to your mentor or mentee, and you're not in an active pair with"
              + " them.");
    }
    Optional<String> problem =
        TextRules.problem(text, ctx.settings().maxTextLength(), "thanks", EXAMPLE);
    if (problem.isPresent()) {
      return ctx.refuse(problem.get());
    }

    Optional<Program> program = ctx.tx().programs().byId(pair.get().programId());
    // Marked shared only when it is posted now, as a win is: a channel added later must not show
    // thanks whose author was told they weren't shared.
    boolean posted = share && program.map(p -> p.channelId() != null).orElse(false);
    Member them = partner.get();
    Thanks thanks =
        ctx.tx().thanks().add(me.id(), them.id(), pair.get().id(), text, posted, ctx.now());
    PrivacyGate.of(ctx.tx())
        .sendNow(
            Outgoing.notice(
                    "thanks:" + thanks.id() + ":partner",
                    them.ref(),
                    Message.text("🙏 " + me.displayName() + " thanks you: " + text))
                .quoting(Quotes.of(thanks)),
            ctx.now());

    StringBuilder reply =
        new StringBuilder("Thank you for saying it: I've passed it on to ")
            .append(them.displayName())
            .append('.');
    if (posted) {
      shareToChannel(ctx, program.get(), thanks, them, text);
      reply.append(" Shared with ").append(program.get().name()).append('.');
    } else if (share) {
      reply
          .append(" It isn't shared: ")
          .append(program.map(Program::name).orElse("your program"))
          .append(" has no channel yet (a lead can add one), so it stays between you two.");
    }
    return Reply.text(reply.toString());
  }

  private static void shareToChannel(
      CommandContext ctx, Program program, Thanks thanks, Member partner, String text) {
    PrivacyGate.of(ctx.tx())
        .sendNow(
            new Outgoing(
                    "thanks:" + thanks.id() + ":share",
                    new ConversationRef.Channel(
                        program.platform(), program.workspace(), program.channelId()),
                    Message.text(
                        "🙏 "
                            + ctx.member().displayName()
                            + " thanks "
                            + partner.displayName()
                            + ": "
                            + text),
                    false,
                    List.of(Quotes.sent(Quotes.of(thanks))),
                    Set.of())
                .naming(partner.id()),
            ctx.now());
  }
}
