package org.nudge.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nudge.adapter.discord.DiscordHarness.ALICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;

/**
 * Buttons, menus, modals and DM text, shaped like the weekly reflection the engine is getting: a
 * prompt with a button that opens a short form, an answer typed in the DM, a share choice.
 */
@DisplayName("Discord interactions")
class DiscordInteractionsTest {

  private static final Form REFLECTION =
      new Form(
          "reflect:2026-W10",
          "This week's reflection",
          "Save",
          List.of(
              new Form.Field("answer", "What moved you forward this week?", true, true, 3000, null),
              new Form.Field("next", "What will you try next?", false, false, 500, "")));

  private DiscordHarness nudge;

  @BeforeEach
  void start() throws Exception {
    nudge = new DiscordHarness();
  }

  @AfterEach
  void stop() throws Exception {
    nudge.close();
  }

  @Test
  @DisplayName(
      "buttons and a choice come as components, and a click reaches the engine with its value")
  void buttonsAndChoices() throws Exception {
    // GIVEN the engine answers /reflect with a message carrying a button and a choice
    nudge.answerWith(
        in ->
            in instanceof Inbound.Command c && c.name().equals("reflect")
                ? Reply.of(
                    new Message(
                        "Ready for this week's *reflection*?",
                        List.of(
                            new Action.Button("reflect:start", "Start", "2026-W10", true),
                            new Action.Button("reflect:skip", "Skip this week", "2026-W10", false),
                            new Action.Choice(
                                "reflect:share",
                                "Share with your mentor?",
                                List.of(
                                    new Action.Option("yes", "Yes, share it"),
                                    new Action.Option("no", "Keep it private"))))))
                : null);
    // WHEN Alice types /reflect
    String id = nudge.slash(ALICE, "reflect", null, null, Map.of());
    // THEN she sees the text as the engine wrote it (Discord reads its markdown), two buttons and
    // a menu
    JsonNode data = nudge.callback(id).get("data");
    assertThat(data.get("content").asText()).isEqualTo("Ready for this week's *reflection*?");
    JsonNode rows = data.get("components");
    assertThat(rows).hasSize(2);
    JsonNode start = rows.get(0).get("components").get(0);
    assertThat(start.get("label").asText()).isEqualTo("Start");
    assertThat(start.get("style").asInt()).as("primary").isEqualTo(1);
    JsonNode menu = rows.get(1).get("components").get(0);
    assertThat(menu.get("options")).hasSize(2);

    // WHEN she clicks Start
    String click = nudge.button(ALICE, start.get("custom_id").asText(), true);
    nudge.callback(click);
    // THEN the engine gets the action with its value
    assertThat(nudge.inputs.get(nudge.inputs.size() - 1))
        .isEqualTo(new Inbound.ActionInvoked(userRef(), "reflect:start", "2026-W10"));

    // WHEN she picks "Keep it private"
    String pick = nudge.select(ALICE, menu.get("custom_id").asText(), "no");
    nudge.callback(pick);
    // THEN the engine gets the choice
    assertThat(nudge.inputs.get(nudge.inputs.size() - 1))
        .isEqualTo(new Inbound.ActionInvoked(userRef(), "reflect:share", "no"));
  }

  @Test
  @DisplayName(
      "a reply with a form opens it as a modal at once, and the submission reaches the engine")
  void formAsModal() throws Exception {
    // GIVEN the engine answers /reflect with the reflection form
    nudge.answerWith(
        in ->
            in instanceof Inbound.Command c && c.name().equals("reflect")
                ? Reply.openForm(REFLECTION)
                : null);
    // WHEN Alice types /reflect
    String id = nudge.slash(ALICE, "reflect", null, null, Map.of());
    // THEN the first response is the modal, with both questions
    JsonNode callback = nudge.callback(id);
    assertThat(callback.get("type").asInt()).as("MODAL").isEqualTo(9);
    JsonNode modal = callback.get("data");
    assertThat(modal.get("title").asText()).isEqualTo("This week's reflection");
    assertThat(modal.get("components")).hasSize(2);
    assertThat(modal.get("components").get(0).get("label").asText())
        .isEqualTo("What moved you forward this week?");
    assertThat(modal.get("components").get(0).get("component").get("style").asInt())
        .as("paragraph")
        .isEqualTo(2);

    // WHEN she submits it
    String submit =
        nudge.modal(
            ALICE,
            modal.get("custom_id").asText(),
            Map.of(
                "answer",
                "I paired with <@!" + DiscordHarness.MARIA + "> on tests",
                "next",
                "ask for review"));
    nudge.callback(submit);
    // THEN the engine gets the values by field id, mentions in its tokens
    assertThat(nudge.inputs.get(nudge.inputs.size() - 1))
        .isEqualTo(
            new Inbound.FormSubmitted(
                userRef(),
                "reflect:2026-W10",
                Map.of(
                    "answer",
                    "I paired with <@" + DiscordHarness.MARIA + "> on tests",
                    "next",
                    "ask for review")));
  }

  @Test
  @DisplayName("a prompt's 'Answer' button opens the form straight away, without asking the engine")
  void formButtonOpensModal() throws Exception {
    // GIVEN Alice was sent a prompt with a button that opens the reflection form
    nudge.answerWith(
        in ->
            in instanceof Inbound.Command
                ? Reply.of(
                    Message.text("Your weekly reflection is here.")
                        .withActions(new Action.OpenForm("reflect:open", "Answer", REFLECTION)))
                : null);
    String id = nudge.slash(ALICE, "reflect", null, null, Map.of());
    String button =
        nudge
            .callback(id)
            .get("data")
            .get("components")
            .get(0)
            .get("components")
            .get(0)
            .get("custom_id")
            .asText();
    int before = nudge.inputs.size();
    // WHEN she clicks it
    String click = nudge.button(ALICE, button, false);
    // THEN the modal opens as the first response
    assertThat(nudge.callback(click).get("type").asInt()).isEqualTo(9);
    assertThat(nudge.inputs).hasSize(before);
  }

