package org.nudge.engine.digest;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.UserRef;

/**
 * Sends a program's digest to its two audiences (DESIGN.md, "Trust: who sees what"): the
 * celebration to the program's channel, where members read it; pair health, feedback figures and
 * pairs at risk only to leads, in the program's leads' channel or, when it has none, in each lead's
 * DM. Leads are the workspace's appointed leads and those named in {@code NUDGE_ADMINS}, whether or
 * not Nudge has met them yet.
 */
public final class DigestAudiences {

  private final Set<UserRef> admins;

  public DigestAudiences(Set<UserRef> admins) {
    this.admins = Set.copyOf(admins);
  }

  /**
   * Where the parts went: whether the program's channel got its part, and the leads' channel or the
   * number of leads whose DM got theirs (0 and null: there was nothing for leads, no pair).
   */
  public record Delivery(boolean toChannel, String leadsChannel, int leadDms) {
    public boolean toLeads() {
      return leadsChannel != null || leadDms > 0;
    }
  }

  /**
   * Writes each part of {@code digest} to the outbox under {@code key}, so a digest sent again
   * under the same key (a sweep run twice) reaches no one twice.
   */
  public Delivery send(Tx tx, Program program, Digest digest, String key, Instant now) {
    boolean toChannel = program.channelId() != null;
    if (toChannel) {
      enqueue(
          tx,
          key,
          new ConversationRef.Channel(program.platform(), program.workspace(), program.channelId()),
          DigestLayout.forChannel(digest),
          now);
    }
    Message forLeads = DigestLayout.forLeads(digest);
    if (forLeads == null) {
      return new Delivery(toChannel, null, 0);
    }
    if (program.leadsChannelId() != null) {
      enqueue(
          tx,
          key + ":leads",
          new ConversationRef.Channel(
              program.platform(), program.workspace(), program.leadsChannelId()),
          forLeads,
          now);
      return new Delivery(toChannel, program.leadsChannelId(), 0);
    }
    List<UserRef> leads = leads(tx, program);
    for (UserRef lead : leads) {
      enqueue(tx, key + ":leads:" + lead.userId(), new ConversationRef.Direct(lead), forLeads, now);
    }
    return new Delivery(toChannel, null, leads.size());
  }

  /** The leads of {@code program}'s workspace: appointed ones first, then the configured ones. */
  List<UserRef> leads(Tx tx, Program program) {
    Set<UserRef> leads = new LinkedHashSet<>();
    for (Member lead : tx.members().leads(program.platform(), program.workspace())) {
      leads.add(lead.ref());
    }
    admins.stream()
        .filter(
            a ->
                a.platform().equals(program.platform())
                    && a.workspace().equals(program.workspace()))
        .sorted(java.util.Comparator.comparing(UserRef::userId))
        .forEach(leads::add);
    return List.copyOf(leads);
  }

  private static void enqueue(Tx tx, String key, ConversationRef to, Message message, Instant now) {
    tx.outbox().enqueue(new Outgoing(key, to, message), now, now);
  }
}
