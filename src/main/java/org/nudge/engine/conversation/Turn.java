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
import org.nudge.engine.model.Quote;
import org.nudge.engine.privacy.PrivacyGate;

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

  /**
   * The pair with this id if it is active and this member is in it: the only pair whose partner may
   * read what the member wrote in it.
   */
  public Optional<Pair> activePair(Long pairId) {
    return Optional.ofNullable(pairId)
        .flatMap(id -> tx.pairs().byId(id))
        .filter(p -> p.isActive() && p.includes(member.id()));
  }

  /** This member's partner in the pair with this id, if it is active and they are in it. */
  public Optional<Member> activePartner(Long pairId) {
    return activePair(pairId).map(this::partnerIn);
  }

  /** "Your pair with maria has ended": why something written in that pair can't be shared now. */
  public String pairEnded(long pairId) {
    return tx.pairs()
        .byId(pairId)
        .filter(p -> p.includes(member.id()))
        .map(p -> "Your pair with " + partnerIn(p).displayName() + " has ended")
        .orElse("That pair has ended");
  }

  public Member partnerIn(Pair pair) {
    return tx.members().byId(pair.partnerOf(member.id())).orElseThrow();
  }

  /**
   * Queues a direct message to {@code to} that this member's action caused (sent at once). It names
   * this member and declares the {@code quotes} of anyone's words it carries, which the privacy
   * gate checks; false when it was not queued (refused, or its key was queued before).
   */
  public boolean tell(Member to, String key, Message message, Quote... quotes) {
    return PrivacyGate.of(tx)
        .sendNow(
            new Outgoing(key, new ConversationRef.Direct(to.ref()), message)
                .quoting(quotes)
                .naming(member.id()),
            now);
  }
}
