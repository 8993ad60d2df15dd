package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Entries.Reflection;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.testing.TestDatabases;

/**
 * What one member sends takes effect in the order they sent it, while many members send at once:
 * each pair below fails if its second request runs before its first (issue 14: a lead's {@code
 * /nudge pair … Spring} 15 ms after {@code /nudge program create Spring} was sometimes answered
 * "There's no program called Spring").
 */
@DisplayName("Over Slack, what one member sends takes effect in the order they sent it")
class SlackOrderTest {

  private static final int LEADS = 20;
  private static final int PAIRED_PROGRAMS_PER_LEAD = 10;
  private static final int CHANNELED_PROGRAMS_PER_LEAD = 15;
  private static final int PAIRS = 250;
  private static final int CLIENTS = 24;

  @Test
  @DisplayName(
      "1,000 dependent pairs sent back to back by 520 members at once, over signed requests, all"
          + " take effect in order")
  void everyPairTakesEffectInOrder() throws Exception {
    try (SlackTestbed slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox())) {
      everyPairInOrder(new Nodes(List.of(slack), List.of(slack)));
    }
  }

  @Test
  @DisplayName(
      "on PostgreSQL, 1,000 dependent pairs whose two requests each reach a different node take"
          + " effect in order")
  void everyPairInOrderAcrossTwoNodes() throws Exception {
    onTwoNodes(nodes -> everyPairInOrder(new Nodes(nodes, nodes)));
  }

  private interface OnNodes {
    void run(List<SlackTestbed> nodes) throws Exception;
  }

  /** Two nodes with their own HTTP hosts, Bolt apps and engines, on one schema and one Slack. */
  private static void onTwoNodes(OnNodes test) throws Exception {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        FakeSlackApi api = new FakeSlackApi()) {
      SlackTestbed.Options options = SlackTestbed.Options.defaults().manualOutbox();
      try (SlackTestbed a =
              new SlackTestbed(options, new SlackTestbed.Shared(schema.database(), api, "node-a"));
          SlackTestbed b =
              new SlackTestbed(
                  options, new SlackTestbed.Shared(schema.database(), api, "node-b"))) {
        test.run(List.of(a, b));
      }
    }
  }

  /**
   * Where each member's requests go: with several nodes, each member's next request to the next
   * node, so the two requests of every dependent pair reach different nodes.
   */
  private static final class Nodes {
    final List<SlackTestbed> targets;
    final List<SlackTestbed> all;
    final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

    /**
     * @param targets the nodes requests are sent to
     * @param all every node, any of which may run an input
     */
    Nodes(List<SlackTestbed> targets, List<SlackTestbed> all) {
      this.targets = targets;
      this.all = all;
    }

    SlackTestbed any() {
      return targets.get(0);
    }

    SlackTestbed next(String member) {
      int n = sent.computeIfAbsent(member, m -> new AtomicInteger()).getAndIncrement();
      return targets.get(n % targets.size());
    }

    long directMessagesHandled() {
      return all.stream()
          .mapToLong(node -> node.metrics.value("nudge_slack_direct_messages_total"))
          .sum();
    }
  }

  private static void everyPairInOrder(Nodes nodes) throws Exception {
    SlackTestbed slack = nodes.any();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      // GIVEN 20 more leads, and 250 pairs whose mentors each have this week's reflection open
      given(slack, clients);
      List<Callable<List<Check>>> members = new ArrayList<>();
      // WHEN each lead creates 25 programs, and right after creating each one pairs two new
      // people in it, or gives it its channel
      for (int l = 0; l < LEADS; l++) {
        String lead = "UL" + l;
        members.add(() -> programsThenUse(nodes, lead));
      }
      // AND each mentee adds a goal and at once marks it done
      // AND each mentor answers the reflection in the DM, then at once says what they'll try
      for (int p = 0; p < PAIRS; p++) {
        String mentee = "UE" + p;
        String mentor = "UM" + p;
        members.add(() -> goalThenDone(nodes, mentee));
        members.add(() -> answerThenNext(nodes, mentor));
      }
      Collections.shuffle(members, new Random(14));
      long started = System.nanoTime();
      List<Check> checks = new ArrayList<>();
      for (Future<List<Check>> sent : clients.invokeAll(members)) {
        checks.addAll(sent.get());
      }
      awaitDirectMessages(nodes, 2 * PAIRS);

      // THEN every pair took effect in its order
      List<String> outOfOrder = new ArrayList<>();
      for (Check check : checks) {
        String problem = check.problem(slack);
        if (problem != null) {
          outOfOrder.add(problem);
        }
      }
      System.out.printf(
          "Order on %d node(s): %d dependent pairs in %d ms, %d out of order%n",
          nodes.targets.size(),
          checks.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          outOfOrder.size());
      assertThat(checks)
          .hasSize(LEADS * (PAIRED_PROGRAMS_PER_LEAD + CHANNELED_PROGRAMS_PER_LEAD) + 2 * PAIRS);
      assertThat(outOfOrder).isEmpty();
    } finally {
      clients.shutdownNow();
    }
  }

  /** One dependent pair's outcome, read once everything has been answered; null when in order. */
  private interface Check {
    String problem(SlackTestbed slack) throws Exception;
  }

  /** Setup straight through the engine, each lead pairing their share in parallel. */
  private static void given(SlackTestbed slack, ExecutorService clients) throws Exception {
    List<Callable<Void>> leads = new ArrayList<>();
    for (int l = 0; l < LEADS; l++) {
      String lead = "UL" + l;
      slack.slack.user(lead, "Lead" + l, "Europe/Berlin");
      expect(slack, SlackTestbed.LEAD, "nudge", "lead <@" + lead + ">", "is now a program lead");
      int first = l;
      leads.add(
          () -> {
            expect(slack, lead, "nudge", "program create Base" + lead, "created");
            for (int p = first; p < PAIRS; p += LEADS) {
              String mentor = "UM" + p;
              String mentee = "UE" + p;
              slack.slack.user(mentor, "Mentor" + p, "America/New_York");
              slack.slack.user(mentee, "Mentee" + p, "Asia/Kolkata");
              expect(
                  slack,
                  lead,
                  "nudge",
                  "pair <@" + mentor + "> <@" + mentee + "> Base" + lead,
                  "Paired");
              expect(slack, mentor, "reflect", "", "Your reflection for this week");
            }
            return null;
          });
    }
    for (Future<Void> done : clients.invokeAll(leads)) {
      done.get();
    }
  }

  private static void expect(
      SlackTestbed slack, String user, String command, String text, String answer) {
    Reply reply =
        slack.engine.handle(new Inbound.Command(SlackTestbed.user(user), command, text, null));
    assertThat(reply.message().text()).as("/%s %s", command, text).contains(answer);
  }

  private static List<Check> programsThenUse(Nodes slack, String lead) {
    List<Check> checks = new ArrayList<>();
    for (int k = 0; k < PAIRED_PROGRAMS_PER_LEAD + CHANNELED_PROGRAMS_PER_LEAD; k++) {
      String program = "P" + lead + "x" + k;
      command(slack, lead, "/nudge", "program create " + program);
      if (k < PAIRED_PROGRAMS_PER_LEAD) {
        String mentor = lead + "M" + k;
        String mentee = lead + "E" + k;
        slack.any().slack.user(mentor, "Mentor " + program, "Europe/Paris");
        slack.any().slack.user(mentee, "Mentee " + program, "Europe/Paris");
        String pair =
            command(slack, lead, "/nudge", "pair <@" + mentor + "> <@" + mentee + "> " + program);
        checks.add(replyContains(pair, "Paired", program));
      } else {
        String channel =
            command(slack, lead, "/nudge", "program channel " + program + " <#C0" + k + "|x>");
        checks.add(replyContains(channel, "now posts to", program));
      }
    }
    return checks;
  }

  private static List<Check> goalThenDone(Nodes slack, String mentee) {
    command(slack, mentee, "/goals", "add lead a design review");
    String done = command(slack, mentee, "/goals", "done 1");
    return List.of(replyContains(done, "Goal 1 done", mentee));
  }

  private static List<Check> answerThenNext(Nodes slack, String mentor) {
    dm(slack, mentor, "Ev" + mentor + "a", "answered " + mentor);
    dm(slack, mentor, "Ev" + mentor + "b", "next " + mentor);
    return List.of(
        s -> {
          Reflection reflection = reflection(s, SlackTestbed.user(mentor));
          return reflection.answer().equals("answered " + mentor)
                  && ("next " + mentor).equals(reflection.nextStep())
              ? null
              : mentor + "'s answer was " + reflection.answer() + ", next " + reflection.nextStep();
        });
  }

  /** Posts a slash command and returns its response_url's id once Slack has its empty ack. */
  private static String command(Nodes nodes, String user, String command, String text) {
    SlackTestbed slack = nodes.next(user);
    Map<String, String> form = slack.commandPayload(user, command, text, "C0GENERAL");
    HttpResponse<String> ack =
        slack.post(SlackTestbed.formEncode(form), "application/x-www-form-urlencoded");
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).isEmpty();
    String url = form.get("response_url");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static void dm(Nodes nodes, String user, String eventId, String text) {
    SlackTestbed slack = nodes.next(user);
    assertThat(slack.event(slack.directMessageEvent(user, eventId, text), null).statusCode())
        .isEqualTo(200);
  }

  private static Check replyContains(String responseId, String expected, String who) {
    return s -> {
      String shown = s.slack.response(responseId).get(30, TimeUnit.SECONDS).shownText(null);
      return shown.contains(expected) ? null : who + " was told: " + shown.strip();
    };
  }

  private static Reflection reflection(SlackTestbed slack, UserRef user) {
    return slack.store.inTransaction(
        tx -> {
          Member member = tx.members().find(user).orElseThrow();
          return tx.reflections().latest(member.id()).orElseThrow();
        });
  }

  private static void awaitDirectMessages(Nodes nodes, long count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (nodes.directMessagesHandled() < count && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(nodes.directMessagesHandled()).isEqualTo(count);
  }
}
