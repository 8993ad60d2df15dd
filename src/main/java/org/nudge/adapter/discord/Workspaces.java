package org.nudge.adapter.discord;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;

/**
 * Which server a person acting in a DM belongs to, since a DM carries none and Nudge's members live
 * in a workspace (the Discord server). The rule, in order:
 *
 * <ol>
 *   <li>a server where Nudge already knows them: one where they are in an active pair first, else
 *       the one where Nudge met them first;
 *   <li>the configured server, if exactly one is configured;
 *   <li>the server Nudge is in, if it is in exactly one.
 * </ol>
 *
 * Otherwise there is no answer, and the person is asked to use a command in their server once.
 */
final class Workspaces {

  private final Store store;
  private final List<String> configured;
  private final Supplier<List<String>> connected;

  Workspaces(Store store, List<String> configured, Supplier<List<String>> connected) {
    this.store = store;
    this.configured = List.copyOf(configured);
    this.connected = connected;
  }

  Optional<String> forDirect(String userId) {
    Optional<String> known =
        store.inTransaction(
            tx -> {
              List<Member> members = tx.members().findByUserId(DiscordAdapter.PLATFORM, userId);
              return members.stream()
                  .min(
                      Comparator.comparing((Member m) -> tx.pairs().activeFor(m.id()).isEmpty())
                          .thenComparing(Member::id))
                  .map(m -> m.ref().workspace());
            });
    if (known.isPresent()) {
      return known;
    }
    if (configured.size() == 1) {
      return Optional.of(configured.get(0));
    }
    List<String> guilds = connected.get();
    return guilds.size() == 1 ? Optional.of(guilds.get(0)) : Optional.empty();
  }
}
