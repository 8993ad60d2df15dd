package org.nudge.engine.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Form;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Reply;
import org.nudge.engine.wrapup.WrapUpFlow;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway;

@DisplayName("A mentee who volunteers at wrap-up enrols as a mentor with one button")
class WrapUpVolunteersTest {

  @Test
  @DisplayName("the volunteer's thanks carries Enrol as a mentor, which opens the join form")
  void volunteerEnrols() {
    try (Chat chat = new Chat().withPair()) {
      // GIVEN Spring takes enrolments, and alice's mentoring is wrapping up
      chat.say("lead", "/nudge program enrolment Spring open");
      chat.say("lead", "/nudge phase @maria @alice wrap-up");
      Message wrap = chat.lastDmTo("alice");

      // WHEN she says she'd like to mentor
      Reply thanks =
          chat.press("alice", WrapUpFlow.VOLUNTEER, Chat.button(wrap, "I'd like to mentor"));

      // THEN the thanks offers one button to enrol as a mentor
      assertThat(thanks.message().text()).startsWith("Wonderful!").contains("Enrol as a mentor");
      Reply opened =
          chat.press("alice", EnrolFlow.JOIN, Chat.button(thanks.message(), "Enrol as a mentor"));
      Form form = opened.form();
      assertThat(form.title()).isEqualTo("Join Spring");
      assertThat(form.fields()).extracting(Form.Field::id).contains("capacity");

      // AND submitting it enrols her as a mentor in Spring
      Reply saved =
          chat.send(
              new Inbound.FormSubmitted(
                  Chat.user("alice"), form.id(), Map.of("languages", "en", "capacity", "1")));
      assertThat(RecordingGateway.shown(saved.message().text()))
          .startsWith("You're enrolled in Spring as a mentor");
    }
  }
}
