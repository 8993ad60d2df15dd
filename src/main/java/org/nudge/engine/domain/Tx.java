package org.nudge.engine.domain;

/** The repositories available inside one transaction. */
public interface Tx {

  Members members();

  Programs programs();

  Pairs pairs();

  // What members write, one port per kind of entry.

  WinLog wins();

  ReflectionLog reflections();

  AdviceLog advice();

  CheckInLog checkIns();

  GoalLog goals();

  FeedbackLog feedback();

  ThanksLog thanks();

  /** Enrolments for matching, programs' enrolment settings and the proposal under review. */
  Enrolments enrolments();

  Outbox outbox();

  /** Inputs accepted and not yet handled, shared by every node. */
  Inbox inbox();

  /** Each workspace's send slots, shared by every node. */
  SendRates sendRates();

  Prompts prompts();

  Conversations conversations();

  KeyValues keyValues();

  Digests digests();

  /** The member's data as a whole, for export and forget-me. */
  MemberData memberData();

  /** Imports shown as a dry run, waiting for the lead's Confirm. */
  PendingImports pendingImports();

  /** Each pair's shared conversation, where its program has them. */
  PairSpaces pairSpaces();
}
