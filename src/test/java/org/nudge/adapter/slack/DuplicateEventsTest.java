package org.nudge.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.http.Metrics;

@DisplayName("Re-delivered Slack events are skipped before anything is queued")
class DuplicateEventsTest {

  private final Metrics metrics = new Metrics();
  private final List<String> handled = new ArrayList<>();
  private final DuplicateEvents duplicates =
      new DuplicateEvents(metrics.counter("duplicates", "test"), 2);

  @Test
  @DisplayName("The second copy of an event is acked and not handed on")
  void secondCopyIsAcked() throws Exception {
    assertThat(deliver("Ev1", 200).getStatusCode()).isEqualTo(200);
    assertThat(deliver("Ev1", 200).getStatusCode()).isEqualTo(200);

    assertThat(handled).containsExactly("Ev1");
    assertThat(metrics.value("duplicates")).isEqualTo(1);
  }

  @Test
  @DisplayName("An event its listener did not ack (too busy: 500) is read again when Slack resends")
  void unackedEventIsReadAgain() throws Exception {
    assertThat(deliver("Ev1", 500).getStatusCode()).isEqualTo(500);
    assertThat(deliver("Ev1", 200).getStatusCode()).isEqualTo(200);

    assertThat(handled).containsExactly("Ev1", "Ev1");
    assertThat(metrics.value("duplicates")).isZero();
  }

  @Test
  @DisplayName("Memory is bounded: the oldest ids are forgotten (the database still knows them)")
  void forgetsTheOldest() throws Exception {
    deliver("Ev1", 200);
    deliver("Ev2", 200);
    deliver("Ev3", 200);
    deliver("Ev1", 200);

    assertThat(handled).containsExactly("Ev1", "Ev2", "Ev3", "Ev1");
  }

  @Test
  @DisplayName("The event id is read from the envelope's top level only")
  void readsTheTopLevelId() {
    assertThat(
            DuplicateEvents.eventId(
                "{\"event\":{\"event_id\":\"inner\",\"x\":[1,{\"a\":2}]},\"event_id\":\"Ev9\"}"))
        .isEqualTo("Ev9");
    assertThat(DuplicateEvents.eventId("{\"event\":{\"event_id\":\"inner\"}}")).isNull();
    assertThat(DuplicateEvents.eventId("not json")).isNull();
  }

  private Response deliver(String eventId, int status) throws Exception {
    String body =
        "{\"type\":\"event_callback\",\"event_id\":\""
            + eventId
            + "\",\"event\":{\"type\":\"message\",\"text\":\"hi\"}}";
    EventRequest request = new EventRequest(body, new RequestHeaders(Map.of()));
    return duplicates.apply(
        request,
        Response.builder().build(),
        req -> {
          handled.add(eventId);
          return Response.builder().statusCode(status).build();
        });
  }
}
