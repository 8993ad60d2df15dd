package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.domain.Store;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.reflection.ReflectionFlow;

@DisplayName("Slack modals, buttons and the 3-second ack")
class SlackFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A weekly reflection as the engine would describe it. */
  static final Form REFLECTION =
      new Form(
          "reflection:2026-W10",
          "Weekly reflection",
          "Save",
          List.of(
              new Form.Field("progress", "What moved forward this week?", true, true, 3000, null),
              new Form.Field("next", "What will you try next?", false, false, 500, "")));

  /**
   * A command whose reply is a form, to put the ack window's form handling under test whatever the
   * engine's flows do (late replies, views.open failing).
   */
  static final class OpensAForm implements CommandHandler {
    @Override
    public CommandSpec spec() {
      return CommandSpec.of("formtest", "Opens a form.");
    }

    @Override
    public Reply handle(CommandContext context) {
      return Reply.openForm(REFLECTION);
    }
  }

  private SlackTestbed slack;

  @AfterEach
  void stop() {
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  @DisplayName("A command whose answer is a form opens the modal with the command's trigger id")
  void commandOpensModal() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().withCommands(new OpensAForm()));

    HttpResponse<String> ack = slack.command(SlackTestbed.MENTEE, "/formtest", "");

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).isEmpty();
    FakeSlackApi.Call open = slack.slack.await("views.open", c -> true);
    assertThat(open.params().get("trigger_id")).startsWith("trigger-");
    JsonNode view = open.json("view");
    assertThat(view.path("callback_id").asText()).isEqualTo("reflection:2026-W10");
    assertThat(view.path("title").path("text").asText()).isEqualTo("Weekly reflection");
    assertThat(view.path("blocks")).hasSize(2);
    assertThat(view.path("blocks").get(0).path("block_id").asText()).isEqualTo("progress");
    assertThat(view.path("blocks").get(0).path("element").path("multiline").asBoolean()).isTrue();
    assertThat(view.path("blocks").get(1).path("optional").asBoolean()).isTrue();
  }

  @Test
  @DisplayName(
      "The weekly reflection: /reflect, Answer opens the modal, the answers reach the engine by"
          + " field id, and the share question arrives in the DM")
  void reflectionInAModal() throws Exception {
    // GIVEN Alice is paired with Maria
    slack = new SlackTestbed();
    slack.pairMariaWithAlice();

    // WHEN she types /reflect
    JsonNode prompt = slack.replyTo(SlackTestbed.MENTEE, "/reflect", "");

    // THEN she sees this week's question with an Answer button
    assertThat(SlackTestbed.shown(prompt)).contains("reflection");
    JsonNode answerButton = button(prompt, ReflectionFlow.ANSWER);

    // WHEN she clicks Answer
    slack.click(SlackTestbed.MENTEE, ReflectionFlow.ANSWER, answerButton.path("value").asText());

    // THEN the modal opens with the click's trigger id, an input per field
    FakeSlackApi.Call open = slack.slack.await("views.open", c -> true);
    JsonNode view = open.json("view");
    String formId = view.path("callback_id").asText();
    assertThat(view.findValues("block_id"))
        .extracting(JsonNode::asText)
        .containsExactly(ReflectionFlow.FIELD_ANSWER, "next");

    // WHEN she submits her answers
    HttpResponse<String> submitted =
        slack.submit(
            SlackTestbed.MENTEE,
            formId,
            Map.of(
                ReflectionFlow.FIELD_ANSWER,
                "a private doubt 🤔",
                "next",
                "talk to &lt;maria&gt;"));

    // THEN the engine got them by field id, as she typed them
    assertThat(slack.received)
        .contains(
            new Inbound.FormSubmitted(
                SlackTestbed.user(SlackTestbed.MENTEE),
                formId,
                Map.of(
                    ReflectionFlow.FIELD_ANSWER, "a private doubt 🤔", "next", "talk to <maria>")));
    // AND the modal closes, and the question whether to share arrives in her DM with its buttons
    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(submitted.body()).isEmpty();
    FakeSlackApi.Call share =
        slack.slack.await(
            "chat.postMessage",
            c ->
                c.params().get("channel").equals("DUALICE")
                    && c.params().get("text").startsWith("Saved."));
    JsonNode keep = button(share.json("blocks"), ReflectionFlow.PRIVATE);

    // WHEN she keeps it private
    slack.click(SlackTestbed.MENTEE, ReflectionFlow.PRIVATE, keep.path("value").asText());

    // THEN she is told so, privately, and Maria hears nothing of it
    FakeSlackApi.Call kept =
        slack.slack.await("response_url", c -> c.shownText(null).startsWith("Kept private."));
    assertThat(kept.bodyJson().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(slack.slack.calls("chat.postMessage"))
        .noneSatisfy(c -> assertThat(c.params().get("text")).contains("a private doubt"));
  }

  /** The button with {@code actionId} among a message's (or an ack's) blocks. */
  private static JsonNode button(JsonNode messageOrBlocks, String actionId) {
    for (JsonNode element : messageOrBlocks.findValues("elements")) {
      for (JsonNode candidate : element) {
        if (candidate.path("action_id").asText().equals(actionId)) {
          return candidate;
        }
      }
    }
    throw new AssertionError("No button " + actionId + " in " + messageOrBlocks);
  }

  @Test
  @DisplayName("A button that opens a form opens it directly from the click, without the engine")
  void openFormButtonOpensTheModal() throws Exception {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().manualOutbox());
    // GIVEN a prompt in Alice's DM with a button that opens the reflection
    Message prompt =
        new Message(
            "Time for your weekly reflection.",
            List.of(
                new Action.OpenForm("reflect:open", "Answer now", REFLECTION),
                new Action.Button("reflect:snooze", "Tomorrow", "1d", false)));
    slack
        .adapter
        .gateway()
        .deliver(new ConversationRef.Direct(SlackTestbed.user(SlackTestbed.MENTEE)), prompt);
    JsonNode buttons = slack.slack.calls("chat.postMessage").get(0).json("blocks").get(1);
    JsonNode open = buttons.path("elements").get(0);
    assertThat(open.path("action_id").asText()).isEqualTo("reflect:open");
    assertThat(buttons.path("elements").get(1).path("value").asText()).isEqualTo("1d");

    // WHEN she clicks "Answer now"
    slack.click(SlackTestbed.MENTEE, "reflect:open", open.path("value").asText());

    // THEN the modal opens, and the engine was not needed for it
    FakeSlackApi.Call opened = slack.slack.await("views.open", c -> true);
    assertThat(opened.json("view").path("callback_id").asText()).isEqualTo("reflection:2026-W10");
    assertThat(slack.slack.calls("views.open")).hasSize(1);
    assertThat(slack.received).isEmpty();

    // WHEN she clicks "Tomorrow"
    slack.click(SlackTestbed.MENTEE, "reflect:snooze", "1d");

    // THEN the engine gets the action id and value, and its answer comes as an ephemeral reply
    FakeSlackApi.Call reply = slack.slack.await("response_url", c -> true);
    assertThat(slack.received)
        .containsExactly(
            new Inbound.ActionInvoked(
                SlackTestbed.user(SlackTestbed.MENTEE), "reflect:snooze", "1d"));
    assertThat(reply.bodyJson().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(reply.shownText(null)).isNotBlank();
  }

  @Test
  @DisplayName(
      "While the engine's work after acks is held back for Slack to go quiet, a modal submission is"
          + " still answered inside its own ack, and the held command is answered afterwards")
  void submissionsNeverWaitForOtherAcks() throws Exception {
    // GIVEN work after an ack waits for 2 s of quiet from Slack
    slack =
        new SlackTestbed(
            SlackTestbed.Options.defaults()
                .limits(
                    new WorkLimits(
                        4, 100, 2, 8, 100, Duration.ofSeconds(2), Duration.ofSeconds(2))));
    Map<String, String> win =
        slack.commandPayload(SlackTestbed.MENTOR, "/win", "held win", "C0GENERAL");
    assertThat(slack.post(SlackTestbed.formEncode(win), "application/x-www-form-urlencoded").body())
        .isEmpty();

    // WHEN Alice submits a form right after Maria's win
    HttpResponse<String> submitted =
        slack.submit(SlackTestbed.MENTEE, REFLECTION.id(), Map.of("progress", "an answer"));

    // THEN the engine took the submission inside its ack, while the win still waits
    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(slack.received).hasSize(1);
    assertThat(slack.received.get(0)).isInstanceOf(Inbound.FormSubmitted.class);
    // AND the win is logged and answered once Slack has been quiet
    assertThat(SlackTestbed.shown(slack.awaitReply(win.get("response_url"))))
        .contains("Win logged");
  }

  @Test
  @DisplayName(
      "A member's modal submission right after their own held command runs after it, still"
          + " inside the submission's ack")
  void submissionKeepsTheMembersOrder() throws Exception {
    // GIVEN work after an ack waits for 2 s of quiet from Slack
    slack =
        new SlackTestbed(
            SlackTestbed.Options.defaults()
                .limits(
                    new WorkLimits(
                        4, 100, 2, 8, 100, Duration.ofSeconds(2), Duration.ofSeconds(2))));
    Map<String, String> win =
        slack.commandPayload(SlackTestbed.MENTEE, "/win", "held win", "C0GENERAL");
    assertThat(slack.post(SlackTestbed.formEncode(win), "application/x-www-form-urlencoded").body())
        .isEmpty();

    // WHEN Alice submits a form right after her win
    long started = System.nanoTime();
    HttpResponse<String> submitted =
        slack.submit(SlackTestbed.MENTEE, REFLECTION.id(), Map.of("progress", "an answer"));

    // THEN her win went to the engine first, and her submission right after, inside its ack
    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    assertThat(slack.received)
        .map(i -> i.getClass().getSimpleName())
        .containsExactly("Command", "FormSubmitted");
    assertThat(SlackTestbed.shown(slack.awaitReply(win.get("response_url"))))
        .contains("Win logged");
  }

  @Test
  @DisplayName("When the database stalls, Slack still gets its ack at once and the reply follows")
  void slowEngineAcksFirstAndRepliesLater() {
    // GIVEN a database that takes 1.5 s per transaction
    slack =
        new SlackTestbed(
            SlackTestbed.Options.defaults().store(store -> slow(store, Duration.ofMillis(1500))));

    // WHEN Alice logs a win
    long started = System.nanoTime();
    HttpResponse<String> ack = slack.command(SlackTestbed.MENTEE, "/win", "patient win");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // THEN the ack comes back empty, well inside 3 seconds
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).isEmpty();
    assertThat(took).isLessThan(Duration.ofMillis(1000));
    // AND the reply arrives afterwards through the response_url, shown only to her
    FakeSlackApi.Call late = slack.slack.await("response_url", c -> true);
    assertThat(late.bodyJson().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(late.shownText(null)).contains("Win logged");
    assertThat(slack.metrics.value("nudge_slack_deferred_replies_total")).isEqualTo(1);
  }

  @Test
  @DisplayName("A form that comes too late for its trigger id arrives as a button that opens it")
  void lateFormBecomesAButton() {
    // GIVEN forms must be open 400 ms after the command, and the database takes 800 ms
    slack =
        new SlackTestbed(
            SlackTestbed.Options.defaults()
                .withCommands(new OpensAForm())
                .timing(new AckTiming(Duration.ofMillis(100), Duration.ofMillis(400)))
                .store(store -> slow(store, Duration.ofMillis(800))));

    HttpResponse<String> ack = slack.command(SlackTestbed.MENTEE, "/formtest", "");
    assertThat(ack.body()).isEmpty();

    FakeSlackApi.Call late = slack.slack.await("response_url", c -> true);
    JsonNode button = late.bodyJson().path("blocks").findValues("elements").get(0).get(0);
    assertThat(button.path("action_id").asText()).isEqualTo("reflection:2026-W10");
    assertThat(FormCodec.decode(button.path("value").asText())).contains(REFLECTION);
    assertThat(slack.slack.calls("views.open")).isEmpty();
  }

  @Test
  @DisplayName("If views.open fails, the form is offered as a button in the ephemeral reply")
  void failedViewsOpenFallsBack() {
    slack = new SlackTestbed(SlackTestbed.Options.defaults().withCommands(new OpensAForm()));
    slack.slack.failNext("views.open", "expired_trigger_id");

    JsonNode reply = slack.replyTo(SlackTestbed.MENTEE, "/formtest", "");

    assertThat(reply.findValues("action_id")).isNotEmpty();
    assertThat(reply.findValues("action_id").get(0).asText()).isEqualTo("reflection:2026-W10");
  }

  @Test
  @DisplayName(
      "When the engine's queue is full, Slack still gets its ack and the member is told to try"
          + " again, with what they typed")
  void fullQueueTurnsAwayWithASentence() throws Exception {
    // GIVEN one engine worker with room for one more in its queue, and a database that hangs
    CountDownLatch database = new CountDownLatch(1);
    slack =
        new SlackTestbed(
            SlackTestbed.Options.defaults()
                .manualOutbox()
                .limits(new WorkLimits(1, 1, 1, 4, 100, Duration.ZERO, Duration.ZERO))
                .store(store -> gated(store, database)));
    try {
      // WHEN three wins arrive: one for the worker, one for the queue, one too many
      List<Map<String, String>> wins = new ArrayList<>();
      for (String text : List.of("first win", "second win", "third win")) {
        if (text.equals("second win")) {
          awaitReceived(1); // the worker has the first
        }
        Map<String, String> win =
            slack.commandPayload(SlackTestbed.MENTEE, "/win", text, "C0GENERAL");
        wins.add(win);
        long started = System.nanoTime();
        HttpResponse<String> ack =
            slack.post(SlackTestbed.formEncode(win), "application/x-www-form-urlencoded");
        // THEN each is acked at once and empty, the database notwithstanding
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofMillis(1000));
      }

      // AND the third is answered through its response_url: too busy, nothing saved, echoed back
      String busy = SlackTestbed.shown(slack.awaitReply(wins.get(2).get("response_url")));
      assertThat(busy).contains("too busy").contains("nothing was saved");
      assertThat(busy).contains("You typed: /win third win");
      assertThat(slack.metrics.value("nudge_slack_overloaded_total")).isEqualTo(1);
      assertThat(slack.metrics.value("nudge_slack_engine_queue")).isEqualTo(1);

      // WHEN the database comes back
      database.countDown();

      // THEN the first two are logged and answered, and the third never reached the engine
      for (Map<String, String> win : wins.subList(0, 2)) {
        assertThat(SlackTestbed.shown(slack.awaitReply(win.get("response_url"))))
            .contains("Win logged");
      }
      assertThat(slack.received)
          .map(i -> ((Inbound.Command) i).text())
          .containsExactly("first win", "second win");
    } finally {
      database.countDown();
    }
  }

  @Test
  @DisplayName("A button that carries its form opens it while the engine is stuck on the database")
  void formButtonOpensWhileTheDatabaseHangs() throws Exception {
    CountDownLatch database = new CountDownLatch(1);
    slack =
        new SlackTestbed(
            SlackTestbed.Options.defaults()
                .manualOutbox()
                .limits(new WorkLimits(1, 1, 1, 4, 100, Duration.ZERO, Duration.ZERO))
                .store(store -> gated(store, database)));
    try {
      // GIVEN the one engine worker is stuck on a win and another waits behind it
      slack.command(SlackTestbed.MENTEE, "/win", "stuck win");
      slack.command(SlackTestbed.MENTEE, "/win", "queued win");

      // WHEN Alice clicks a button that opens the reflection
      String value = FormCodec.encode(REFLECTION).orElseThrow();
      HttpResponse<String> ack = slack.click(SlackTestbed.MENTEE, "reflect:open", value);

      // THEN the click is acked and the modal opens, without waiting for the engine
      assertThat(ack.statusCode()).isEqualTo(200);
      FakeSlackApi.Call open = slack.slack.await("views.open", c -> true);
      assertThat(open.json("view").path("callback_id").asText()).isEqualTo("reflection:2026-W10");
    } finally {
      database.countDown();
    }
  }

  private void awaitReceived(int count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (slack.received.size() < count && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(slack.received).hasSize(count);
  }

  /** A store whose transactions wait until {@code open} is counted down, like a hung database. */
  static Store gated(Store store, CountDownLatch open) {
    return new Store() {
      @Override
      public <T> T inTransaction(Function<Tx, T> work) {
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return store.inTransaction(work);
      }
    };
  }

  /** A store whose every transaction first waits, like a database under a long lock. */
  static Store slow(Store store, Duration delay) {
    return new Store() {
      @Override
      public <T> T inTransaction(Function<Tx, T> work) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return store.inTransaction(work);
      }
    };
  }
}
