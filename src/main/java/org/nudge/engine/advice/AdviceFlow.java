package org.nudge.engine.advice;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.domain.Entries.Advice;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.Quotes;

/**
 * Closing the loop on advice: did you try it, what happened, and shall the mentor hear it? Telling
 * the mentor is offered, never done without asking.
 */
public final class AdviceFlow implements Flow {

  public static final String NAME = "advice";
  public static final String TRIED = NAME + ":tried";
  public static final String NOT_YET = NAME + ":not-yet";
  public static final String NOT_FOR_ME = NAME + ":not-for-me";
  public static final String TELL = NAME + ":tell";
  public static final String KEEP = NAME + ":keep";

  /** "Not yet" asks once more after this long. */
  static final Duration ASK_AGAIN = Duration.ofDays(7);

  private static final String STEP_OUTCOME = "outcome";
  private static final String STEP_TELL = "tell";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    Optional<Advice> advice = own(turn, ConversationData.parseId(value));
    if (advice.isEmpty()) {
      return Expired.button();
    }
    Advice a = advice.get();
    switch (verb) {
      case "tried" -> {
        if (a.acted() != null) {
          return Reply.text("You've already told me how that advice went.");
        }
        answered(turn, a);
        save(turn, STEP_OUTCOME, a.id());
        return Reply.text("Great! What happened? A line or two is plenty.");
      }
      case "not-yet" -> {
        answered(turn, a);
        boolean askedBefore =
            a.followUpAt()
                .isAfter(
                    a.createdAt()
                        .plus(turn.services().settings().adviceFollowUp())
                        .plus(ASK_AGAIN.dividedBy(2)));
        if (askedBefore) {
          turn.tx().advice().setOutcome(a.id(), "not-yet", null, turn.now());
          return Reply.text("No problem. I won't ask about this one again.");
        }
        turn.tx().advice().followedUp(a.id(), turn.now(), turn.now().plus(ASK_AGAIN));
        return Reply.text("No problem. I'll ask once more in a week.");
      }
      case "not-for-me" -> {
        answered(turn, a);
        turn.tx().advice().setOutcome(a.id(), "not-for-me", null, turn.now());
        return Reply.text("Fair enough: not all advice fits. Noted.");
      }
      case "tell", "keep" -> {
        return finish(turn, a, verb.equals("tell"));
      }
      default -> {
        return Expired.button();
      }
    }
  }

  @Override
  public Reply onText(Turn turn, ConversationState state, String text) {
    long adviceId = ConversationData.id(ConversationData.read(state), "advice");
    Optional<Advice> advice = own(turn, adviceId);
    if (advice.isEmpty()) {
      turn.tx().conversations().clear(turn.member().id());
      return Reply.text("That advice is gone; nothing was saved.\nYou wrote: " + text);
    }
    if (!state.step().equals(STEP_OUTCOME)) {
      return Reply.of(
          new Message(
              "Choose whether to send it first; your text was not saved.\nYou wrote: " + text,
              tellButtons(turn, advice.get())));
    }
    Optional<String> problem =
        TextRules.problem(text, turn.services().settings().maxTextLength(), "outcome", "it worked");
    if (problem.isPresent()) {
      return Reply.text(problem.get() + "\nYou wrote: " + text);
    }
    turn.tx().advice().setOutcome(adviceId, "tried", text, turn.now());
    Optional<Member> partner = turn.activePartner(advice.get().pairId());
    if (partner.isEmpty()) {
      turn.tx().conversations().clear(turn.member().id());
      return Reply.text("Noted. " + nobodyToTell(turn, advice.get()) + " Well done for trying it.");
    }
    save(turn, STEP_TELL, adviceId);
    return Reply.of(
        new Message(
            "Noted. Shall I send this to "
                + partner.get().displayName()
                + "? Hearing what came of their advice means a lot to them.",
            tellButtons(turn, advice.get())));
  }

  /** "yes", "not yet" or "no" typed in answer to an open follow-up work like its buttons. */
  @Override
  public Reply onUnpromptedText(Turn turn, String text) {
    String verb =
        switch (text.toLowerCase(java.util.Locale.ROOT).replaceAll("[.!]", "").strip()) {
          case "yes", "tried", "i tried it", "yes i tried it" -> "tried";
          case "not yet" -> "not-yet";
          case "no", "not for me" -> "not-for-me";
          default -> null;
        };
    if (verb == null) {
      return null;
    }
    List<Prompt> open = turn.tx().prompts().open(turn.member().id(), AdviceFollowUps.KIND);
    for (int i = open.size() - 1; i >= 0; i--) {
      String asked = open.get(i).question();
      var advice =
          turn.tx().advice().open(turn.member().id()).stream()
              .filter(a -> a.text().equals(asked))
              .findFirst();
      if (advice.isPresent()) {
        return onAction(turn, verb, Long.toString(advice.get().id()));
      }
    }
    return null;
  }

  /** Send and Keep; Send names the partner of the pair the advice was logged in. */
  private List<Action> tellButtons(Turn turn, Advice advice) {
    String partner =
        turn.activePartner(advice.pairId()).map(Member::displayName).orElse("your mentor");
    String id = Long.toString(advice.id());
    return List.of(
        new Action.Button(TELL, "Send to " + partner, id, true),
        Action.Button.of(KEEP, "Keep it to myself", id));
  }

  private Reply finish(Turn turn, Advice advice, boolean tell) {
    turn.tx().conversations().clear(turn.member().id());
    if (!tell || advice.outcome() == null) {
      return Reply.text("Kept to yourself. Well done for trying it.");
    }
    // Only the partner of the pair the advice was logged in, while that pair lasts, may hear it.
    Optional<Member> partner = turn.activePartner(advice.pairId());
    if (partner.isEmpty()) {
      return Reply.text(nobodyToTell(turn, advice));
    }
    turn.tell(
        partner.get(),
        "advice:" + advice.id() + ":outcome",
        Message.text(
            "🌱 "
                + turn.member().displayName()
                + " tried your advice “"
                + advice.text()
                + "”. What happened: "
                + advice.outcome()),
        Quotes.sent(Quotes.of(advice)));
    return Reply.text("Sent to " + partner.get().displayName() + ". Loop closed!");
  }

  /** Why an outcome can't be sent: the advice was logged outside a pair, or its pair ended. */
  private static String nobodyToTell(Turn turn, Advice advice) {
    return advice.pairId() == null
        ? "You logged this advice outside a pair, so it stays with you."
        : turn.pairEnded(advice.pairId()) + ", so I haven't sent it to anyone; it stays with you.";
  }

  private void answered(Turn turn, Advice advice) {
    for (Prompt p : turn.tx().prompts().open(turn.member().id(), AdviceFollowUps.KIND)) {
      if (advice.text().equals(p.question())) {
        turn.tx().prompts().setStatus(p.id(), "answered", turn.now());
      }
    }
    turn.services().outreach().answered(turn.tx(), turn.member());
  }

  private void save(Turn turn, String step, long adviceId) {
    ConversationData.save(turn, NAME, step, Map.of("advice", Long.toString(adviceId)));
  }

  private Optional<Advice> own(Turn turn, long id) {
    return turn.tx().advice().find(id).filter(a -> a.memberId() == turn.member().id());
  }
}
