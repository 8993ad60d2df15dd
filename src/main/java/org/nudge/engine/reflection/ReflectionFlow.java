package org.nudge.engine.reflection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Conversations.ConversationState;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.privacy.Quotes;

/**
 * Answering a reflection: the answer (typed in the DM or in a form), one follow-up ("what will you
 * try next?"), then share with the partner or keep private. Private is the default: nothing is
 * shared unless the member presses Share.
 */
public final class ReflectionFlow implements Flow {

  public static final String NAME = "reflect";
  public static final String ANSWER = NAME + ":answer";
  public static final String SKIP = NAME + ":skip";
  public static final String LATER = NAME + ":later";
  public static final String SKIP_NEXT = NAME + ":skip-next";
  public static final String SHARE = NAME + ":share";
  public static final String PRIVATE = NAME + ":private";
  public static final String FORM = NAME + ":form";
  public static final String EDIT_FORM = NAME + ":edit";
  public static final String FIELD_ANSWER = "answer";
  public static final String FIELD_NEXT = "next";

  private static final String STEP_ANSWER = "answer";
  private static final String STEP_NEXT = "next";
  private static final String STEP_SHARE = "share";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    long id = ConversationData.parseId(value);
    switch (verb) {
      case "answer" -> {
        Optional<Prompt> prompt = openPrompt(turn, id);
        if (prompt.isEmpty()) {
          return Reply.text(closedPrompt());
        }
        save(turn, STEP_ANSWER, Map.of("prompt", Long.toString(id)));
        return Reply.openForm(answerForm(prompt.get().question(), "", ""));
      }
      case "skip" -> {
        Optional<Prompt> prompt = openPrompt(turn, id);
        if (prompt.isEmpty()) {
          return Reply.text(closedPrompt());
        }
        turn.tx().prompts().setStatus(id, "skipped", turn.now());
        turn.services().outreach().answered(turn.tx(), turn.member());
        turn.tx().conversations().clear(turn.member().id());
        return Reply.text("Skipped. No pressure: see you next week.");
      }
      case "later" -> {
        return later(turn, id);
      }
      case "skip-next" -> {
        return askShare(turn, ConversationData.id(data(turn), "reflection"));
      }
      case "share", "private" -> {
        return finish(turn, id, verb.equals("share"));
      }
      default -> {
        return Expired.button();
      }
    }
  }

  @Override
  public Reply onForm(Turn turn, String verb, Map<String, String> values) {
    if (!verb.equals("form") && !verb.equals("edit")) {
      return Expired.form();
    }
    String answer = values.getOrDefault(FIELD_ANSWER, "").strip();
    String next = values.getOrDefault(FIELD_NEXT, "").strip();
    int max = turn.services().settings().maxTextLength();
    Optional<String> problem = TextRules.problem(answer, max, "answer", "what went well this week");
    if (problem.isEmpty() && !next.isEmpty()) {
      problem = TextRules.problem(next, max, "next step", "ask for feedback earlier");
    }
    if (problem.isPresent()) {
      return Reply.text(
          problem.get() + "\nYou wrote: " + answer + (next.isEmpty() ? "" : "\nNext: " + next));
    }
    if (verb.equals("edit")) {
      Optional<Reflection> latest = turn.tx().reflections().latest(turn.member().id());
      if (latest.isEmpty()) {
        return Reply.text("There's no reflection to edit yet; `/reflect` starts this week's.");
      }
      Reflection r = latest.get();
      turn.tx()
          .reflections()
          .update(r.id(), answer, next.isEmpty() ? null : next, r.shared(), turn.now());
      return Reply.text(
          "Updated your answer to “"
              + r.question()
              + "”."
              + (r.shared() ? " Your partner sees the new version." : " It stays private."));
    }
    Optional<Prompt> prompt = currentPrompt(turn);
    if (prompt.isEmpty()) {
      return Reply.text(closedPrompt() + "\nYou wrote: " + answer);
    }
    Reflection reflection = record(turn, prompt.get(), answer);
    if (!next.isEmpty()) {
      turn.tx().reflections().update(reflection.id(), answer, next, false, turn.now());
    }
    return askShare(turn, reflection.id());
  }

  @Override
  public Reply onText(Turn turn, ConversationState state, String text) {
    Map<String, String> data = ConversationData.read(state);
    Optional<String> problem =
        TextRules.problem(
            text, turn.services().settings().maxTextLength(), "answer", "what went well");
    if (problem.isPresent()) {
      return Reply.text(problem.get() + "\nYou wrote: " + text);
    }
    switch (state.step()) {
      case STEP_ANSWER -> {
        Optional<Prompt> prompt = openPrompt(turn, ConversationData.id(data, "prompt"));
        if (prompt.isEmpty()) {
          turn.tx().conversations().clear(turn.member().id());
          return Reply.text(closedPrompt() + "\nYou wrote: " + text);
        }
        Reflection reflection = record(turn, prompt.get(), text);
        return askNext(turn, reflection);
      }
      case STEP_NEXT -> {
        long id = ConversationData.id(data, "reflection");
        Optional<Reflection> reflection = turn.tx().reflections().find(id);
        if (reflection.isEmpty()) {
          turn.tx().conversations().clear(turn.member().id());
          return Reply.text("That reflection is gone; nothing was changed.\nYou wrote: " + text);
        }
        turn.tx().reflections().update(id, reflection.get().answer(), text, false, turn.now());
        return askShare(turn, id);
      }
      default -> {
        long reflectionId = ConversationData.id(data, "reflection");
        // In a plain chat, typing the choice works as well as pressing the button.
        if (text.equalsIgnoreCase("share")) {
          return finish(turn, reflectionId, true);
        }
        if (text.equalsIgnoreCase("private") || text.equalsIgnoreCase("keep private")) {
          return finish(turn, reflectionId, false);
        }
        return Reply.of(
            new Message(
                "Choose whether to share your reflection first (or type share or private); your"
                    + " text was not saved.\nYou wrote: "
                    + text,
                shareButtons(turn, reflectionId)));
      }
    }
  }

  @Override
  public Reply onUnpromptedText(Turn turn, String text) {
    List<Prompt> open = turn.tx().prompts().open(turn.member().id(), ReflectionPrompts.KIND);
    if (open.isEmpty()) {
      return null;
    }
    save(turn, STEP_ANSWER, Map.of("prompt", Long.toString(open.get(open.size() - 1).id())));
    return onText(turn, turn.tx().conversations().find(turn.member().id()).orElseThrow(), text);
  }

  /** The form for answering (or editing) a reflection. */
  static Form answerForm(String question, String answer, String next) {
    return new Form(
        answer.isEmpty() ? FORM : EDIT_FORM,
        "Your reflection",
        "Save",
        List.of(
            new Form.Field(FIELD_ANSWER, question, true, true, 3000, answer),
            new Form.Field(FIELD_NEXT, "What will you try next?", true, false, 3000, next)));
  }

  private Reflection record(Turn turn, Prompt prompt, String answer) {
    Reflection reflection =
        turn.tx().reflections().add(Reflection.answering(prompt, answer, turn.now()));
    turn.tx().prompts().setStatus(prompt.id(), "answered", turn.now());
    turn.services().outreach().answered(turn.tx(), turn.member());
    return reflection;
  }

  private Reply askNext(Turn turn, Reflection reflection) {
    save(turn, STEP_NEXT, Map.of("reflection", Long.toString(reflection.id())));
    return Reply.of(
        new Message(
            "Thank you. One more: what will you try next? A line is plenty.",
            List.of(
                Action.Button.of(SKIP_NEXT, "Skip this step", Long.toString(reflection.id())))));
  }

  private Reply askShare(Turn turn, long reflectionId) {
    save(turn, STEP_SHARE, Map.of("reflection", Long.toString(reflectionId)));
    return Reply.of(
        new Message(
            "Saved. Shall I share this reflection with your partner? It stays private unless you"
                + " say so.",
            shareButtons(turn, reflectionId)));
  }

  /** Share and Keep private; Share names the partner of the pair the reflection was written in. */
  private List<Action> shareButtons(Turn turn, long reflectionId) {
    String partner =
        turn.tx()
            .reflections()
            .find(reflectionId)
            .flatMap(r -> turn.activePartner(r.pairId()))
            .map(Member::displayName)
            .orElse("your partner");
    return List.of(
        Action.Button.of(SHARE, "Share with " + partner, Long.toString(reflectionId)),
        new Action.Button(PRIVATE, "Keep private", Long.toString(reflectionId), true));
  }

  private Reply finish(Turn turn, long reflectionId, boolean share) {
    Optional<Reflection> found = turn.tx().reflections().find(reflectionId);
    if (found.isEmpty() || found.get().memberId() != turn.member().id()) {
      return Expired.button();
    }
    Reflection r = found.get();
    turn.tx().conversations().clear(turn.member().id());
    if (!share) {
      turn.tx().reflections().update(r.id(), r.answer(), r.nextStep(), false, turn.now());
      return Reply.text("Kept private. `/reflect edit` changes it; `/nudge export` shows it.");
    }
    // Only the partner of the pair it was written in, while that pair lasts, may read it.
    Optional<Pair> pair = turn.activePair(r.pairId());
    if (pair.isEmpty()) {
      return Reply.text(
          r.pairId() == null
              ? "Kept private: you weren't in a pair when you wrote it, so there's nobody to share"
                  + " it with."
              : turn.pairEnded(r.pairId()) + ", so I haven't shared it with anyone.");
    }
    Member partner = turn.partnerIn(pair.get());
    turn.tx().reflections().update(r.id(), r.answer(), r.nextStep(), true, turn.now());
    turn.tell(
        partner,
        "reflection:" + r.id() + ":shared",
        Message.text(
            turn.member().displayName()
                + " shared a reflection with you.\n*"
                + r.question()
                + "*\n"
                + r.answer()
                + (r.nextStep() == null ? "" : "\nNext, they'll try: " + r.nextStep())),
        Quotes.sent(Quotes.of(r)));
    return Reply.text("Shared with " + partner.displayName() + ".");
  }

  private Reply later(Turn turn, long promptId) {
    Optional<Prompt> prompt = openPrompt(turn, promptId);
    if (prompt.isEmpty()) {
      return Reply.text(closedPrompt());
    }
    var outreach = turn.services().outreach();
    var at =
        outreach.sendTime(
            turn.tx(),
            turn.member(),
            turn.now().plus(outreach.rhythm().remindLaterDelay()),
            turn.now());
    String key = "reflection-again:" + promptId;
    boolean first =
        turn.tx()
            .prompts()
            .record(
                Prompt.starting(turn.member().id(), prompt.get().pairId(), "reminder", key, at, at)
                    .inWeek(prompt.get().isoWeek())
                    .asking(prompt.get().questionId(), prompt.get().question())
                    .withStatus("done"))
            .isPresent();
    if (!first) {
      return Reply.text("I'll remind you once; that reminder is already on its way.");
    }
    PrivacyGate.of(turn.tx())
        .send(
            new org.nudge.engine.model.Outgoing(
                key,
                new org.nudge.engine.model.ConversationRef.Direct(turn.member().ref()),
                ReflectionPrompts.message(prompt.get()),
                true),
            at,
            turn.now());
    return Reply.text(
        "I'll ask again " + org.nudge.engine.command.Texts.dayTime(at, turn.member().zone()) + ".");
  }

  private Optional<Prompt> openPrompt(Turn turn, long id) {
    return turn.tx()
        .prompts()
        .byId(id)
        .filter(p -> p.memberId() == turn.member().id() && p.isOpen());
  }

  private Optional<Prompt> currentPrompt(Turn turn) {
    Map<String, String> data = data(turn);
    Optional<Prompt> fromState = openPrompt(turn, ConversationData.id(data, "prompt"));
    if (fromState.isPresent()) {
      return fromState;
    }
    List<Prompt> open = turn.tx().prompts().open(turn.member().id(), ReflectionPrompts.KIND);
    return open.isEmpty() ? Optional.empty() : Optional.of(open.get(open.size() - 1));
  }

  private Map<String, String> data(Turn turn) {
    return turn.tx()
        .conversations()
        .find(turn.member().id())
        .filter(s -> s.flow().equals(NAME))
        .map(ConversationData::read)
        .orElse(Map.of());
  }

  private void save(Turn turn, String step, Map<String, String> data) {
    ConversationData.save(turn, NAME, step, data);
  }

  private static String closedPrompt() {
    return "That reflection is closed (answered, skipped or replaced by a newer one);"
        + " `/reflect` starts this week's.";
  }

  /** Partners can't be told anything while a pair is missing; used by the command too. */
  static Optional<Pair> pairOf(Turn turn) {
    return turn.primaryPair();
  }
}
