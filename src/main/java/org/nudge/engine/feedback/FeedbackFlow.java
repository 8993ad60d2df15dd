package org.nudge.engine.feedback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.domain.Entries.Feedback;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.Quotes;
import org.nudge.engine.prompts.FeedbackQuestion;

/**
 * Giving feedback: a rating from the buttons, an optional comment typed in the DM, then share with
 * the partner or keep private (the default).
 */
public final class FeedbackFlow implements Flow {

  public static final String NAME = "feedback";
  public static final String RATE = NAME + ":rate";
  public static final String NO_COMMENT = NAME + ":no-comment";
  public static final String SHARE = NAME + ":share";
  public static final String PRIVATE = NAME + ":private";

  private static final String STEP_COMMENT = "comment";
  private static final String STEP_SHARE = "share";

  private final FeedbackPrompts prompts;

  public FeedbackFlow(FeedbackPrompts prompts) {
    this.prompts = prompts;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    return switch (verb) {
      case "rate" -> rate(turn, value);
      case "no-comment" -> askShare(turn, ConversationData.parseId(value));
      case "share", "private" ->
          finish(turn, ConversationData.parseId(value), verb.equals("share"));
      default -> Expired.button();
    };
  }

  @Override
  public Reply onText(Turn turn, ConversationState state, String text) {
    Map<String, String> data = ConversationData.read(state);
    long feedbackId = ConversationData.id(data, "feedback");
    if (!state.step().equals(STEP_COMMENT)) {
      if (text.equalsIgnoreCase("share")) {
        return finish(turn, feedbackId, true);
      }
      if (text.equalsIgnoreCase("private") || text.equalsIgnoreCase("keep private")) {
        return finish(turn, feedbackId, false);
      }
      return Reply.of(
          new Message(
              "Choose whether to share your feedback first; your text was not saved.\nYou wrote: "
                  + text,
              shareButtons(turn, feedbackId)));
    }
    Optional<String> problem =
        TextRules.problem(
            text, turn.services().settings().maxTextLength(), "comment", "the sessions help");
    if (problem.isPresent()) {
      return Reply.text(problem.get() + "\nYou wrote: " + text);
    }
    Optional<Feedback> feedback = own(turn, feedbackId);
    if (feedback.isEmpty()) {
      turn.tx().conversations().clear(turn.member().id());
      return Reply.text("That feedback is gone; nothing was changed.\nYou wrote: " + text);
    }
    turn.tx().feedback().update(feedbackId, text, false);
    return askShare(turn, feedbackId);
  }

  /** A rating typed as a number answers the open feedback prompt, as the buttons would. */
  @Override
  public Reply onUnpromptedText(Turn turn, String text) {
    if (!text.matches("[1-5]")) {
      return null;
    }
    var open = turn.tx().prompts().open(turn.member().id(), FeedbackPrompts.KIND);
    if (open.isEmpty()) {
      return null;
    }
    return rate(turn, open.get(open.size() - 1).id() + ":" + text);
  }

  private Reply rate(Turn turn, String value) {
    String[] parts = value.split(":");
    long promptId = parts.length == 2 ? ConversationData.parseId(parts[0]) : -1;
    int rating = parts.length == 2 ? (int) ConversationData.parseId(parts[1]) : -1;
    Optional<Prompt> prompt =
        turn.tx()
            .prompts()
            .byId(promptId)
            .filter(p -> p.memberId() == turn.member().id() && p.isOpen());
    if (prompt.isEmpty()
        || rating < FeedbackQuestion.MIN_RATING
        || rating > FeedbackQuestion.MAX_RATING) {
      return Reply.text("That rating has expired or was already given; nothing was changed.");
    }
    Optional<Pair> pair =
        Optional.ofNullable(prompt.get().pairId()).flatMap(id -> turn.tx().pairs().byId(id));
    String role = pair.map(p -> p.roleOf(turn.member().id()).name().toLowerCase()).orElse("mentee");
    Feedback feedback =
        turn.tx()
            .feedback()
            .add(
                new Feedback(
                    0,
                    turn.member().id(),
                    prompt.get().pairId(),
                    role,
                    rating,
                    null,
                    false,
                    turn.now()));
    turn.tx().prompts().setStatus(promptId, "answered", turn.now());
    turn.services().outreach().answered(turn.tx(), turn.member());
    ConversationData.save(
        turn, NAME, STEP_COMMENT, Map.of("feedback", Long.toString(feedback.id())));
    String commentPrompt =
        prompts
            .question(org.nudge.engine.prompts.Role.valueOf(role.toUpperCase()), 0)
            .commentPrompt();
    return Reply.of(
        new Message(
            "Thanks, "
                + rating
                + " it is. "
                + commentPrompt
                + " Type it here, or press No comment.",
            List.of(Action.Button.of(NO_COMMENT, "No comment", Long.toString(feedback.id())))));
  }

  private Reply askShare(Turn turn, long feedbackId) {
    if (own(turn, feedbackId).isEmpty()) {
      return Expired.button();
    }
    ConversationData.save(turn, NAME, STEP_SHARE, Map.of("feedback", Long.toString(feedbackId)));
    return Reply.of(
        new Message(
            "Saved. Shall I share it with your partner? It stays private unless you say so.",
            shareButtons(turn, feedbackId)));
  }

  /** Share and Keep private; Share names the partner of the pair the feedback is about. */
  private List<Action> shareButtons(Turn turn, long feedbackId) {
    String partner =
        own(turn, feedbackId)
            .flatMap(f -> turn.activePartner(f.pairId()))
            .map(Member::displayName)
            .orElse("your partner");
    return List.of(
        Action.Button.of(SHARE, "Share with " + partner, Long.toString(feedbackId)),
        new Action.Button(PRIVATE, "Keep private", Long.toString(feedbackId), true));
  }

  private Reply finish(Turn turn, long feedbackId, boolean share) {
    Optional<Feedback> found = own(turn, feedbackId);
    if (found.isEmpty()) {
      return Expired.button();
    }
    Feedback f = found.get();
    turn.tx().conversations().clear(turn.member().id());
    if (!share) {
      turn.tx().feedback().update(f.id(), f.comment(), false);
      return Reply.text("Kept private. Thank you: this is how mentoring gets better.");
    }
    // Only the partner of the pair the feedback is about, while that pair lasts, may read it.
    Optional<Pair> pair = turn.activePair(f.pairId());
    if (pair.isEmpty()) {
      return Reply.text(
          (f.pairId() == null ? "That feedback belongs to no pair" : turn.pairEnded(f.pairId()))
              + ", so I haven't shared it with anyone. Thank you all the same.");
    }
    turn.tx().feedback().update(f.id(), f.comment(), true);
    Member partner = turn.partnerIn(pair.get());
    turn.tell(
        partner,
        "feedback:" + f.id() + ":shared",
        Message.text(
            turn.member().displayName()
                + " shared feedback on your mentoring: "
                + f.rating()
                + " out of 5"
                + (f.comment() == null ? "." : ", and: " + f.comment())),
        Quotes.sent(Quotes.of(f)));
    return Reply.text("Shared with " + partner.displayName() + ". Thank you.");
  }

  private Optional<Feedback> own(Turn turn, long id) {
    return turn.tx().feedback().find(id).filter(f -> f.memberId() == turn.member().id());
  }
}
