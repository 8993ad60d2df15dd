package org.nudge.engine.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.OutboxEntry;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.PairSpaces;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.privacy.PrivacyGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where an outbox row addressed to a pair's space goes: the stored conversation if the space
 * is open; otherwise the gateway opens it, once, and the id is stored before anything is posted, so
 * a restart (or another node) posts to that space rather than opening a second one. The right to
 * open is a lease in {@code pair_space}: a node that dies mid-call is taken over after it.
 *
 * <p>When the platform refuses (a missing scope or permission, no channel for a thread), the pair
 * is marked refused, the message goes to each member's DM instead, and the program's leads are told
 * once what to grant. The pair's later messages go to DMs directly ({@code PairSpaceRouting}).
 */
final class PairSpaceDelivery {

  private static final Logger log = LoggerFactory.getLogger(PairSpaceDelivery.class);

  /** How long a node may take to open a space before another may try. */
  static final Duration OPENING_LEASE = Duration.ofSeconds(30);

  /** How soon a message waits for a space another node is opening, at most. */
  private static final Duration WAIT_FOR_OTHER = Duration.ofSeconds(2);

  private final Store store;
  private final Clock clock;

  PairSpaceDelivery(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Where a space's row goes next. */
  sealed interface Route {

    /** Deliver it to the open space. */
    record Deliver(ConversationRef.PairSpace to) implements Route {}

    /** Nothing more to do: it went to the members' DMs, or the pair has ended. */
    record Done() implements Route {}

    /** Another node is opening the space: try again at {@code at}, not counted as an attempt. */
    record Wait(Instant at) implements Route {}

    /** The platform could not open it now: an attempt, retried like a failed delivery. */
    record Retry(Duration after, String reason) implements Route {}
  }

  private sealed interface Step {
    record Known(Route route) implements Step {}

    record Open(ChatGateway.SpaceToOpen request, Program program) implements Step {}
  }

  Route route(OutboxEntry entry, ChatGateway gateway) {
    ConversationRef.PairSpace space = (ConversationRef.PairSpace) entry.message().to();
    long pairId = space.pairId();
    Step step = store.inTransaction(tx -> prepare(tx, entry, pairId, clock.instant()));
    if (step instanceof Step.Known known) {
      return known.route();
    }
    Step.Open open = (Step.Open) step;
    ChatGateway.SpaceOpening opening;
    try {
      opening = gateway.openSpace(open.request());
    } catch (RuntimeException e) {
      opening = new ChatGateway.SpaceOpening.RetryLater(Duration.ZERO, "gateway error: " + e);
    }
    Instant now = clock.instant();
    if (opening instanceof ChatGateway.SpaceOpening.Opened opened) {
      store.inTransaction(
          tx -> {
            tx.pairSpaces().opened(pairId, opened.conversationId(), now);
            return null;
          });
      log.info("Opened the space of pair {}", pairId);
      return new Route.Deliver(space.at(opened.conversationId()));
    }
    if (opening instanceof ChatGateway.SpaceOpening.Refused refused) {
      log.warn("The platform refused a space for pair {}: {}", pairId, refused.reason());
      store.inTransaction(
          tx -> {
            tx.pairSpaces().refused(pairId, refused.reason(), now);
            fallBack(tx, entry, now);
            tellLeadsOnce(tx, "open", open.program(), open.request(), refused, now);
            return null;
          });
      return new Route.Done();
    }
    ChatGateway.SpaceOpening.RetryLater later = (ChatGateway.SpaceOpening.RetryLater) opening;
    store.inTransaction(
        tx -> {
          tx.pairSpaces().releaseOpening(pairId);
          return null;
        });
    return new Route.Retry(later.after(), later.reason());
  }

  private Step prepare(Tx tx, OutboxEntry entry, long pairId, Instant now) {
    Optional<Pair> pair = tx.pairs().byId(pairId).filter(Pair::isActive);
    if (pair.isEmpty()) {
      // Unpaired or forgotten: nothing more goes to the space, which itself stays on the platform.
      tx.outbox().markFailed(entry.id(), "the pair has ended, so nothing goes to its space", null);
      return new Step.Known(new Route.Done());
    }
    Optional<PairSpaces.Space> stored = tx.pairSpaces().of(pairId);
    if (stored.isPresent()) {
      PairSpaces.Space s = stored.get();
      if (s.state() == PairSpaces.State.OPEN) {
        var to = (ConversationRef.PairSpace) entry.message().to();
        return new Step.Known(new Route.Deliver(to.at(s.conversationId())));
      }
      if (s.state() == PairSpaces.State.REFUSED) {
        fallBack(tx, entry, now);
        return new Step.Known(new Route.Done());
      }
    }
    if (!tx.pairSpaces().claimOpening(pairId, now.plus(OPENING_LEASE), now)) {
      Instant until = stored.map(PairSpaces.Space::openingUntil).orElse(null);
      Instant soon = now.plus(WAIT_FOR_OTHER);
      return new Step.Known(new Route.Wait(until != null && until.isBefore(soon) ? until : soon));
    }
    Program program = tx.programs().byId(pair.get().programId()).orElseThrow();
    return new Step.Open(request(tx, pair.get(), program), program);
  }

  private static ChatGateway.SpaceToOpen request(Tx tx, Pair pair, Program program) {
    Member mentor = tx.members().byId(pair.mentorId()).orElseThrow();
    Member mentee = tx.members().byId(pair.menteeId()).orElseThrow();
    return new ChatGateway.SpaceToOpen(
        program.platform(),
        program.workspace(),
        pair.id(),
        mentor.ref(),
        mentor.displayName(),
        mentee.ref(),
        mentee.displayName(),
        program.name(),
        program.channelId());
  }

  /**
   * The platform refused a post to the pair's open space for good (it was deleted, or Nudge lost
   * access), or gave up retrying: the message goes to each member's DM, the pair stays on DMs, and
   * the leads are told once, as for a space that couldn't be opened. Nothing is lost.
   */
  void lost(OutboxEntry entry, String reason) {
    long pairId = ((ConversationRef.PairSpace) entry.message().to()).pairId();
    Instant now = clock.instant();
    log.warn("Nudge can no longer post in the space of pair {}: {}", pairId, reason);
    store.inTransaction(
        tx -> {
          tx.pairSpaces().refused(pairId, reason, now);
          fallBack(tx, entry, now);
          Pair pair = tx.pairs().byId(pairId).orElseThrow();
          Program program = tx.programs().byId(pair.programId()).orElseThrow();
          tellLeadsOnce(
              tx,
              "keep using",
              program,
              request(tx, pair, program),
              new ChatGateway.SpaceOpening.Refused(
                  reason, "check that the conversation still exists and that Nudge may post there"),
              now);
          return null;
        });
  }

  /**
   * Retrying a post to the pair's space (or its opening) ran out on passing errors: the message
   * goes to each member's DM so it isn't lost, and the space stays as it was for the pair's next
   * message, with no lead told, since there is nothing for a lead to grant.
   */
  void gaveUp(OutboxEntry entry, String reason) {
    long pairId = ((ConversationRef.PairSpace) entry.message().to()).pairId();
    log.warn("A message to the space of pair {} goes to their DMs: {}", pairId, reason);
    Instant now = clock.instant();
    store.inTransaction(
        tx -> {
          fallBack(tx, entry, now);
          return null;
        });
  }

  /**
   * Sends the row's message to each member's DM instead, under keys derived from its own (so a
   * second pass queues nothing twice), about the same members, and closes the row: its message has
   * gone on in the same transaction. The gate checked it for both members when it was queued for
   * the space, which is stricter than for either DM.
   */
  private static void fallBack(Tx tx, OutboxEntry entry, Instant now) {
    long pairId = ((ConversationRef.PairSpace) entry.message().to()).pairId();
    Pair pair = tx.pairs().byId(pairId).orElseThrow();
    Set<Long> about = new LinkedHashSet<>(tx.outbox().about(entry.id()));
    about.add(pair.mentorId());
    about.add(pair.menteeId());
    long[] named = about.stream().mapToLong(Long::longValue).toArray();
    PrivacyGate gate = PrivacyGate.of(tx);
    for (long memberId : new long[] {pair.menteeId(), pair.mentorId()}) {
      Member member = tx.members().byId(memberId).orElseThrow();
      Member partner = tx.members().byId(pair.partnerOf(memberId)).orElseThrow();
      gate.sendNow(
          new Outgoing(
                  entry.message().idempotencyKey() + ":dm:" + memberId,
                  new ConversationRef.Direct(member.ref()),
                  inDirectMessage(entry.message().message(), partner),
                  entry.message().botInitiated())
              .naming(named),
          now);
    }
    tx.outbox().markSent(entry.id(), now);
  }

  /**
   * The space's message as a member reads it in their DM: it was written for both of them ("This is
   * your shared space", "alice, it's been ..."), so a last line says where it was meant to go.
   */
  private static Message inDirectMessage(Message message, Member partner) {
    return new Message(
        message.text()
            + "\n_(I meant this for your shared space with "
            + partner.displayName()
            + ", which I can't use, so it's here in our DM instead.)_",
        message.actions(),
        message.title(),
        message.sections(),
        message.attachments(),
        message.chart());
  }

  /**
   * Tells the program's leads what to grant, once until a lead sets the space again; {@code verb}
   * is what failed ("open", "keep using").
   */
  private static void tellLeadsOnce(
      Tx tx,
      String verb,
      Program program,
      ChatGateway.SpaceToOpen space,
      ChatGateway.SpaceOpening.Refused refused,
      Instant now) {
    if (!tx.programs().firstSpaceRefusal(program.id(), now)) {
      return;
    }
    List<Member> leads = tx.members().leads(program.platform(), program.workspace());
    if (leads.isEmpty()) {
      log.warn("Program {} has no lead to tell that its pair spaces are refused", program.id());
    }
    PrivacyGate gate = PrivacyGate.of(tx);
    long mentorId = tx.members().find(space.mentor()).map(Member::id).orElseThrow();
    long menteeId = tx.members().find(space.mentee()).map(Member::id).orElseThrow();
    for (Member lead : leads) {
      gate.sendNow(
          Outgoing.notice(
                  "space-refused:" + program.id() + ":" + now.toEpochMilli() + ":" + lead.id(),
                  lead.ref(),
                  Message.text(
                      "I couldn't "
                          + verb
                          + " a shared space for "
                          + space.mentorName()
                          + " and "
                          + space.menteeName()
                          + " in "
                          + program.name()
                          + " ("
                          + refused.reason()
                          + "): "
                          + refused.remedy()
                          + ". Until then I'll keep using direct messages for its pairs; once it's"
                          + " fixed, `/nudge program space "
                          + program.name()
                          + " group` tries again."))
              .naming(mentorId, menteeId),
          now);
    }
  }
}