  @Test
  @DisplayName(
      "when the engine is slow, the interaction is deferred in time and the answer edits it later")
  void slowEngineIsDeferred() throws Exception {
    // GIVEN the engine takes longer than the reply budget
    nudge.answerWith(
        in -> {
          sleep(Duration.ofMillis(2200));
          return Reply.text("Took a while, but your win is logged.");
        });
    // WHEN Alice logs a win
    String id = nudge.slash(ALICE, "win", null, null, Map.of("text", "slow but sure"));
    // THEN Discord got a deferred, ephemeral acknowledgement within the budget
    JsonNode callback = nudge.callback(id);
    assertThat(callback.get("type").asInt()).as("DEFERRED_CHANNEL_MESSAGE").isEqualTo(5);
    assertThat(callback.get("data").get("flags").asInt() & 64).isEqualTo(64);
    // AND the answer arrives as an edit of the deferred message
    JsonNode edit =
        nudge
            .discord
            .await("PATCH", "webhooks/\\d+/token-" + id + "/messages/@original", 1)
            .get(0)
            .body();
    assertThat(edit.get("content").asText()).isEqualTo("Took a while, but your win is logged.");
  }

  @Test
  @DisplayName(
      "an answer typed in the DM reaches the engine as direct text, and its reply comes in the DM")
  void dmText() throws Exception {
    // WHEN Alice types in her DM with Nudge
    nudge.typeInDm(ALICE, "It went well, <@!" + DiscordHarness.MARIA + "> helped");
    // THEN the engine gets it as direct text from this server's Alice
    JsonNode reply =
        nudge
            .discord
            .await("POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages", 1)
            .get(0)
            .body();
    assertThat(nudge.inputs)
        .contains(
            new Inbound.DirectText(
                userRef(), "It went well, <@" + DiscordHarness.MARIA + "> helped"));
    // AND the engine's answer is posted in the DM
    assertThat(reply.get("content").asText()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
  }

  @Test
  @DisplayName("a form offered in answer to DM text comes as a button that opens it")
  void formInDmIsAButton() throws Exception {
    nudge.answerWith(in -> in instanceof Inbound.DirectText ? Reply.openForm(REFLECTION) : null);
    // WHEN Alice types in the DM and the engine wants to show the form
    nudge.typeInDm(ALICE, "reflect");
    // THEN a button opens it (a modal needs an interaction)
    JsonNode reply =
        nudge
            .discord
            .await("POST", "channels/" + FakeDiscord.dmChannel(ALICE) + "/messages", 1)
            .get(0)
            .body();
    JsonNode button = reply.get("components").get(0).get("components").get(0);
    assertThat(button.get("label").asText()).isEqualTo("This week's reflection");
    String click = nudge.button(ALICE, button.get("custom_id").asText(), false);
    assertThat(nudge.callback(click).get("type").asInt()).isEqualTo(9);
  }

  @Test
  @DisplayName("a click on a button from before a restart is answered, not left spinning")
  void unknownButton() throws Exception {
    String click = nudge.button(ALICE, "k|no-such-token", true);
    JsonNode callback = nudge.callback(click);
    assertThat(callback.get("data").get("content").asText())
        .isEqualTo("That button has expired; nothing was changed.");
  }

  @Test
  @DisplayName(
      "the weekly reflection end to end: /reflect shows buttons, Answer opens the form, the answer is saved")
  void reflectionWithTheRealEngine() throws Exception {
    // GIVEN Alice is Maria's mentee
    nudge.run(DiscordHarness.LEAD, "nudge", "program", "create", Map.of("name", "Spring"));
    nudge.run(
        DiscordHarness.LEAD,
        "nudge",
        null,
        "pair",
        new java.util.LinkedHashMap<>(
            Map.of(
                "mentor", DiscordHarness.user(DiscordHarness.MARIA),
                "mentee", DiscordHarness.user(ALICE))));
    // WHEN she asks for this week's reflection
    String id = nudge.slash(ALICE, "reflect", null, null, Map.of());
    JsonNode prompt = nudge.callback(id).get("data");
    // THEN she sees the question with an Answer button
    JsonNode answer = prompt.get("components").get(0).get("components").get(0);
    assertThat(answer.get("label").asText()).isEqualTo("Answer");
    // WHEN she clicks Answer
    String click = nudge.button(ALICE, answer.get("custom_id").asText(), true);
    // THEN the form opens as a modal, the whole question shown
    JsonNode modal = nudge.callback(click);
    assertThat(modal.get("type").asInt()).isEqualTo(9);
    assertThat(modal.get("data").get("components").size()).isBetween(2, 5);
    // WHEN she submits her answer
    String submit =
        nudge.modal(
            ALICE,
            modal.get("data").get("custom_id").asText(),
            Map.of("answer", "I led the retro for the first time", "next", "ask for feedback"));
    String reply = nudge.replyText(submit);
    // THEN it is saved, privately, and she is told so
    assertThat(reply).isNotBlank();
    var reflections =
        nudge.store.inTransaction(
            tx -> tx.reflections().by(tx.members().find(userRef()).orElseThrow().id()));
    assertThat(reflections)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.answer()).isEqualTo("I led the retro for the first time");
              assertThat(r.shared()).isFalse();
            });
  }

  private static org.nudge.engine.model.UserRef userRef() {
    return new org.nudge.engine.model.UserRef(DiscordAdapter.PLATFORM, FakeDiscord.GUILD_ID, ALICE);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
