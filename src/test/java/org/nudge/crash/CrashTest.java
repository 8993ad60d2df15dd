package org.nudge.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.domain.Store;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

/**
 * Issue 14's crash test: the real Nudge, a Slack HTTP node in a child process, is killed with
 * SIGKILL at random points while it sends a weekly fan-out of 2,000 reflection prompts and while
 * members send {@code /win} over signed Slack requests; it is restarted each time and then left to
 * finish. What members saw, as the fake Slack recorded it, and what the database kept must show
 * that nothing confirmed was lost and nothing was sent twice but the one message in flight at each
 * kill.
 *
 * <p>The bound proved: every member got this week's prompt; every win whose reply said "logged" is
 * stored; every stored win's partner notice reached the partner, and no notice of a win that isn't
 * stored; duplicates (of any message, by conversation and text) at most one per kill, since the
 * node's one delivery thread has at most one message between the platform's acceptance and the row
 * marked sent.
 */
@Tag("crash")
@DisplayName("Killing Nudge with SIGKILL mid fan-out and mid /win stream")
class CrashTest {

  static final int MEMBERS = 2_000;
  static final int KILLS = 3;

  /** Members 0 to 7 (four pairs) send wins while their own and everyone's prompts go out. */
  static final int SENDERS = 8;

  /**
   * Messages a second Nudge posts to the fake workspace (slack.messagesPerSecond): high enough that
   * the test ends in seconds, low enough that the fan-out lasts across three kills.
   */
  static final int PACE = 250;

  private static final String PROMPT = "Your reflection for this week";
  private static final String NOTICE = "logged a win:";

  @TempDir Path dir;

  @Test
  @DisplayName("On the embedded H2 file: nothing confirmed lost, at most one duplicate per kill")
  void h2() throws Exception {
    Path file = dir.resolve("nudge");
    Trial trial = new Trial("H2 file", "jdbc:h2:file:" + file, "sa");
    // The file is closed again before Nudge starts: H2 lets one process at a time open it.
    try (Database database = TestDatabases.h2File(file)) {
      CrashData.seed(store(database), MEMBERS, Database.systemClock().instant());
    }
    trial.run();
    try (Database database = TestDatabases.h2File(file)) {
      trial.check(storedWins(database));
    }
  }

