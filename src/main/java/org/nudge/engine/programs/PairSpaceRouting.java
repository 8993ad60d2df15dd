package org.nudge.engine.programs;

import java.util.Optional;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.PairSpaces;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;

/**
 * Whether a pair's shared messages (welcome, check-in reminders and their agenda) go to its space
 * or to each member's DM. Private prompts (reflections, advice follow-ups, feedback rounds) never
 * ask: they always go to their member's DM.
 */
public final class PairSpaceRouting {

  private PairSpaceRouting() {}

  /**
   * The pair's space when its program has spaces and the platform hasn't refused this pair's; empty
   * for DMs. After a refusal the pair's messages go straight to DMs rather than through the space
   * and back.
   */
  public static Optional<ConversationRef.PairSpace> spaceOf(Tx tx, Pair pair) {
    return tx.programs()
        .byId(pair.programId())
        .filter(Program::groupSpaces)
        .filter(
            p ->
                tx.pairSpaces()
                    .of(pair.id())
                    .map(s -> s.state() != PairSpaces.State.REFUSED)
                    .orElse(true))
        .map(p -> of(p, pair));
  }

  /** The space of {@code pair} in {@code program}'s workspace. */
  public static ConversationRef.PairSpace of(Program program, Pair pair) {
    return ConversationRef.PairSpace.of(program.platform(), program.workspace(), pair.id());
  }
}
