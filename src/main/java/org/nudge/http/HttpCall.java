package org.nudge.http;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a route sees it: no server types leak out, so routes (the Slack endpoint)
 * stay testable and the server could be swapped without touching them.
 *
 * @param headers header names compare case-insensitively
 * @param query the raw query string, or an empty string
 * @param body the body decoded as UTF-8 (Slack signs the exact text it sends)
 */
public record HttpCall(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    String remoteAddress) {

  public HttpCall {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(copy);
    query = query == null ? "" : query;
    body = body == null ? "" : body;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
