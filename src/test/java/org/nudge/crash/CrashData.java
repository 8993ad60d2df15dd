package org.nudge.crash;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.Store;
import org.nudge.engine.model.UserRef;

/**
 * One program of Slack members in pairs (member {@code 2i} mentors {@code 2i + 1}), written through
 * Nudge's own store, each member's weekly reflection due a minute ago. Nobody has quiet hours or a
 * quiet weekend, so the prompts go out at whatever real time the test runs.
 */
final class CrashData {

  private CrashData() {}

  static String userId(int i) {
    return String.format("U%05d", i);
  }

  /** The DM channel the fake opens with member {@code i}. */
  static String channel(int i) {
    return "D" + userId(i);
  }

  /** Seeds {@code members} members; returns their Slack user ids in order. */
  static List<String> seed(Store store, int members, Instant now) {
    Instant due = now.minusSeconds(60);
    List<String> ids = new ArrayList<>();
    int perTransaction = 200;
    Program program =
        store.inTransaction(
            tx -> tx.programs().create("slack", FakeSlack.TEAM, "Crash", "C0CRASH", now));
    for (int from = 0; from < members; from += perTransaction) {
      int start = from;
      int end = Math.min(members, from + perTransaction);
      store.inTransaction(
          tx -> {
            Member mentor = null;
            for (int i = start; i < end; i++) {
              Member created =
                  tx.members()
                      .create(
                          new UserRef("slack", FakeSlack.TEAM, userId(i)),
                          "Member " + i,
                          ZoneOffset.UTC,
                          now);
              Member member =
                  new Member(
                      created.id(),
                      created.ref(),
                      created.displayName(),
                      created.zone(),
                      created.promptDay(),
                      created.promptHour(),
                      0,
                      0,
                      false,
                      null,
                      false,
                      created.createdAt(),
                      null,
                      0);
              tx.members().update(member);
              tx.members().setNextPrompt(member.id(), due);
              if (i % 2 == 0) {
                mentor = member;
              } else {
                tx.pairs().create(program.id(), mentor.id(), member.id(), now);
              }
            }
            return null;
          });
      for (int i = start; i < end; i++) {
        ids.add(userId(i));
      }
    }
    return ids;
  }
}
