package org.nudge.adapter.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nudge.http.HttpAnswer;
import org.nudge.http.HttpCall;
import org.nudge.http.Metrics;
import org.nudge.http.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}. First the signature and timestamp are checked ({@link
 * SlackSignatureCheck}); a request Slack did not sign gets 401 and nothing of it is read further or
 * logged. A signed one is sorted ({@link SlackTriage}) and, if Bolt can read it, handed to Bolt's
 * transport-free core ({@link SlackRequestParser} then {@link App#run}), whose answer goes back as
 * it is. Every other signed request gets an empty 200, since Slack retries anything else, and one
 * log line that says what kind of thing it was, not what it said.
 */
final class SlackEndpoint implements Route {

  static final String PATH = "/slack/events";

  private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);

  private final App app;
  private final SlackRequestParser parser;
  private final AcksFirst acks;
  private final SlackSignatureCheck signatures;
  private final Metrics.Counter unauthenticated;
  private final Metrics.Counter ignored;

  /**
   * An endpoint whose acks go first: {@code acks} learns when each request is being acked.
   *
   * @param clock the real time, for the signature's 5-minute window
   */
  SlackEndpoint(App app, AcksFirst acks, Clock clock, Metrics metrics) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.acks = acks;
    this.signatures = new SlackSignatureCheck(app.config().getSigningSecret(), clock);
    this.unauthenticated =
        metrics.counter(
            "nudge_slack_unauthenticated_total",
            "Requests to /slack/events refused with 401: unsigned, forged, stale or future-dated");
    this.ignored =
        metrics.counter(
            "nudge_slack_ignored_total",
            "Signed requests to /slack/events that Nudge can't read, acked and left alone");
  }

  /** An endpoint on the real clock with metrics of its own (the ack benchmark's bare app). */
  SlackEndpoint(App app, AcksFirst acks) {
    this(app, acks, Clock.systemUTC(), new Metrics());
  }

  @Override
  public HttpAnswer handle(HttpCall call) throws Exception {
    Optional<String> refused = signatures.refusal(call);
    if (refused.isPresent()) {
      unauthenticated.increment();
      log.info("Refused a request to {}: {}", PATH, refused.get());
      return HttpAnswer.text(401, "unauthenticated: " + refused.get() + "\n");
    }
    acks.acking();
    try {
      return ack(call);
    } finally {
      acks.acked();
    }
  }

  private HttpAnswer ack(HttpCall call) throws Exception {
    SlackTriage.Verdict verdict = SlackTriage.of(call.body());
    switch (verdict.kind()) {
      case RATE_LIMITED -> {
        log.warn(
            "Slack reports app_rate_limited for workspace {}: it is dropping Nudge's events for"
                + " the rest of this minute",
            verdict.why());
        return HttpAnswer.text(200, "");
      }
      case UNREADABLE -> {
        return ignored(verdict.why());
      }
      case BOLT -> {
        // Read below.
      }
    }
    Request<?> request;
    try {
      request = parser.parse(raw(call));
    } catch (RuntimeException e) {
      // A signed payload of a shape Bolt can't map (a field of the wrong type).
      return ignored(
          verdict.why() + " that Bolt could not read (" + e.getClass().getSimpleName() + ")");
    }
    if (request == null) {
      return ignored(verdict.why() + " that Bolt did not recognise");
    }
    Response response = app.run(request);
    return new HttpAnswer(
        response.getStatusCode(),
        response.getContentType(),
        response.getHeaders(),
        response.getBody());
  }

  private HttpAnswer ignored(String what) {
    ignored.increment();
    log.info("Acked and ignored a signed Slack request: {}", what);
    return HttpAnswer.text(200, "");
  }

  private static SlackRequestParser.HttpRequest raw(HttpCall call) {
    return SlackRequestParser.HttpRequest.builder()
        .requestUri(call.path())
        .queryString(query(call.query()))
        .requestBody(call.body())
        .headers(new RequestHeaders(call.headers()))
        .remoteAddress(call.remoteAddress())
        .build();
  }

  private static Map<String, List<String>> query(String query) {
    Map<String, List<String>> values = new HashMap<>();
    if (query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        // Slack adds no query string; a broken one is dropped rather than failing the request.
      }
    }
    return values;
  }
}
