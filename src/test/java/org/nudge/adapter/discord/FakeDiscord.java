package org.nudge.adapter.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord on loopback, for a real JDA to talk to: a REST server ({@code /api/v10/...}) that records
 * every call and can be told to fail the next matching one, and a gateway that says HELLO, accepts
 * IDENTIFY, sends READY and one GUILD_CREATE per server, then dispatches whatever a test sends. It
 * knows just enough of Discord's payloads for JDA to be satisfied; it is a fake, not a mock.
 */
final class FakeDiscord implements AutoCloseable {

  static final String BOT_ID = "100000000000000001";
  static final String APP_ID = "100000000000000002";
  static final String GUILD_ID = "200000000000000001";
  static final String GENERAL = "300000000000000001";
  static final String MENTORING = "300000000000000002";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DM_CHANNEL = Pattern.compile("9(\\d+)");

  /** One REST call as the fake received it. */
  record Call(String method, String path, JsonNode body) {
    boolean is(String m, String pathRegex) {
      return method.equals(m) && path.matches(pathRegex);
    }
  }

  private record Failure(
      String method, String pathRegex, int status, String body, String retryAfter) {}

  private final HttpServer rest;
  private final Gateway gateway;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger identifies = new AtomicInteger();
  private final List<Integer> identifiedShards = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CountDownLatch identified = new CountDownLatch(1);

  FakeDiscord() throws IOException, InterruptedException {
    rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rest.createContext("/", this::serve);
    rest.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    rest.start();
    gateway = new Gateway(new InetSocketAddress("127.0.0.1", 0));
    gateway.setReuseAddr(true);
    gateway.start();
    if (!gateway.started.await(5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The fake gateway did not start");
    }
  }

  String apiUrl() {
    return "http://127.0.0.1:" + rest.getAddress().getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + gateway.getPort() + "/";
  }

  private final Map<String, byte[]> attachments = new ConcurrentHashMap<>();

  /** A file attached to an interaction; its URL on this fake serves {@code content}. */
  String attachment(String id, String fileName, byte[] content) {
    attachments.put(id, content);
    return apiUrl() + "attachments/" + id + "/" + fileName;
  }

  private static String param(String query, String name, String otherwise) {
    for (String pair : query == null ? new String[0] : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    return otherwise;
  }

  /** Gives a user a name the fake serves and puts in payloads. */
  void knowUser(String id, String name) {
    names.put(id, name);
  }

  /** The shard ids sessions identified with, in order (none for an unsharded one). */
  List<Integer> identifiedShards() {
    return List.copyOf(identifiedShards);
  }

  int identifies() {
    return identifies.get();
  }

  // ---- REST ---------------------------------------------------------------------------------

  /**
   * The next call matching {@code method} and {@code pathRegex} fails with this status and body.
   */
  void failNext(String method, String pathRegex, int status, String body) {
    failures.add(new Failure(method, pathRegex, status, body, null));
  }

  /** The next matching call gets a 429 asking to wait {@code seconds}. */
  void rateLimitNext(String method, String pathRegex, int seconds) {
    failures.add(
        new Failure(
            method,
            pathRegex,
            429,
            "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                + seconds
                + ",\"global\":false}",
            Integer.toString(seconds)));
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String method, String pathRegex) {
    return calls.stream().filter(c -> c.is(method, pathRegex)).toList();
  }

  /** Waits until {@code count} calls match, then returns them. */
  List<Call> await(String method, String pathRegex, int count) throws InterruptedException {
    return await(c -> c.is(method, pathRegex), count);
  }

  List<Call> await(Predicate<Call> which, int count) throws InterruptedException {
    return await(which, count, Duration.ofSeconds(10));
  }

  /** {@link #await(Predicate, int)} for work that may take longer (a 10,000-line import). */
  List<Call> await(Predicate<Call> which, int count, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      List<Call> found = calls.stream().filter(which).toList();
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "Expected " + count + " matching calls; the fake saw:\n" + String.join("\n", summary()));
  }

  List<String> summary() {
    return calls.stream().map(c -> c.method() + " " + c.path()).toList();
  }

  void clearCalls() {
    calls.clear();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath().replaceFirst("^/api/v10/", "");
      JsonNode body = readBody(exchange);
      calls.add(new Call(method, path, body));
      for (Failure failure : failures) {
        if (method.equals(failure.method()) && path.matches(failure.pathRegex())) {
          failures.remove(failure);
          if (failure.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
            exchange.getResponseHeaders().add("X-RateLimit-Scope", "user");
            exchange.getResponseHeaders().add("Via", "1.1 google");
          }
          send(exchange, failure.status(), failure.body());
          return;
        }
      }
      route(exchange, method, path, body);
    }
  }

