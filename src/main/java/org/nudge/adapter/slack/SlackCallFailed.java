package org.nudge.adapter.slack;

import java.time.Duration;

/**
 * A Slack Web API call that did not succeed, already sorted: whether trying again later can help,
 * and how long Slack asked us to wait. The message is Slack's error code or the HTTP status, never
 * a request or response body (those carry tokens and people's words).
 */
final class SlackCallFailed extends Exception {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String error;
  private final boolean transientFailure;
  private final Duration retryAfter;

  SlackCallFailed(String method, String error, boolean transientFailure, Duration retryAfter) {
    super(method + ": " + error);
    this.method = method;
    this.error = error;
    this.transientFailure = transientFailure;
    this.retryAfter = retryAfter;
  }

  /** The Web API method, e.g. {@code chat.postMessage}. */
  String method() {
    return method;
  }

  /** Slack's error code ({@code channel_not_found}), {@code http_503}, or {@code io}. */
  String error() {
    return error;
  }

  /** True when the same call may work later (rate limits, Slack's 5xx, network trouble). */
  boolean isTransient() {
    return transientFailure;
  }

  /** What Slack's {@code Retry-After} header asked for, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
