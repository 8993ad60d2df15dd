package org.nudge.engine.wrapup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.conversation.Expired;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Entries.Prompt;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.enrolment.EnrolFlow;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.prompts.QuestionBank;
import org.nudge.engine.prompts.Role;

/**
 * Wrapping up: the mentor steps back as the mentee's competence grows. The mentee is asked what
 * they will now do on their own, and invited to mentor others; a yes reaches the program's leads.
 */
public final class WrapUpFlow implements Flow {

  public static final String NAME = "wrapup";
  public static final String VOLUNTEER = NAME + ":volunteer";
  public static final String KIND = "wrapup";
  private static final String ANSWERED = "answered";

  private final QuestionBank questions;

  public WrapUpFlow(QuestionBank questions) {
    this.questions = questions;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Queues the wrap-up message for the pair's mentee. */
  public void send(Tx tx, Pair pair, Member mentee, Instant sendAt, Instant now) {
    String key = KIND + ":" + pair.id();
    var prompt =
        tx.prompts()
            .record(
                new Prompt(
                    0,
                    mentee.id(),
                    pair.id(),
                    KIND,
                    key,
                    null,
                    questions.invitation().id(),
                    questions.invitation().text(),
                    sendAt,
                    sendAt,
                    "open",
                    true,
                    null));
    if (prompt.isEmpty()) {
      return;
    }
    PrivacyGate.of(tx)
        .send(
            new Outgoing(
                key,
                new ConversationRef.Direct(mentee.ref()),
                new Message(
                    "🎓 Your mentoring is wrapping up. Looking back, what will you now do on your"
                        + " own that you'd have asked about before? (`/reflect` is a good place"
                        + " for it.)\n"
                        + questions.invitation().text(),
                    List.of(
                        new Action.Button(
                            VOLUNTEER,
                            "I'd like to mentor",
                            Long.toString(prompt.get().id()),
                            true))),
                true),
            sendAt,
            now);
  }

  @Override
  public Reply onAction(Turn turn, String verb, String value) {
    // The button carries the id of the wrap-up prompt it came with; anyone can send any id, so
    // only the presser's own wrap-up counts, and only once.
    Optional<Prompt> prompt =
        verb.equals("volunteer")
            ? turn.tx()
                .prompts()
                .byId(ConversationData.parseId(value))
                .filter(p -> p.memberId() == turn.member().id() && KIND.equals(p.kind()))
            : Optional.empty();
    if (prompt.isEmpty()) {
      return Expired.button();
    }
    if (ANSWERED.equals(prompt.get().status())) {
      return Reply.text("You've already said you'd like to mentor; your program leads know.");
    }
    if (!prompt.get().isOpen()) {
      return Expired.button();
    }
    turn.tx().prompts().setStatus(prompt.get().id(), ANSWERED, turn.now());
    turn.tx().members().volunteer(turn.member().id(), turn.now());
    for (Member lead :
        turn.tx()
            .members()
            .leads(turn.member().ref().platform(), turn.member().ref().workspace())) {
      turn.tell(
          lead,
          "volunteer:" + turn.member().id() + ":" + lead.id(),
          Message.text(
              "🌟 "
                  + turn.member().displayName()
                  + " would like to mentor someone. Pair them with `/nudge pair @"
                  + turn.member().ref().userId()
                  + " @mentee`."));
    }
    // Straight back into the pool: one button opens the join form, as a mentor.
    Optional<Pair> pair =
        Optional.ofNullable(prompt.get().pairId()).flatMap(turn.tx().pairs()::byId);
    return Reply.of(
        new Message(
            "Wonderful! I've let your program leads know. Thank you for paying it forward."
                + (pair.isPresent()
                    ? " Enrol as a mentor, and the next matching can pair you with a mentee."
                    : ""),
            pair.isEmpty()
                ? List.of()
                : List.of(
                    new Action.Button(
                        EnrolFlow.JOIN,
                        "Enrol as a mentor",
                        EnrolFlow.joinValue(pair.get().programId(), Role.MENTOR),
                        true))));
  }
}
