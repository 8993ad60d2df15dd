package org.nudge.engine.digest;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Chart;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Quote;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.privacy.PrivacyGate;

/**
 * Sends a program's digest to its two audiences (README.md, "Who sees what"): the celebration to
 * the program's channel, where members read it; pair health, feedback figures and pairs at risk
 * only to leads, in the program's leads' channel or, when it has none, in each lead's DM. Leads are
 * the workspace's appointed leads and those named in {@code NUDGE_ADMINS}, whether or not Nudge has
 * met them yet.
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
    return send(tx, program, digest, key, now, null);
  }

  /**
   * As above, with the program's trend {@code chart} (or null) beside the leads' part: it is drawn
   * from program figures only, but it belongs with the health and risks leads act on.
   */
  public Delivery send(
      Tx tx, Program program, Digest digest, String key, Instant now, Chart chart) {
    boolean toChannel = program.channelId() != null;
    if (toChannel) {
      send(
          tx,
          new Outgoing(
                  key,
                  new ConversationRef.Channel(
                      program.platform(), program.workspace(), program.channelId()),
                  DigestLayout.forChannel(digest))
              .quoting(highlights(digest))
              .naming(celebrated(digest)),
          now);
    }
    Message forLeads = DigestLayout.forLeads(digest);
    if (forLeads == null) {
      return new Delivery(toChannel, null, 0);
    }
    forLeads = forLeads.withChart(chart);
    long[] named = paired(digest);
    if (program.leadsChannelId() != null) {
      send(
          tx,
          new Outgoing(
                  key + ":leads",
                  new ConversationRef.Channel(
                      program.platform(), program.workspace(), program.leadsChannelId()),
                  forLeads)
              .naming(named),
          now);
      return new Delivery(toChannel, program.leadsChannelId(), 0);
    }
    List<UserRef> leads = leads(tx, program);
    for (UserRef lead : leads) {
      send(
          tx,
          new Outgoing(key + ":leads:" + lead.userId(), new ConversationRef.Direct(lead), forLeads)
              .naming(named),
          now);
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

  /** The shared wins the channel's part celebrates, in their authors' words. */
  private static List<Quote> highlights(Digest digest) {
    return digest.highlights().stream()
        .map(h -> new Quote(Quote.Kind.WIN, h.authorId(), h.pairId(), true))
        .toList();
  }

  /** Whom the channel's part names: the authors of highlights and the volunteers. */
  private static long[] celebrated(Digest digest) {
    return LongStream.concat(
            digest.highlights().stream().mapToLong(h -> h.authorId()),
            digest.volunteers().stream().mapToLong(v -> v.memberId()))
        .distinct()
        .toArray();
  }

  /** Whom the leads' part names: both members of each pair at risk it lists. */
  private static long[] paired(Digest digest) {
    return digest.atRisk().stream()
        .limit(DigestLayout.MAX_AT_RISK)
        .flatMapToLong(
            p -> LongStream.of(p.stats().mentor().memberId(), p.stats().mentee().memberId()))
        .distinct()
        .toArray();
  }

  /** Through the privacy gate, like every message: forget-me finds these rows by whom they name. */
  private static void send(Tx tx, Outgoing message, Instant now) {
    PrivacyGate.of(tx).sendNow(message, now);
  }
}
