package org.nudge.engine.command;

import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Membership;
import org.nudge.engine.Services;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;

/**
 * Everything a command needs for one invocation: the transaction, the member who typed it, the text
 * after the command word (for a {@code /nudge} sub-command, after the sub-command), and the time.
 */
public record CommandContext(
    Tx tx, Member member, Inbound.Command command, String args, Instant now, Services services) {

  public EngineSettings settings() {
    return services.settings();
  }

  public Membership membership() {
    return services.membership();
  }

  /** The same invocation as a conversational turn, for code shared with flows. */
  public Turn turn() {
    return new Turn(tx, member, now, services);
  }

  /**
   * A refusal: one sentence saying what was wrong and what to type instead, followed by the
   * member's own text so nothing they wrote is lost.
   */
  public Reply refuse(String sentence) {
    return Reply.text(sentence + "\n" + Texts.echo(command));
  }

  /** The member's active pair to act on: the one where they are mentee first, else the oldest. */
  public Optional<Pair> primaryPair() {
    var pairs = tx.pairs().activeFor(member.id());
    return pairs.stream()
        .filter(p -> p.menteeId() == member.id())
        .findFirst()
        .or(() -> pairs.stream().findFirst());
  }

  public String nameOf(long memberId) {
    return tx.members().byId(memberId).map(Member::displayName).orElse("your partner");
  }
}
