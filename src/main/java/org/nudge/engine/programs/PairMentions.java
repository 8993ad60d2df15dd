package org.nudge.engine.programs;

import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.Mentions;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;

/**
 * The {@code @mentor @mentee} that a lead's pair commands start with ({@code pair}, {@code unpair},
 * {@code phase}), read in one place: mentor first, then mentee, then whatever the command takes
 * after them ({@code rest}).
 */
record PairMentions(String mentorId, String menteeId, String rest) {

  /** A pair that is active now, with the two members it joins. */
  record Active(Pair pair, Member mentor, Member mentee) {}

  /** The two mentions {@code args} starts with, or empty when its first two words aren't both. */
  static Optional<PairMentions> read(String args) {
    String[] words = args.strip().split("\\s+", 3);
    if (words.length < 2 || !Mentions.isUser(words[0]) || !Mentions.isUser(words[1])) {
      return Optional.empty();
    }
    return Optional.of(
        new PairMentions(
            Mentions.userId(words[0]),
            Mentions.userId(words[1]),
            words.length > 2 ? words[2].strip() : ""));
  }

  /** The mentor, met now if Nudge didn't know them yet (to make a pair). */
  Member mentor(CommandContext ctx) {
    return ensure(ctx, mentorId);
  }

  /** The mentee, met now if Nudge didn't know them yet (to make a pair). */
  Member mentee(CommandContext ctx) {
    return ensure(ctx, menteeId);
  }

  /** The active pair of exactly this mentor and this mentee, or empty. */
  Optional<Active> active(CommandContext ctx) {
    Optional<Member> mentor = find(ctx, mentorId);
    Optional<Member> mentee = find(ctx, menteeId);
    if (mentor.isEmpty() || mentee.isEmpty()) {
      return Optional.empty();
    }
    return ctx.tx().pairs().activeFor(mentor.get().id()).stream()
        .filter(p -> p.mentorId() == mentor.get().id() && p.menteeId() == mentee.get().id())
        .findFirst()
        .map(p -> new Active(p, mentor.get(), mentee.get()));
  }

  private static Member ensure(CommandContext ctx, String userId) {
    return ctx.membership().ensure(ctx.tx(), ctx.member().ref().sibling(userId), ctx.now());
  }

  private static Optional<Member> find(CommandContext ctx, String userId) {
    return ctx.tx().members().find(ctx.member().ref().sibling(userId));
  }
}
