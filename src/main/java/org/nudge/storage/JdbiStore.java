package org.nudge.storage;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.nudge.engine.domain.AdviceLog;
import org.nudge.engine.domain.CheckInLog;
import org.nudge.engine.domain.Conversations;
import org.nudge.engine.domain.Digests;
import org.nudge.engine.domain.Enrolments;
import org.nudge.engine.domain.FeedbackLog;
import org.nudge.engine.domain.GoalLog;
import org.nudge.engine.domain.Inbox;
import org.nudge.engine.domain.KeyValues;
import org.nudge.engine.domain.MemberData;
import org.nudge.engine.domain.Members;
import org.nudge.engine.domain.Outbox;
import org.nudge.engine.domain.PairSpaces;
import org.nudge.engine.domain.Pairs;
import org.nudge.engine.domain.PendingImports;
import org.nudge.engine.domain.Programs;
import org.nudge.engine.domain.Prompts;
import org.nudge.engine.domain.ReflectionLog;
import org.nudge.engine.domain.SendRates;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.ThanksLog;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.domain.WinLog;

/** The engine's {@link Store} on JDBI: one handle, one transaction, per unit of work. */
public final class JdbiStore implements Store {

  /**
   * The sweep's batch on PostgreSQL: there a commit waits for the server's write-ahead log to reach
   * the disk, and each batch's dozen statements cost a round trip each, so 1,000 members a
   * transaction instead of 200 took the 100k sweep from 23 s to 19 s on a loaded machine
   * (BENCHMARKS.md). On H2 larger batches gained nothing: a commit there writes every page the
   * batch changed, so its cost grows with the batch.
   */
  static final int POSTGRES_SWEEP_BATCH = 1_000;

  private final Jdbi jdbi;
  private final MessageCodec codec;
  private volatile Integer sweepBatch;

  public JdbiStore(Jdbi jdbi, MessageCodec codec) {
    this.jdbi = jdbi;
    this.codec = codec;
  }

  /**
   * Runs {@code work} in one transaction; it commits when {@code work} returns normally. A database
   * failure leaves as a {@link DatabaseFailure}, so whoever logs it can't log the values that were
   * bound to the statement.
   */
  @Override
  public <T> T inTransaction(Function<Tx, T> work) {
    try {
      return jdbi.inTransaction(handle -> work.apply(new HandleTx(handle, codec)));
    } catch (RuntimeException e) {
      throw DatabaseFailure.redacted(e);
    }
  }

  @Override
  public int sweepBatch() {
    Integer size = sweepBatch;
    if (size == null) {
      size = jdbi.withHandle(Rows::isPostgres) ? POSTGRES_SWEEP_BATCH : Store.super.sweepBatch();
      sweepBatch = size;
    }
    return size;
  }

  private record HandleTx(Handle handle, MessageCodec codec) implements Tx {
    @Override
    public Members members() {
      return new JdbiMembers(handle);
    }

    @Override
    public Programs programs() {
      return new JdbiPrograms(handle);
    }

    @Override
    public Pairs pairs() {
      return new JdbiPairs(handle);
    }

    @Override
    public ThanksLog thanks() {
      return new JdbiThanks(handle);
    }

    @Override
    public Enrolments enrolments() {
      return new JdbiEnrolments(handle);
    }

    @Override
    public WinLog wins() {
      return new JdbiWins(handle);
    }

    @Override
    public ReflectionLog reflections() {
      return new JdbiReflections(handle);
    }

    @Override
    public AdviceLog advice() {
      return new JdbiAdvice(handle);
    }

    @Override
    public CheckInLog checkIns() {
      return new JdbiCheckIns(handle);
    }

    @Override
    public GoalLog goals() {
      return new JdbiGoals(handle);
    }

    @Override
    public FeedbackLog feedback() {
      return new JdbiFeedback(handle);
    }

    @Override
    public Outbox outbox() {
      return new JdbiOutbox(handle, codec);
    }

    @Override
    public Inbox inbox() {
      return new JdbiInbox(handle);
    }

    @Override
    public SendRates sendRates() {
      return new JdbiSendRates(handle);
    }

    @Override
    public Prompts prompts() {
      return new JdbiPrompts(handle);
    }

    @Override
    public Conversations conversations() {
      return new JdbiConversations(handle);
    }

    @Override
    public KeyValues keyValues() {
      return new JdbiKeyValues(handle);
    }

    @Override
    public Digests digests() {
      return new JdbiDigests(handle);
    }

    @Override
    public MemberData memberData() {
      return new JdbiMemberData(handle, PersonalData.TABLES);
    }

    @Override
    public PairSpaces pairSpaces() {
      return new JdbiPairSpaces(handle);
    }

    @Override
    public PendingImports pendingImports() {
      return new JdbiPendingImports(handle);
    }
  }
}
