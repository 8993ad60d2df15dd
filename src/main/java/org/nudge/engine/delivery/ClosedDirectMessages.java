package org.nudge.engine.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.LiveMentions;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Nudge does when someone's direct messages are closed to it: the failed message stays
 * recorded for leads, and the person is told once, in the channel of a program they are paired in,
 * how to open them again. The notice mentions them live, so that they see it. The idempotency key
 * {@code dm-closed:{member}} makes it once for good, however many messages fail afterwards.
 */
public final class ClosedDirectMessages {

  private static final Logger log = LoggerFactory.getLogger(ClosedDirectMessages.class);

  private ClosedDirectMessages() {}

  /** Enqueues the one notice for the recipient of {@code to}, if it is a direct conversation. */
  public static void tellOnce(Tx tx, ConversationRef to, String howToReopen, Instant now) {
    if (!(to instanceof ConversationRef.Direct direct)) {
      return;
    }
    Optional<Member> member = tx.members().find(direct.user());
    if (member.isEmpty()) {
      return;
    }
    Optional<Program> program =
        tx.pairs().activeFor(member.get().id()).stream()
            .map(pair -> tx.programs().byId(pair.programId()))
            .flatMap(Optional::stream)
            .filter(p -> p.channelId() != null)
            .findFirst();
    if (program.isEmpty()) {
      log.info(
          "Member {} has closed direct messages and has no program channel", member.get().id());
      return;
    }
    Program p = program.get();
    PrivacyGate.of(tx)
        .sendNow(
            new Outgoing(
                "dm-closed:" + member.get().id(),
                new ConversationRef.Channel(p.platform(), p.workspace(), p.channelId()),
                Message.text(
                    LiveMentions.of(direct.user().userId())
                        + ", I tried to send you a direct message for "
                        + p.name()
                        + " but your settings block it, so reflection prompts and your"
                        + " partner's news can't reach you. "
                        + howToReopen),
                false,
                List.of(),
                Set.of(member.get().id())),
            now);
  }
}
