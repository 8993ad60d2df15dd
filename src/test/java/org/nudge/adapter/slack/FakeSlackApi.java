package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for Slack's Web API on loopback: answers the methods Nudge calls like Slack does,
 * records every call (and every post to a {@code response_url} under {@code /respond/}), and can be
 * told to answer the next call of a method with an error, a 500 or a 429 with {@code Retry-After}.
 */
final class FakeSlackApi implements AutoCloseable {

  static final String TEAM = "T0TEST";
  static final String BOT_USER = "UNUDGEBOT";
  static final String BOT_TOKEN = "xoxb-test-bot-token-1234567890";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESPOND = "/respond/";

  /**
   * One recorded request. {@code params} are the form fields (Web API) or JSON (response_url);
   * {@code responseId} is the id in a response_url ({@link #responseUrl}), else null; {@code
   * receivedNanos} is {@link System#nanoTime()} when it arrived (the benchmark times replies).
   */
  record Call(
      String method,
      Map<String, String> params,
      String body,
      String authorization,
      String responseId,
      long receivedNanos) {
    JsonNode json(String param) {
      try {
        return JSON.readTree(params.get(param));
      } catch (IOException e) {
        throw new AssertionError(param + " is not JSON: " + params.get(param), e);
      }
    }

    JsonNode bodyJson() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** All text a user would read in a posted message: its sections, one after another. */
    String shownText(String blocksField) {
      JsonNode blocks = blocksField == null ? bodyJson().path("blocks") : json(blocksField);
      StringBuilder text = new StringBuilder();
      for (JsonNode block : blocks) {
        if (block.path("type").asText().equals("section")) {
          text.append(block.path("text").path("text").asText()).append('\n');
        }
      }
      return text.toString();
    }
  }

  private record Scripted(int status, String body, Map<String, String> headers) {}

  private final HttpServer server;
  // Not copy-on-write: the benchmark records thousands of replies while it measures.
  private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Queue<byte[]> uploadBytes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger uploadIds = new AtomicInteger(1000);
  private final Map<String, String> uploadNames = new ConcurrentHashMap<>();
  private final Map<String, String> uploadBodies =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
  private final Map<String, String[]> users = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Call>> responses = new ConcurrentHashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private volatile String socketModeUrl = "ws://127.0.0.1:1/";
  private volatile String groupDmAnswer;

  FakeSlackApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * From now on, {@code conversations.open} for two users or more (a group DM) answers {@code
   * body}, as Slack does while the app lacks a scope; one-person DMs still open.
   */
  void answerGroupDms(String body) {
    groupDmAnswer = body;
  }

