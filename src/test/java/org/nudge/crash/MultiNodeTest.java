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
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.storage.Database;
import org.nudge.storage.JdbiStore;
import org.nudge.storage.MessageCodec;
import org.nudge.testing.TestDatabases;

/**
 * Issue 14's high-availability test: two real Nudge processes on one PostgreSQL database behind one
 * fake Slack share a weekly fan-out; one is killed with SIGKILL in the middle of it. Its claimed
 * prompts are taken over within the lease, nothing is lost, at most the message in flight is sent
 * twice, the workspace's configured rate holds for both nodes together, and the survivor, stopped
 * with SIGTERM, exits cleanly within 20 s.
 */
@Tag("crash")
@DisplayName("Two nodes on PostgreSQL, one killed mid fan-out")
class MultiNodeTest {

  static final int MEMBERS = 1_000;

  /** slack.messagesPerSecond: the workspace's rate, for both nodes together. */
  static final int PACE = 100;

  private static final String PROMPT = "Your reflection for this week";

  @TempDir Path dir;

  @Test
  @DisplayName(
      "0 lost, at most 1 duplicate, the dead node's prompts resumed within 30 s, the shared rate"
          + " never exceeded, and a SIGTERM'd node gone within 20 s")
  void killOneOfTwo() throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        FakeSlack slack = new FakeSlack(PROMPT)) {
      // GIVEN 1,000 members whose weekly reflection is due, on one PostgreSQL schema
      CrashData.seed(
          new JdbiStore(schema.database().jdbi(), new MessageCodec()),
          MEMBERS,
          Database.systemClock().instant());
      Path config = dir.resolve("nudge.yaml");
      Files.writeString(config, "slack:\n  messagesPerSecond: " + PACE + "\n");
      Map<String, String> env = new HashMap<>();
      env.put("NUDGE_CONFIG", config.toString());
      env.put("NUDGE_DB_URL", TestDatabases.POSTGRES_URL + "?currentSchema=" + schema.schema());
      env.put("NUDGE_DB_USER", TestDatabases.POSTGRES_USER);
      env.put("SLACK_BOT_TOKEN", "xoxb-multi-node-test");
      env.put("SLACK_SIGNING_SECRET", WinStream.SIGNING_SECRET);
      env.put("SLACK_API_URL", slack.apiUrl());
      Path log = Path.of("target", "multi-node.log");
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(log);

      // AND two nodes started at once on it
      try (NudgeNode a = NudgeNode.start(env, log);
          NudgeNode b = NudgeNode.start(env, log)) {
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));

        // WHEN node a is killed a third of the way through the fan-out
        awaitPrompted(slack, MEMBERS / 3, Duration.ofSeconds(60));
        a.kill();
        long killed = System.nanoTime();
        int promptedAtKill = slack.reached();
        Set<String> heldByDead = claimedBy(schema.database(), a.pid());

        // THEN node b delivers everything, the dead node's claimed prompts included
        awaitPrompted(slack, MEMBERS, Duration.ofSeconds(90));
        double resumed = secondsUntilReached(slack, heldByDead, killed);
        awaitDrained(b, Duration.ofSeconds(60));

        // AND node b, stopped with SIGTERM, drains and exits within 20 s
        long stopping = System.nanoTime();
        int exit = b.terminate(Duration.ofSeconds(20));
        double stopped = (System.nanoTime() - stopping) / 1e9;

        Map<String, Integer> prompts = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        List<Long> times = new ArrayList<>();
        for (FakeSlack.Post post : slack.posts()) {
          times.add(post.atNanos());
          copies.merge(post.channel() + "\n" + post.text(), 1, Integer::sum);
          if (post.text().contains(PROMPT)) {
            prompts.merge(post.channel(), 1, Integer::sum);
          }
        }
        int duplicates = copies.values().stream().mapToInt(c -> c - 1).sum();
        int lost = MEMBERS - prompts.size();
        int busiestFixed = busiest(times, false);
        int busiestSliding = busiest(times, true);
        String log2 = Files.readString(log);
        long errors = log2.lines().filter(l -> l.contains(" ERROR ")).count();
        String figures =
            String.format(
                "Multi-node: %d members, %d prompted (%d lost), %d messages, %d duplicates;"
                    + " killed at %d prompts holding %d claimed; those resumed %.1f s after the"
                    + " kill; busiest second %d (fixed windows), %d (sliding) at a limit of %d;"
                    + " SIGTERM: exit %d after %.1f s; %d ERROR lines; log %s",
                MEMBERS,
                prompts.size(),
                lost,
                slack.postCount(),
                duplicates,
                promptedAtKill,
                heldByDead.size(),
                resumed,
                busiestFixed,
                busiestSliding,
                PACE,
                exit,
                stopped,
                errors,
                log);
        System.out.println(figures);

        assertThat(lost).as(figures).isZero();
        assertThat(duplicates)
            .as("at most the message in flight: " + figures)
            .isLessThanOrEqualTo(1);
        assertThat(resumed)
            .as("the dead node's prompts resumed: " + figures)
            .isLessThanOrEqualTo(30);
        assertThat(busiestFixed).as("the workspace's rate: " + figures).isLessThanOrEqualTo(PACE);
        assertThat(exit).as("SIGTERM: " + figures).isEqualTo(143);
        assertThat(stopped).as(figures).isLessThanOrEqualTo(20);
        assertThat(errors).as("ERROR lines in " + log).isZero();
      }
    }
  }

  /** The DM channels of the prompts the killed node had claimed and not sent. */
  private static Set<String> claimedBy(Database database, long pid) {
    Set<String> channels = new HashSet<>();
    database
        .jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT target_id FROM outbox WHERE status = 'pending'"
                            + " AND claimed_by LIKE :node")
                    .bind("node", "%-" + pid + "/%")
                    .mapTo(String.class)
                    .forEach(user -> channels.add("D" + user)));
    return channels;
  }

  private static void awaitPrompted(FakeSlack slack, int count, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (slack.reached() < count) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "only "
                + slack.reached()
                + " of "
                + count
                + " prompts came; see target/multi-node.log");
      }
      Thread.sleep(5);
    }
  }

  /** Seconds from the kill until the last of {@code channels} got its prompt (0 if none). */
  private static double secondsUntilReached(FakeSlack slack, Set<String> channels, long killed) {
    long last = killed;
    for (FakeSlack.Post post : slack.posts()) {
      if (channels.contains(post.channel()) && post.text().contains(PROMPT)) {
        last = Math.max(last, post.atNanos());
      }
    }
    return (last - killed) / 1e9;
  }

  private static void awaitDrained(NudgeNode node, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (node.pendingOutbox().orElse(-1) != 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError("still " + node.pendingOutbox() + " messages pending");
      }
      Thread.sleep(50);
    }
  }

  /**
   * The most posts the fake Slack received in one second: in fixed windows from the first post, or
   * in a window starting at each post.
   */
  static int busiest(List<Long> times, boolean sliding) {
    List<Long> sorted = new ArrayList<>(times);
    sorted.sort(null);
    long second = Duration.ofSeconds(1).toNanos();
    int busiest = 0;
    if (sliding) {
      int end = 0;
      for (int start = 0; start < sorted.size(); start++) {
        while (end < sorted.size() && sorted.get(end) - sorted.get(start) < second) {
          end++;
        }
        busiest = Math.max(busiest, end - start);
      }
      return busiest;
    }
    Map<Long, Integer> windows = new HashMap<>();
    for (long t : sorted) {
      windows.merge((t - sorted.get(0)) / second, 1, Integer::sum);
    }
    return windows.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