  @Test
  @DisplayName("On PostgreSQL: nothing confirmed lost, at most one duplicate per kill")
  void postgres() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
      Trial trial =
          new Trial(
              "PostgreSQL",
              TestDatabases.POSTGRES_URL + "?currentSchema=" + schema.schema(),
              TestDatabases.POSTGRES_USER);
      CrashData.seed(store(schema.database()), MEMBERS, Database.systemClock().instant());
      trial.run();
      trial.check(storedWins(schema.database()));
    }
  }

  private static String seconds(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format("%.1f", v)).toList());
  }

  private static Store store(Database database) {
    return new JdbiStore(database.jdbi(), new MessageCodec());
  }

  private static Set<String> storedWins(Database database) {
    Set<String> markers = new HashSet<>();
    database
        .jdbi()
        .useHandle(
            h ->
                h.createQuery("SELECT text FROM win")
                    .mapTo(String.class)
                    .forEach(text -> markers.add(WinStream.marker(text))));
    return markers;
  }

  /** One database's run: the kills, the restarts, and what was seen. */
  private final class Trial {
    private final String name;
    private final Map<String, String> env = new HashMap<>();
    private final long seed = Long.getLong("crash.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final Path log;
    private final long startedNanos = System.nanoTime();
    private final List<Integer> killedAt = new ArrayList<>();
    private final List<Double> readyAfter = new ArrayList<>();
    private final List<Double> resumedAfter = new ArrayList<>();
    private FakeSlack slack;
    private WinStream wins;
    private double catchUp;
    private long failed;

    Trial(String name, String url, String user) throws Exception {
      this.name = name;
      this.log = Path.of("target", "crash-" + name.replace(' ', '-') + ".log");
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(log);
      Path config = dir.resolve("nudge.yaml");
      Files.writeString(config, "slack:\n  messagesPerSecond: " + PACE + "\n");
      env.put("NUDGE_CONFIG", config.toString());
      env.put("NUDGE_DB_URL", url);
      env.put("NUDGE_DB_USER", user);
      env.put("SLACK_BOT_TOKEN", "xoxb-crash-test");
      env.put("SLACK_SIGNING_SECRET", WinStream.SIGNING_SECRET);
    }

    void run() throws Exception {
      slack = new FakeSlack(PROMPT);
      env.put("SLACK_API_URL", slack.apiUrl());
      AtomicReference<NudgeNode> node = new AtomicReference<>(NudgeNode.start(env, log));
      List<String> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        senders.add(CrashData.userId(s));
      }
      wins = new WinStream(slack, node, senders, seed);
      try {
        node.get().awaitReady(Duration.ofSeconds(60));
        wins.start();
        long lastKill = 0;
        for (int k = 0; k < KILLS; k++) {
          // GIVEN prompts going out and wins coming in; WHEN the process is killed at a random
          // point of the fan-out (the k-th quarter of it, roughly)
          int target = (int) (MEMBERS * (0.05 + 0.25 * k + 0.2 * random.nextDouble()));
          awaitPrompted(node.get(), target, Duration.ofSeconds(60));
          // ...preferably while a win is between its request and its reply, the moment a
          // confirmation could get ahead of what was saved
          long patience = System.nanoTime() + Duration.ofMillis(500).toNanos();
          while (wins.inFlight() == 0 && System.nanoTime() < patience) {
            Thread.sleep(1);
          }
          Thread.sleep(random.nextInt(20));
          int before = prompted();
          node.get().kill();
          lastKill = System.nanoTime();
          assertThat(before).as("killed during the fan-out").isLessThan(MEMBERS);
          // AND restarted
          int postsAtKill = slack.postCount();
          NudgeNode next = NudgeNode.start(env, log);
          node.set(next);
          next.awaitReady(Duration.ofSeconds(60));
          readyAfter.add(next.age());
          resumedAfter.add(awaitPostAfter(postsAtKill, next));
          killedAt.add(before);
        }
        // THEN, left to finish, it delivers everything still owed
        Thread.sleep(1_000);
        wins.close();
        awaitDrained(node.get(), Duration.ofSeconds(120));
        failed = node.get().failedOutbox().orElse(-1);
        long lastPost = slack.posts().stream().mapToLong(FakeSlack.Post::atNanos).max().orElse(0);
        catchUp = (lastPost - lastKill) / 1e9;
      } finally {
        wins.close();
        if (node.get() != null) {
          node.get().kill();
        }
        slack.close();
      }
    }

    /** Prompts, counted per member's DM channel. */
    private Map<String, Integer> prompts() {
      Map<String, Integer> counts = new HashMap<>();
      for (FakeSlack.Post post : slack.posts()) {
        if (post.text().contains(PROMPT)) {
          counts.merge(post.channel(), 1, Integer::sum);
        }
      }
      return counts;
    }

    private int prompted() {
      return slack.reached();
    }

    private void awaitPrompted(NudgeNode node, int count, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (prompted() < count) {
        if (System.nanoTime() > end || !node.alive()) {
          throw new AssertionError(
              name + ": only " + prompted() + " of " + count + " prompts came; see " + log);
        }
        Thread.sleep(2);
      }
    }

    /** Seconds from the restart to its first message. */
    private double awaitPostAfter(int posts, NudgeNode node) throws Exception {
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (slack.postCount() <= posts && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      return node.age();
    }

    /** Waits until every member was prompted and nothing is left in the outbox. */
    private void awaitDrained(NudgeNode node, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        if (prompted() == MEMBERS && node.pendingOutbox().orElse(-1) == 0) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError(
          name
              + ": still "
              + node.pendingOutbox()
              + " messages pending and "
              + (MEMBERS - prompted())
              + " members without a prompt after "
              + timeout
              + "; see "
              + log);
    }

    void check(Set<String> stored) throws Exception {
      String context = name + " (seed " + seed + ", log " + log + ")";
      Map<String, Integer> prompts = prompts();
      List<String> unprompted = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        if (!prompts.containsKey(CrashData.channel(i))) {
          unprompted.add(CrashData.userId(i));
        }
      }
      int promptDuplicates = prompts.values().stream().mapToInt(c -> c - 1).sum();
      // Every message, whatever it is (prompts, notices, the program's digest), counted by
      // conversation and text: a second copy of one is a duplicate.
      Map<String, Integer> copies = new HashMap<>();
      for (FakeSlack.Post post : slack.posts()) {
        copies.merge(post.channel() + "\n" + post.text(), 1, Integer::sum);
      }
      int duplicates = copies.values().stream().mapToInt(c -> c - 1).sum();

      Map<String, Integer> notices = new HashMap<>();
      List<String> misdirected = new ArrayList<>();
      for (FakeSlack.Post post : slack.posts()) {
        if (post.text().contains(NOTICE)) {
          String marker = WinStream.marker(post.text());
          notices.merge(marker, 1, Integer::sum);
          int sender = Integer.parseInt(marker.substring(1, marker.indexOf('n')));
          if (!post.channel().equals(CrashData.channel(sender ^ 1))) {
            misdirected.add(marker + " to " + post.channel());
          }
        }
      }
      int noticeDuplicates = notices.values().stream().mapToInt(c -> c - 1).sum();
      Set<String> confirmed = wins.confirmed();
      Set<String> lostWins = new HashSet<>(confirmed);
      lostWins.removeAll(stored);
      Set<String> lostNotices = new HashSet<>(stored);
      lostNotices.removeAll(notices.keySet());
      Set<String> unanswered = new HashSet<>(wins.sent());
      unanswered.removeAll(confirmed);
      unanswered.removeAll(wins.refused());
      Set<String> phantomNotices = new HashSet<>(notices.keySet());
      phantomNotices.removeAll(stored);

      String figures =
          String.format(
              "%s: %d kills; %d members, %d prompted, %d prompt duplicates; %d wins acked, %d"
                  + " failed, %d confirmed, %d refused, %d stored, %d confirmed but lost; %d"
                  + " notices, %d"
                  + " lost, %d duplicates, %d misdirected; %d messages, %d duplicates in all;"
                  + " the last message %.1f s after the last kill; killed at %s prompts,"
                  + " ready %s s and first message %s s after each restart",
              context,
              KILLS,
              MEMBERS,
              prompts.size(),
              promptDuplicates,
              wins.sent().size(),
              wins.failed().size(),
              confirmed.size(),
              wins.refused().size(),
              stored.size(),
              lostWins.size(),
              notices.size(),
              lostNotices.size(),
              noticeDuplicates,
              misdirected.size(),
              slack.postCount(),
              duplicates,
              catchUp,
              killedAt,
              seconds(readyAfter),
              seconds(resumedAfter));
      System.out.println(figures);

      assertThat(unprompted).as("members without this week's prompt: " + figures).isEmpty();
      assertThat(failed).as("messages Nudge gave up on: " + figures).isZero();
      assertThat(confirmed).as("wins confirmed: " + figures).isNotEmpty();
      assertThat(lostWins).as("confirmed wins lost: " + figures).isEmpty();
      assertThat(lostNotices).as("stored wins whose partner was never told: " + figures).isEmpty();
      assertThat(phantomNotices).as("notices of wins not stored: " + figures).isEmpty();
      assertThat(misdirected).as("notices to someone else than the partner: " + figures).isEmpty();
      assertThat(duplicates)
          .as("duplicates, at most the one message in flight per kill: " + figures)
          .isLessThanOrEqualTo(KILLS);

      if (ReliabilityReport.wanted()) {
        ReliabilityReport.write(
            name,
            String.format(
                "%d | %,d of %,d | %d | %d / %d / %d | %d | %d | %d of %,d | %.2f | %s | %s | %.1f",
                KILLS,
                prompts.size(),
                MEMBERS,
                unprompted.size(),
                wins.sent().size(),
                confirmed.size(),
                stored.size(),
                lostWins.size(),
                lostNotices.size(),
                duplicates,
                slack.postCount(),
                duplicates / (double) KILLS,
                seconds(readyAfter),
                seconds(resumedAfter),
                catchUp),
            String.format(
                "killed at %s of %,d prompts; %d wins acked but not answered (killed in"
                    + " between), of which %d stored; the whole trial (seeding, four starts,"
                    + " checks) took %.0f s; seed %d; %s.",
                killedAt,
                MEMBERS,
                unanswered.size(),
                unanswered.stream().filter(stored::contains).count(),
                (System.nanoTime() - startedNanos) / 1e9,
                seed,
                ReliabilityReport.machine()));
      }
    }
  }
}
