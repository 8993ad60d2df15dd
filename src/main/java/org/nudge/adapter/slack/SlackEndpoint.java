package org.nudge.adapter.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nudge.http.HttpAnswer;
import org.nudge.http.HttpCall;
import org.nudge.http.Route;

/**
 * {@code POST /slack/events}: hands the raw request to Bolt's transport-free core ({@link
 * SlackRequestParser} then {@link App#run}), which verifies the signature and timestamp (401
 * otherwise) before any listener runs, and returns Bolt's answer as it is.
 */
final class SlackEndpoint implements Route {

  static final String PATH = "/slack/events";

  private final App app;
  private final SlackRequestParser parser;
  private final AcksFirst acks;

  /** An endpoint whose acks go first: {@code acks} learns when each request is being acked. */
  SlackEndpoint(App app, AcksFirst acks) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.acks = acks;
  }

  @Override
  public HttpAnswer handle(HttpCall call) throws Exception {
    acks.acking();
    try {
      return ack(call);
    } finally {
      acks.acked();
    }
  }

  private HttpAnswer ack(HttpCall call) throws Exception {
    SlackRequestParser.HttpRequest raw =
        SlackRequestParser.HttpRequest.builder()
            .requestUri(call.path())
            .queryString(query(call.query()))
            .requestBody(call.body())
            .headers(new RequestHeaders(call.headers()))
            .remoteAddress(call.remoteAddress())
            .build();
    Request<?> request = parser.parse(raw);
    if (request == null) {
      return HttpAnswer.text(400, "not a Slack request\n");
    }
    Response response = app.run(request);
    return new HttpAnswer(
        response.getStatusCode(),
        response.getContentType(),
        response.getHeaders(),
        response.getBody());
  }

  private static Map<String, List<String>> query(String query) {
    Map<String, List<String>> values = new HashMap<>();
    if (query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
      String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return values;
  }
}
