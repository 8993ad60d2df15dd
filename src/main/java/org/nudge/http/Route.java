package org.nudge.http;

/** Serves one method and path of the {@link HttpHost}. */
@FunctionalInterface
public interface Route {

  /** Answers one call; an exception becomes a 500 without its message reaching the client. */
  HttpAnswer handle(HttpCall call) throws Exception;
}
