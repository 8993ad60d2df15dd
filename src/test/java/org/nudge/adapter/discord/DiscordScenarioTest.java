package org.nudge.adapter.discord;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.scenario.EnrolmentScenario;
import org.nudge.scenario.MentoringScenario;

@DisplayName("The shared mentoring scenario on Discord")
class DiscordScenarioTest {

  @Test
  @DisplayName("a lead creates a program and a pair, the mentee logs a win, and the mentor is told")
  void firstWeek() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness()) {
      MentoringScenario.run(new DiscordChatDriver(nudge));
    }
  }

  @Test
  @DisplayName("people enrol in a modal and by typed words, and the lead matches and confirms")
  void enrolment() throws Exception {
    try (DiscordHarness nudge = new DiscordHarness()) {
      EnrolmentScenario.run(new DiscordChatDriver(nudge));
    }
  }
}