  private void route(HttpExchange exchange, String method, String path, JsonNode body)
      throws IOException {
    Matcher m;
    if (method.equals("GET") && path.equals("users/@me")) {
      ObjectNode me = user(BOT_ID, "Nudge");
      me.put("bot", true);
      send(exchange, 200, me.toString());
    } else if (method.equals("GET") && (m = match("users/(\\d+)", path)) != null) {
      String id = m.group(1);
      if (names.containsKey(id)) {
        send(exchange, 200, user(id, names.get(id)).toString());
      } else {
        send(exchange, 404, "{\"message\":\"Unknown User\",\"code\":10013}");
      }
    } else if (method.equals("GET") && (m = match("attachments/(\\d+)/.+", path)) != null) {
      byte[] content = attachments.get(m.group(1));
      if (content == null) {
        send(exchange, 404, "{\"message\":\"Unknown attachment\",\"code\":0}");
      } else {
        exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
        exchange.getResponseBody().write(content);
      }
    } else if (method.equals("GET") && path.matches("guilds/\\d+/members")) {
      // Discord's member list: by user id, after the given one, up to limit (at most 1,000).
      String query = exchange.getRequestURI().getQuery();
      int limit = Integer.parseInt(param(query, "limit", "1"));
      java.math.BigInteger after = new java.math.BigInteger(param(query, "after", "0"));
      ArrayNode page = JSON.createArrayNode();
      names.keySet().stream()
          .filter(id -> id.matches("\\d+"))
          .map(java.math.BigInteger::new)
          .filter(id -> id.compareTo(after) > 0)
          .sorted()
          .limit(Math.min(limit, 1000))
          .forEach(id -> page.add(member(id.toString())));
      send(exchange, 200, page.toString());
    } else if (method.equals("GET") && path.matches("guilds/\\d+/members/search")) {
      // Discord matches the start of a username or nickname, case-insensitively.
      String query = exchange.getRequestURI().getQuery();
      String wanted =
          java.net.URLDecoder.decode(
                  query.replaceAll(".*(^|&)query=([^&]*).*", "$2"), StandardCharsets.UTF_8)
              .toLowerCase(java.util.Locale.ROOT);
      ArrayNode found = JSON.createArrayNode();
      names.keySet().stream()
          .map(this::member)
          .filter(
              mem ->
                  mem.path("user").path("username").asText().startsWith(wanted)
                      || mem.path("user")
                          .path("global_name")
                          .asText()
                          .toLowerCase(java.util.Locale.ROOT)
                          .startsWith(wanted))
          .forEach(found::add);
      send(exchange, 200, found.toString());
    } else if (method.equals("PUT") && path.matches("applications/\\d+(/guilds/\\d+)?/commands")) {
      ArrayNode registered = JSON.createArrayNode();
      for (JsonNode command : body) {
        ObjectNode c = ((ObjectNode) command.deepCopy());
        c.put("id", next());
        c.put("application_id", APP_ID);
        c.put("version", next());
        c.put("type", 1);
        registered.add(c);
      }
      send(exchange, 200, registered.toString());
    } else if (method.equals("POST") && path.matches("interactions/\\d+/[^/]+/callback")) {
      send(exchange, 204, null);
    } else if (method.matches("PATCH|POST")
        && (m = match("webhooks/\\d+/[^/]+(/messages/@original)?", path)) != null) {
      send(exchange, 200, message(GENERAL, body).toString());
    } else if (method.equals("POST") && path.equals("users/@me/channels")) {
      String recipient = body.path("recipient_id").asText();
      ObjectNode channel = JSON.createObjectNode();
      channel.put("id", "9" + recipient);
      channel.put("type", 1);
      channel.putArray("recipients").add(user(recipient, names.getOrDefault(recipient, "someone")));
      send(exchange, 200, channel.toString());
    } else if (method.equals("POST") && (m = match("channels/(\\d+)/threads", path)) != null) {
      if (!m.group(1).equals(GENERAL) && !m.group(1).equals(MENTORING)) {
        send(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}");
      } else {
        // Discord answers 201 with the new thread's channel object.
        String id = next();
        threads.add(id);
        ObjectNode thread = JSON.createObjectNode();
        thread.put("id", id);
        thread.put("type", body.path("type").asInt(11));
        thread.put("guild_id", GUILD_ID);
        thread.put("parent_id", m.group(1));
        thread.put("owner_id", BOT_ID);
        thread.put("name", body.path("name").asText());
        thread.putNull("last_message_id");
        thread.put("rate_limit_per_user", 0);
        thread.put("message_count", 0);
        thread.put("member_count", 1);
        thread.put("total_message_sent", 0);
        thread.put("flags", 0);
        ObjectNode metadata = thread.putObject("thread_metadata");
        metadata.put("archived", false);
        metadata.put("auto_archive_duration", body.path("auto_archive_duration").asInt(4320));
        metadata.put("archive_timestamp", java.time.Instant.now().toString());
        metadata.put("locked", false);
        metadata.put("invitable", body.path("invitable").asBoolean(true));
        send(exchange, 201, thread.toString());
      }
    } else if (method.equals("DELETE") && (m = match("channels/(\\d+)", path)) != null) {
      // Discord answers 200 with the deleted channel's object.
      if (threads.remove(m.group(1))) {
        ObjectNode gone = JSON.createObjectNode();
        gone.put("id", m.group(1));
        gone.put("type", 12);
        gone.put("guild_id", GUILD_ID);
        gone.put("parent_id", MENTORING);
        send(exchange, 200, gone.toString());
      } else {
        send(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}");
      }
    } else if (method.equals("PUT")
        && (m = match("channels/(\\d+)/thread-members/(\\d+)", path)) != null) {
      send(exchange, threads.contains(m.group(1)) ? 204 : 404, null);
    } else if (method.equals("POST") && (m = match("channels/(\\d+)/messages", path)) != null) {
      if (m.group(1).equals(GENERAL)
          || m.group(1).equals(MENTORING)
          || threads.contains(m.group(1))
          || m.group(1).startsWith("9")) {
        send(exchange, 200, message(m.group(1), body).toString());
      } else {
        // As Discord answers for a channel that doesn't exist, or one the bot can't see.
        send(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}");
      }
    } else {
      send(
          exchange,
          404,
          "{\"message\":\"Not found in the fake: " + method + " " + path + "\",\"code\":0}");
    }
  }

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  private static JsonNode readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && type.startsWith("multipart/form-data")) {
        return multipart(text, type);
      }
      return JSON.readTree(text);
    }
  }

  /**
   * JDA sends messages as multipart: the JSON in the part {@code payload_json}, files in parts
   * {@code files[n]}. The files are recorded in the JSON under {@code _files} (name and text).
   */
  private static JsonNode multipart(String text, String type) throws IOException {
    String boundary = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length());
    ObjectNode payload = JSON.createObjectNode();
    ArrayNode files = JSON.createArrayNode();
    for (String part : text.split(Pattern.quote(boundary))) {
      int headersEnd = part.indexOf("\r\n\r\n");
      if (headersEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headersEnd);
      String content = part.substring(headersEnd + 4);
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      }
      if (headers.contains("name=\"payload_json\"")) {
        payload = (ObjectNode) JSON.readTree(content);
      } else if (headers.contains("filename=\"")) {
        int at = headers.indexOf("filename=\"") + "filename=\"".length();
        files
            .addObject()
            .put("name", headers.substring(at, headers.indexOf('"', at)))
            .put("content", content);
      }
    }
    if (!files.isEmpty()) {
      payload.set("_files", files);
    }
    return payload;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  // ---- payloads -----------------------------------------------------------------------------

  /** A fresh snowflake for now: JDA reads an interaction's age from its id. */
  String next() {
    long discordEpoch = 1420070400000L;
    return Long.toString(
        ((System.currentTimeMillis() - discordEpoch) << 22) | (ids.incrementAndGet() & 0x3FFFFF));
  }

  ObjectNode user(String id, String name) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", id);
    user.put("username", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'));
    user.put("global_name", name);
    user.put("discriminator", "0");
    user.putNull("avatar");
    return user;
  }

  ObjectNode member(String userId) {
    ObjectNode member = JSON.createObjectNode();
    member.set("user", user(userId, names.getOrDefault(userId, "user" + userId)));
    member.putArray("roles");
    member.put("joined_at", "2026-01-05T10:00:00.000000+00:00");
    member.put("deaf", false);
    member.put("mute", false);
    member.put("flags", 0);
    member.put("permissions", "2248473465835073");
    return member;
  }

  private ObjectNode message(String channelId, JsonNode body) {
    ObjectNode message = JSON.createObjectNode();
    message.put("id", next());
    message.put("channel_id", channelId);
    message.put("type", 0);
    message.put("content", body.path("content").asText(""));
    message.set("author", user(BOT_ID, "Nudge"));
    message.put("timestamp", "2026-03-02T09:00:00.000000+00:00");
    message.putNull("edited_timestamp");
    message.put("tts", false);
    message.put("mention_everyone", false);
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    ArrayNode embeds = message.putArray("embeds");
    body.path("embeds").forEach(e -> embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich")));
    message.set(
        "components", body.has("components") ? body.get("components") : JSON.createArrayNode());
    message.put("pinned", false);
    message.put("flags", body.path("flags").asInt(0));
    return message;
  }

  private ObjectNode guild() {
    ObjectNode guild = JSON.createObjectNode();
    guild.put("id", GUILD_ID);
    guild.put("name", "Mentoring Club");
    guild.put("owner_id", BOT_ID);
    guild.put("member_count", 1);
    guild.put("afk_timeout", 300);
    guild.put("unavailable", false);
    guild.put("large", false);
    guild.put("preferred_locale", "en-US");
    ObjectNode everyone = guild.putArray("roles").addObject();
    everyone.put("id", GUILD_ID);
    everyone.put("name", "@everyone");
    everyone.put("permissions", "2248473465835073");
    everyone.put("position", 0);
    everyone.put("color", 0);
    everyone.putObject("colors").put("primary_color", 0);
    everyone.put("hoist", false);
    everyone.put("managed", false);
    everyone.put("mentionable", false);
    ArrayNode channels = guild.putArray("channels");
    channels.add(textChannel(GENERAL, "general", 0));
    channels.add(textChannel(MENTORING, "mentoring", 1));
    guild.putArray("members").add(member(BOT_ID));
    for (String empty :
        List.of(
            "threads",
            "guild_scheduled_events",
            "emojis",
            "voice_states",
            "stickers",
            "features",
            "presences")) {
      guild.putArray(empty);
    }
    return guild;
  }

  ObjectNode textChannel(String id, String name, int position) {
    ObjectNode channel = JSON.createObjectNode();
    channel.put("id", id);
    channel.put("type", 0);
    channel.put("name", name);
    channel.put("position", position);
    channel.put("guild_id", GUILD_ID);
    channel.putArray("permission_overwrites");
    return channel;
  }

  /** The DM channel id the fake gives a user. */
  static String dmChannel(String userId) {
    return "9" + userId;
  }

  /** The user whose DM channel this is, or null. */
  static String dmUser(String channelId) {
    Matcher m = DM_CHANNEL.matcher(channelId);
    return m.matches() ? m.group(1) : null;
  }

  // ---- gateway ------------------------------------------------------------------------------

  /** Sends a dispatch (op 0) to every connected shard. */
  void dispatch(String type, JsonNode data) {
    gateway.dispatch(type, data);
  }

  void awaitIdentified() throws InterruptedException {
    if (!identified.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("JDA never identified");
    }
  }

  private final class Gateway extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<WebSocket> ready = new CopyOnWriteArrayList<>();

    Gateway(InetSocketAddress address) {
      super(address);
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
      socket.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
      try {
        JsonNode frame = JSON.readTree(text);
        int op = frame.path("op").asInt();
        if (op == 1) {
          socket.send("{\"op\":11}");
        } else if (op == 2) {
          identifies.incrementAndGet();
          ObjectNode readyData = JSON.createObjectNode();
          readyData.put("v", 10);
          readyData.set("user", user(BOT_ID, "Nudge").put("bot", true));
          JsonNode shard = frame.path("d").path("shard");
          if (shard.isArray()) {
            identifiedShards.add(shard.get(0).asInt());
          }
          // A sharded fake serves the one server on shard 0 only, like Discord would.
          boolean hasGuild = !shard.isArray() || shard.get(0).asInt() == 0;
          ArrayNode guilds = readyData.putArray("guilds");
          if (hasGuild) {
            guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
          }
          readyData.put("session_id", "fake-session");
          readyData.put("resume_gateway_url", gatewayUrl());
          readyData.putObject("application").put("id", APP_ID).put("flags", 0);
          readyData.putArray("private_channels");
          readyData.putArray("relationships");
          if (shard.isArray()) {
            readyData.set("shard", shard);
          }
          send(socket, "READY", readyData);
          if (hasGuild) {
            send(socket, "GUILD_CREATE", guild());
          }
          ready.add(socket);
          identified.countDown();
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void dispatch(String type, JsonNode data) {
      for (Iterator<WebSocket> it = ready.iterator(); it.hasNext(); ) {
        WebSocket socket = it.next();
        if (socket.isOpen()) {
          send(socket, type, data);
          return; // one shard is enough: Discord sends each event once
        }
      }
      throw new IllegalStateException("No shard is connected to the fake gateway");
    }

    private void send(WebSocket socket, String type, JsonNode data) {
      ObjectNode frame = JSON.createObjectNode();
      frame.put("op", 0);
      frame.put("t", type);
      frame.put("s", sequence.incrementAndGet());
      frame.set("d", data);
      socket.send(frame.toString());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
      ready.remove(socket);
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
      // A closed socket at shutdown is expected.
    }
  }

  @Override
  public void close() throws InterruptedException {
    rest.stop(0);
    gateway.stop(1000);
  }

  static List<String> texts(List<Call> calls) {
    List<String> out = new ArrayList<>();
    for (Call c : calls) {
      out.add(c.body().path("content").asText(""));
    }
    return out;
  }
}