  /** What {@code SLACK_API_URL} points at. */
  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** A {@code response_url} this fake records posts to. */
  String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + RESPOND + id;
  }

  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> fileNames = new ConcurrentHashMap<>();
  private final Map<String, String> emails = new ConcurrentHashMap<>();

  /** Who has each e-mail address (lower case), so a lookup costs no scan of everyone. */
  private final Map<String, String> byEmail = new ConcurrentHashMap<>();

  /**
   * A file someone shared: {@code files.info} describes it, and its {@code url_private_download} on
   * this fake serves {@code content} to requests with the bot token only.
   */
  void file(String id, String name, byte[] content) {
    files.put(id, content);
    fileNames.put(id, name);
  }

  /**
   * Tells {@code users.info}, {@code users.lookupByEmail} and {@code users.list} about a person.
   */
  void user(String id, String displayName, String timezone, String email) {
    user(id, displayName, timezone);
    emails.put(id, email);
    byEmail.put(email.toLowerCase(java.util.Locale.ROOT), id);
  }

  /** Tells {@code users.info} about a person. */
  void user(String id, String displayName, String timezone) {
    users.put(id, new String[] {displayName, timezone});
  }

  void socketModeUrl(String url) {
    this.socketModeUrl = url;
  }

  /** The next call of {@code method} gets this answer instead of the normal one. */
  void answerNext(String method, int status, String body, Map<String, String> headers) {
    scripted
        .computeIfAbsent(method, m -> new ArrayDeque<>())
        .add(new Scripted(status, body, headers));
  }

  /** Every call of {@code method} from now on is answered only after {@code delay}. */
  void slow(String method, Duration delay) {
    delays.put(method, delay);
  }

  void failNext(String method, String error) {
    answerNext(method, 200, "{\"ok\":false,\"error\":\"" + error + "\"}", Map.of());
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Calls other than the start-up {@code auth.test}. */
  List<Call> effects() {
    return calls.stream().filter(c -> !c.method().equals("auth.test")).toList();
  }

  /**
   * The first post to the response_url with {@code responseId}, once it arrives (the benchmark's
   * clients wait on it without scanning every call).
   */
  CompletableFuture<Call> response(String responseId) {
    return responses.computeIfAbsent(responseId, id -> new CompletableFuture<>());
  }

  /** Waits until a call matches, for replies sent after the ack. */
  Call await(String method, Predicate<Call> matching, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Call call : calls(method)) {
        if (matching.test(call)) {
          return call;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(
        "No " + method + " call matched within " + timeout + "; calls were " + calls);
  }

  Call await(String method, Predicate<Call> matching) {
    return await(method, matching, Duration.ofSeconds(5));
  }

  private void serve(HttpExchange exchange) throws IOException {
    long received = System.nanoTime();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String body = new String(raw, StandardCharsets.UTF_8);
      if (path.startsWith("/upload/")) {
        // A picture's bytes are not text: kept as sent, in the order the uploads came.
        uploadBytes.add(raw);
        uploadBodies.put(path.substring("/upload/".length()), body);
      }
      String method =
          path.startsWith("/api/")
              ? path.substring("/api/".length())
              : path.startsWith("/upload/")
                  ? "file_upload"
                  : path.startsWith("/files-pri/") ? "file_download" : "response_url";
      Map<String, String> params =
          body.startsWith("{") || path.startsWith("/upload/") ? Map.of() : form(body);
      String responseId = path.startsWith(RESPOND) ? path.substring(RESPOND.length()) : null;
      Call call =
          new Call(
              method,
              params,
              body,
              exchange.getRequestHeaders().getFirst("Authorization"),
              responseId,
              received);
      calls.add(call);
      if (responseId != null) {
        response(responseId).complete(call);
      }
      Duration delay = delays.get(method);
      if (delay != null) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Deque<Scripted> queue = scripted.get(method);
      Scripted answer = queue == null ? null : queue.poll();
      if (answer == null && method.equals("file_download")) {
        // Slack serves a private file only to its token; anything else gets a login page.
        String id = path.substring("/files-pri/".length()).split("/")[0];
        byte[] content = files.get(id);
        boolean authorized = ("Bearer " + BOT_TOKEN).equals(call.authorization());
        int status = content == null ? 404 : authorized ? 200 : 302;
        byte[] served = authorized && content != null ? content : new byte[0];
        exchange.sendResponseHeaders(status, served.length == 0 ? -1 : served.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(served);
        }
        return;
      }
      if (answer == null) {
        answer = new Scripted(200, normalAnswer(method, params), Map.of());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * Files uploaded with {@code files.uploadV2}, by name: each {@code files.getUploadURLExternal}
   * names the file, the upload that follows carries its bytes.
   */
  Map<String, String> uploadedFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    // Uploads from two threads may interleave, so each is matched to its name by its URL's id.
    synchronized (uploadBodies) {
      uploadBodies.forEach((id, body) -> files.put(uploadNames.get(id), body));
    }
    return files;
  }

  /** The bytes of each file upload (the step between the two files.*External calls), in order. */
  List<byte[]> uploadedBytes() {
    return List.copyOf(uploadBytes);
  }

  private String normalAnswer(String method, Map<String, String> params) {
    return switch (method) {
      case "auth.test" ->
          "{\"ok\":true,\"url\":\"https://nudge-test.slack.com/\",\"team\":\"Nudge Test\","
              + "\"user\":\"nudge\",\"team_id\":\""
              + TEAM
              + "\",\"user_id\":\""
              + BOT_USER
              + "\",\"bot_id\":\"BNUDGE\"}";
      // Two users or more: a group DM (an mpim; Slack adds the bot), the same one every time.
      case "conversations.open" ->
          params.get("users").contains(",") && groupDmAnswer != null
              ? groupDmAnswer
              : params.get("users").contains(",")
                  ? "{\"ok\":true,\"channel\":{\"id\":\"G"
                      + params.get("users").replace(",", "")
                      + "\",\"is_mpim\":true}}"
                  : "{\"ok\":true,\"channel\":{\"id\":\"D" + params.get("users") + "\"}}";
      case "chat.postMessage" ->
          "{\"ok\":true,\"channel\":\""
              + params.get("channel")
              + "\",\"ts\":\""
              + (1_700_000_000 + calls.size())
              + ".000100\"}";
      case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V0FORM\",\"type\":\"modal\"}}";
      case "files.getUploadURLExternal" -> {
        // files.uploadV2, step 1: an upload URL on this fake, named after the file.
        String id = "F" + uploadIds.incrementAndGet();
        uploadNames.put(id, params.get("filename"));
        yield "{\"ok\":true,\"file_id\":\""
            + id
            + "\",\"upload_url\":\"http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/upload/"
            + id
            + "\"}";
      }
      case "file_upload" -> "OK";
      case "files.completeUploadExternal" ->
          "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"name\":\"file\"}]}";
      case "users.info" -> userInfo(params.get("user"));
      case "users.lookupByEmail" ->
          java.util.Optional.ofNullable(
                  byEmail.get(params.getOrDefault("email", "").toLowerCase(java.util.Locale.ROOT)))
              .map(this::userInfo)
              .orElse("{\"ok\":false,\"error\":\"users_not_found\"}");
      case "users.list" -> usersList(params.get("limit"), params.get("cursor"));
      case "files.info" -> fileInfo(params.get("file"));
      case "bots.info" ->
          "{\"ok\":true,\"bot\":{\"id\":\""
              + params.get("bot")
              + "\",\"deleted\":false,\"name\":\"other bot\",\"app_id\":\"A0OTHER\","
              + "\"user_id\":\"U"
              + params.get("bot")
              + "\"}}";
      case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
      case "response_url" -> "ok";
      default -> "{\"ok\":true}";
    };
  }

  private String fileInfo(String id) {
    byte[] content = files.get(id);
    if (content == null) {
      return "{\"ok\":false,\"error\":\"file_not_found\"}";
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("id", id);
    file.put("name", fileNames.get(id));
    file.put("size", content.length);
    file.put("mimetype", "text/csv");
    file.put(
        "url_private_download",
        "http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/files-pri/"
            + id
            + "/download/"
            + fileNames.get(id));
    try {
      return JSON.writeValueAsString(Map.of("ok", true, "file", file));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Everyone this fake knows, by user id, {@code limit} a page (as Slack pages, with the next
   * page's cursor in {@code response_metadata}; here the cursor is the last id of the page).
   */
  private String usersList(String limit, String cursor) {
    try {
      int size = limit == null || limit.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(limit);
      java.util.NavigableSet<String> ids = new java.util.TreeSet<>(users.keySet());
      List<Object> members = new java.util.ArrayList<>();
      String last = null;
      for (String id : cursor == null || cursor.isEmpty() ? ids : ids.tailSet(cursor, false)) {
        if (members.size() == size) {
          break;
        }
        members.add(JSON.readTree(userInfo(id)).path("user"));
        last = id;
      }
      String next = last == null || last.equals(ids.isEmpty() ? null : ids.last()) ? "" : last;
      return JSON.writeValueAsString(
          Map.of("ok", true, "members", members, "response_metadata", Map.of("next_cursor", next)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String userInfo(String id) {
    String[] known = users.get(id);
    if (known == null) {
      return "{\"ok\":false,\"error\":\"user_not_found\"}";
    }
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", id);
    user.put("team_id", TEAM);
    user.put("name", known[0].toLowerCase(java.util.Locale.ROOT));
    user.put("real_name", known[0] + " Example");
    user.put("tz", known[1]);
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("display_name", known[0]);
    profile.put("real_name", known[0] + " Example");
    if (emails.containsKey(id)) {
      profile.put("email", emails.get(id));
    }
    user.put("profile", profile);
    try {
      return JSON.writeValueAsString(Map.of("ok", true, "user", user));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new LinkedHashMap<>();
    if (body.isEmpty()) {
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
  }
}
