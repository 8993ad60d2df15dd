package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Slack pair spaces: a group DM per pair, and DMs when Slack refuses")
class SlackPairSpaceTest {

  private static final String GROUP = "GUMARIAUALICE";
  private SlackTestbed slack;

  @AfterEach
  void stop() {
    if (slack != null) {
      slack.close();
    }
  }

  private void groupProgram() {
    slack = new SlackTestbed();
    slack.slack.user("UDAVE", "Dave", "Europe/Berlin");
    slack.slack.user("UCARL", "Carl", "Europe/Berlin");
    slack.shownTo(SlackTestbed.LEAD, "/nudge", "program create Spring <#C0PROGRAM|mentoring>");
    assertThat(slack.shownTo(SlackTestbed.LEAD, "/nudge", "program space Spring group"))
        .contains("Each new pair in Spring will get a shared space");
  }

  private void pair(String mentor, String mentee) {
    assertThat(
            slack.shownTo(
                SlackTestbed.LEAD, "/nudge", "pair <@" + mentor + "> <@" + mentee + "> Spring"))
        .contains("Paired");
  }

  private List<FakeSlackApi.Call> groupOpenings() {
    return slack.slack.calls("conversations.open").stream()
        .filter(c -> c.params().get("users").contains(","))
        .toList();
  }

  private List<String> postsTo(String channel) {
    return slack.slack.calls("chat.postMessage").stream()
        .filter(c -> c.params().get("channel").equals(channel))
        .map(c -> c.params().get("text"))
        .toList();
  }

  @Test
  @DisplayName("the welcome and a check-in reminder go to one group DM of the two and Nudge")
  void groupDm() {
    // GIVEN a program with group spaces; WHEN the lead pairs Maria with Alice
    groupProgram();
    pair(SlackTestbed.MENTOR, SlackTestbed.MENTEE);

    // THEN Nudge opens the group DM of both (Slack adds the bot) and welcomes them there
    FakeSlackApi.Call welcome =
        slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals(GROUP));
    assertThat(welcome.params().get("text")).startsWith("👋 Welcome, Maria and Alice!");
    assertThat(groupOpenings())
        .singleElement()
        .satisfies(c -> assertThat(c.params().get("users")).isEqualTo("UMARIA,UALICE"));

    // WHEN the pair goes 16 days without a check-in
    slack.advance(Duration.ofDays(16));

    // THEN the reminders are posted to the same group DM, which is not opened again
    assertThat(postsTo(GROUP))
        .anySatisfy(t -> assertThat(t).startsWith("⏰ Alice, it's been"))
        .anySatisfy(t -> assertThat(t).startsWith("⏰ Maria, you and Alice"));
    assertThat(groupOpenings()).hasSize(1);
    // AND nothing of the welcome or the reminders went to their own DMs
    assertThat(postsTo("DUALICE")).noneMatch(t -> t.startsWith("👋") || t.startsWith("⏰"));
    assertThat(postsTo("DUMARIA")).noneMatch(t -> t.startsWith("👋") || t.startsWith("⏰"));
  }

  @Test
  @DisplayName(
      "without mpim:write, both members are welcomed by DM and the lead is told once for two"
          + " pairs")
  void missingScope() {
    groupProgram();
    String missing =
        "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"mpim:write\","
            + "\"provided\":\"chat:write,im:write,commands\"}";

    // WHEN Slack refuses the group DMs of two pairs for a missing scope
    slack.slack.answerGroupDms(missing);
    pair(SlackTestbed.MENTOR, SlackTestbed.MENTEE);
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUALICE"));
    pair("UDAVE", "UCARL");
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals("DUCARL"));
    slack.dispatcher.drain();

    // THEN each of the four got the welcome in their own DM
    for (String dm : List.of("DUMARIA", "DUALICE", "DUDAVE", "DUCARL")) {
      slack.slack.await(
          "chat.postMessage",
          c ->
              c.params().get("channel").equals(dm)
                  && c.params().get("text").startsWith("👋 Welcome, "));
    }
    // AND the lead was told once what to grant
    assertThat(postsTo("DULEAD"))
        .filteredOn(t -> t.startsWith("I couldn't open"))
        .singleElement()
        .asString()
        .contains("add the `mpim:write` scope to the Slack app and reinstall it")
        .contains("Until then I'll keep using direct messages");

    // WHEN the first pair is overdue, its reminders go straight to DMs
    slack.advance(Duration.ofDays(16));
    assertThat(postsTo("DUALICE")).anyMatch(t -> t.startsWith("⏰ It's been"));
    assertThat(groupOpenings()).hasSize(2);
  }

  @Test
  @DisplayName("what members type in their group DM is not taken as an answer to Nudge")
  void groupMessagesIgnored() {
    groupProgram();
    pair(SlackTestbed.MENTOR, SlackTestbed.MENTEE);
    slack.slack.await("chat.postMessage", c -> c.params().get("channel").equals(GROUP));
    int before = slack.received.size();

    assertThat(
            slack
                .event(
                    slack.messageEvent(
                        SlackTestbed.MENTEE, "Ev0MPIM", "see you thursday?", GROUP, "mpim"),
                    null)
                .statusCode())
        .isEqualTo(200);
    slack.dispatcher.drain();

    assertThat(slack.received).hasSize(before);
    assertThat(postsTo("DUALICE")).isEmpty();
  }
}
