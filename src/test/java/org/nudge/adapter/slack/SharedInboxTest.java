package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.domain.Entries.Win;
import org.nudge.engine.domain.Inbox;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.testing.TestDatabases;

/**
 * Two nodes on one PostgreSQL schema behind one Slack, as behind a load balancer: every input goes
 * through the shared inbox, whichever node receives it, and is answered by whichever node runs it.
 */
@DisplayName("Slack on several nodes: the shared inbox")
class SharedInboxTest {

  private TestDatabases.PostgresSchema schema;
  private FakeSlackApi api;
  private SlackTestbed a;
  private SlackTestbed b;
  private final AtomicBoolean databaseRefusesInputs = new AtomicBoolean();

  @BeforeEach
  void twoNodes() throws Exception {
    schema = TestDatabases.postgres();
    api = new FakeSlackApi();
    a = new SlackTestbed(options(), new SlackTestbed.Shared(schema.database(), api, "node-a"));
    b =
        new SlackTestbed(
            options().store(refusingInputsWhen(databaseRefusesInputs)),
            new SlackTestbed.Shared(schema.database(), api, "node-b"));
  }

  private static SlackTestbed.Options options() {
    return SlackTestbed.Options.defaults();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {a, b, api, schema}) {
      if (part != null) {
        part.close();
      }
    }
  }

  @Test
  @DisplayName(
      "a reflection asked for on one node, its Answer clicked on the other and its form submitted"
          + " on the first is saved, and the share question follows in the DM")
  void reflectionAcrossNodes() {
    // GIVEN Alice is paired with Maria
    a.pairMariaWithAlice();

    // WHEN she types /reflect on node b, and clicks Answer on node a
    JsonNode prompt = b.replyTo(SlackTestbed.MENTEE, "/reflect", "");
    JsonNode answer = button(prompt, ReflectionFlow.ANSWER);
    a.click(SlackTestbed.MENTEE, ReflectionFlow.ANSWER, answer.path("value").asText());

    // THEN the modal opens, with the click's trigger id
    FakeSlackApi.Call open = api.await("views.open", c -> true);
    String formId = open.json("view").path("callback_id").asText();

    // WHEN she submits it to node b
    HttpResponse<String> submitted =
        b.submit(
            SlackTestbed.MENTEE,
            formId,
            Map.of(ReflectionFlow.FIELD_ANSWER, "shipped the parser alone", "next", "pair less"));

    // THEN the modal closes, her answer is saved once, and the share question reaches her DM
    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(submitted.body()).isEmpty();
    api.await(
        "chat.postMessage",
        c ->
            c.params().get("channel").equals("DUALICE")
                && c.params().get("text").startsWith("Saved."));
    java.util.Optional<org.nudge.engine.domain.Entries.Reflection> saved =
        a.store.inTransaction(tx -> tx.reflections().latest(member(tx, SlackTestbed.MENTEE).id()));
    assertThat(saved)
        .hasValueSatisfying(r -> assertThat(r.answer()).isEqualTo("shipped the parser alone"));
    assertThat(inboxBacklog()).isZero();
  }

  @Test
  @DisplayName("a direct message that Slack sends again to the other node is handled once")
  void redeliveredMessageOnceAcrossNodes() throws Exception {
    a.pairMariaWithAlice();
    String event = a.directMessageEvent(SlackTestbed.MENTEE, "EvSame1", "hello there");

    assertThat(a.event(event, null).statusCode()).isEqualTo(200);
    assertThat(b.event(event, 1).statusCode()).isEqualTo(200);

    awaitUntil(() -> directTexts() >= 1 && inboxBacklog() == 0);
    Thread.sleep(300);
    assertThat(directTexts()).isEqualTo(1);
    assertThat(
            a.metrics.value("nudge_slack_duplicate_events_total")
                + b.metrics.value("nudge_slack_duplicate_events_total"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "an input stored by a node that died before running it is run by another node and answered"
          + " at its response_url, before the member's next input")
  void deadNodesInputTakenOver() {
    a.pairMariaWithAlice();
    UserRef alice = SlackTestbed.user(SlackTestbed.MENTEE);
    // GIVEN node c stored Alice's /win, acked it and was killed before its claim ran out
    String deadReply = api.responseUrl("dead-node-win");
    a.store.inTransaction(
        tx -> {
          Instant earlier = Instant.now().minusSeconds(30);
          long id =
              tx.inbox()
                  .add(
                      alice,
                      QueuedInput.interaction(
                              new Inbound.Command(alice, "win", "first win", "C0GENERAL"),
                              deadReply,
                              "trigger-dead")
                          .encode(),
                      "node-c",
                      earlier);
          tx.inbox().claim(id, "node-c/1", earlier, Duration.ofSeconds(20));
          return null;
        });

    // WHEN she logs another win on node b
    JsonNode second = b.replyTo(SlackTestbed.MENTEE, "/win", "second win");

    // THEN the first is answered at its own response_url, and both are logged in her order
    JsonNode first = a.awaitReply(deadReply);
    assertThat(SlackTestbed.shown(first)).contains("Win logged");
    assertThat(SlackTestbed.shown(second)).contains("Win logged");
    List<Win> wins =
        a.store.inTransaction(tx -> tx.wins().by(member(tx, SlackTestbed.MENTEE).id()));
    assertThat(wins)
        .extracting(Win::text)
        .containsSubsequence("first win", "second win")
        .hasSize(2);
    assertThat(wins.get(0).id()).isLessThan(wins.get(1).id());
  }

  @Test
  @DisplayName(
      "when the database can't store a command, the member is told at once, with their words,"
          + " and nothing is saved")
  void unstoredCommandIsRefusedWithItsWords() {
    a.pairMariaWithAlice();
    databaseRefusesInputs.set(true);

    HttpResponse<String> ack = b.command(SlackTestbed.MENTEE, "/win", "kept my words");

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).contains("nothing was saved").contains("kept my words");
    List<Win> wins =
        a.store.inTransaction(tx -> tx.wins().by(member(tx, SlackTestbed.MENTEE).id()));
    assertThat(wins).isEmpty();
  }

  private long directTexts() {
    return a.received.stream().filter(i -> i instanceof Inbound.DirectText).count()
        + b.received.stream().filter(i -> i instanceof Inbound.DirectText).count();
  }

  private long inboxBacklog() {
    return a.store.inTransaction(tx -> tx.inbox().backlog());
  }

  private static Member member(Tx tx, String id) {
    return tx.members().find(SlackTestbed.user(id)).orElseThrow();
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static JsonNode button(JsonNode message, String actionId) {
    for (JsonNode element : message.findValues("elements")) {
      for (JsonNode candidate : element) {
        if (candidate.path("action_id").asText().equals(actionId)) {
          return candidate;
        }
      }
    }
    throw new AssertionError("No button " + actionId + " in " + message);
  }

  /** A store whose inbox refuses new inputs while {@code refusing} is set, as a failing disk. */
  private static UnaryOperator<Store> refusingInputsWhen(AtomicBoolean refusing) {
    return store ->
        new Store() {
          @Override
          public <T> T inTransaction(java.util.function.Function<Tx, T> work) {
            return store.inTransaction(tx -> work.apply(refusing(tx, refusing)));
          }
        };
  }

  private static Tx refusing(Tx tx, AtomicBoolean refusing) {
    return (Tx)
        Proxy.newProxyInstance(
            Tx.class.getClassLoader(),
            new Class<?>[] {Tx.class},
            (proxy, method, args) -> {
              Object result = invoke(method, tx, args);
              if (method.getName().equals("inbox")) {
                Inbox inbox = (Inbox) result;
                return Proxy.newProxyInstance(
                    Inbox.class.getClassLoader(),
                    new Class<?>[] {Inbox.class},
                    (p, m, a) -> {
                      if (m.getName().equals("add") && refusing.get()) {
                        throw new IllegalStateException("disk full");
                      }
                      return invoke(m, inbox, a);
                    });
              }
              return result;
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
