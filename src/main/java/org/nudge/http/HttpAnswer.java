package org.nudge.http;

import java.util.List;
import java.util.Map;

/** What a route answers: a status, a content type, extra headers and a UTF-8 body. */
public record HttpAnswer(
    int status, String contentType, Map<String, List<String>> headers, String body) {

  public HttpAnswer {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    body = body == null ? "" : body;
    contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
  }

  public static HttpAnswer text(int status, String body) {
    return new HttpAnswer(status, "text/plain; charset=utf-8", Map.of(), body);
  }
}
