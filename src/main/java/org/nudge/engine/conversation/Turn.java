package org.nudge.engine.conversation;

import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.Services;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;

/** One step of a conversation: who is speaking, the transaction, the time, and shared services. */
public record Turn(Tx tx, Member member, Instant now, Services services) {

  /** The member's active pair to act on: the one where they are mentee first, else the oldest. */
  public Optional<Pair> primaryPair() {
    var pairs = tx.pairs().activeFor(member.id());
    return pairs.stream()
        .filter(p -> p.menteeId() == member.id())
        .findFirst()
        .or(() -> pairs.stream().findFirst());
  }

  public Member partnerIn(Pair pair) {
    return tx.members().byId(pair.partnerOf(member.id())).orElseThrow();
  }

  /** Queues a direct message to {@code to} that a person's action caused (sent at once). */
  public void tell(Member to, String key, Message message) {
    tx.outbox().enqueue(new Outgoing(key, new ConversationRef.Direct(to.ref()), message), now, now);
  }
}
