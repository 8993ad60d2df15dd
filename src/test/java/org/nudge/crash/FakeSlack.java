package org.nudge.crash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Slack's Web API as far as the crash test needs it, on loopback, outliving every Nudge process it
 * serves: {@code auth.test}, {@code users.info}, {@code conversations.open} (the DM channel with
 * {@code U…} is {@code DU…}), {@code chat.postMessage}, and the {@code response_url}s of slash
 * commands. It records every post and every reply as it arrives, which is what members would see.
 */
final class FakeSlack implements AutoCloseable {

  static final String TEAM = "T0CRASH";
  private static final String RESPOND = "/respond/";

  /** A {@code chat.postMessage}: the channel and the text a member reads (fallback and blocks). */
  record Post(String channel, String text, long atNanos) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Queue<Post> posts = new ConcurrentLinkedQueue<>();
  private final Map<String, String> replies = new ConcurrentHashMap<>();
  private final Map<String, Integer> otherCalls = new ConcurrentHashMap<>();
  private final String counted;
  private final Set<String> reached = ConcurrentHashMap.newKeySet();

  /**
   * @param counted a phrase whose posts are counted by conversation as they arrive ({@link
   *     #reached}), so a test can follow a fan-out without reading every post again
   */
  FakeSlack(String counted) throws IOException {
    this.counted = counted;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /** What {@code SLACK_API_URL} points at. */
  String apiUrl() {
    return base() + "/api/";
  }

  /** A {@code response_url} whose first reply {@link #reply} returns. */
  String responseUrl(String id) {
    return base() + RESPOND + id;
  }

  /** The first reply posted to the response_url {@code id}, or null while there is none. */
  String reply(String id) {
    return replies.get(id);
  }

  /** Every post so far, in the order they arrived. */
  List<Post> posts() {
    return List.copyOf(posts);
  }

  int postCount() {
    return posts.size();
  }

  /** How many conversations got a post with the counted phrase. */
  int reached() {
    return reached.size();
  }

  /** How often each method other than {@code chat.postMessage} was called (for failures). */
  Map<String, Integer> otherCalls() {
    return Map.copyOf(otherCalls);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    long received = System.nanoTime();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String answer;
      if (path.startsWith(RESPOND)) {
        replies.putIfAbsent(path.substring(RESPOND.length()), body);
        answer = "ok";
      } else {
        String method = path.substring(path.lastIndexOf('/') + 1);
        Map<String, String> form = form(body);
        answer = answer(method, form, received);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private String answer(String method, Map<String, String> form, long received) {
    if (method.equals("chat.postMessage")) {
      String channel = form.getOrDefault("channel", "");
      String text = form.getOrDefault("text", "") + "\n" + form.getOrDefault("blocks", "");
      posts.add(new Post(channel, text, received));
      if (text.contains(counted)) {
        reached.add(channel);
      }
      return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000.000100\"}";
    }
    otherCalls.merge(method, 1, Integer::sum);
    return switch (method) {
      case "auth.test" ->
          "{\"ok\":true,\"url\":\"https://crash.slack.com/\",\"team\":\"Crash\",\"user\":\"nudge\","
              + "\"team_id\":\""
              + TEAM
              + "\",\"user_id\":\"UNUDGE\",\"bot_id\":\"BNUDGE\"}";
      case "conversations.open" ->
          "{\"ok\":true,\"channel\":{\"id\":\"D" + form.get("users") + "\"}}";
      case "users.info" ->
          "{\"ok\":true,\"user\":{\"id\":\""
              + form.get("user")
              + "\",\"team_id\":\""
              + TEAM
              + "\",\"name\":\"member\",\"tz\":\"UTC\",\"profile\":{\"display_name\":\"Member\"}}}";
      default -> "{\"ok\":true}";
    };
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new HashMap<>();
    if (body.isEmpty() || body.startsWith("{")) {
      return values;
    }
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      values.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
