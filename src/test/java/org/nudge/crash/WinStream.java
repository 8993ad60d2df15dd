package org.nudge.crash;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Members typing {@code /win} in Slack, each waiting for the reply before the next, as people do:
 * correctly signed slash commands to whichever Nudge process is up, each with a response_url on the
 * fake. A win is confirmed when its reply says it was logged; a win acknowledged but never answered
 * (the process was killed) is only sent; one whose request failed counts as failed, and the member
 * types the next.
 */
final class WinStream implements AutoCloseable {

  static final String SIGNING_SECRET = "crash-test-signing-secret";

  /** The marker each win carries: sender and sequence number, unique in the whole run. */
  private static final Pattern MARKER = Pattern.compile("w\\d+n\\d+x");

  private final FakeSlack slack;
  private final AtomicReference<NudgeNode> node;
  private final List<String> senders;
  private final long seed;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running = true;

  /**
   * @param senders the Slack user ids who send wins (each in a pair with another sender or not)
   * @param node the process currently up, or null while there is none
   */
  WinStream(FakeSlack slack, AtomicReference<NudgeNode> node, List<String> senders, long seed) {
    this.slack = slack;
    this.node = node;
    this.senders = List.copyOf(senders);
    this.seed = seed;
  }

  /** The marker of a win's text, or null. */
  static String marker(String text) {
    Matcher m = MARKER.matcher(text);
    return m.find() ? m.group() : null;
  }

  void start() {
    for (int s = 0; s < senders.size(); s++) {
      int sender = s;
      Thread thread = new Thread(() -> send(sender), "win-sender-" + s);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void send(int sender) {
    Random random = new Random(seed + sender);
    String user = senders.get(sender);
    int n = 0;
    while (running) {
      NudgeNode to = node.get();
      if (to == null || !to.ready()) {
        pause(20);
        continue;
      }
      n++;
      String marker = "w" + sender + "n" + n + "x";
      String reply = "s" + sender + "-" + n;
      inFlight.incrementAndGet();
      try {
        if (post(to, user, "shipped part " + marker, reply)) {
          sent.add(marker);
          awaitReply(to, marker, reply);
        } else {
          // Slack shows the member that the command failed (Nudge may still have got it).
          failed.add(marker);
        }
      } finally {
        inFlight.decrementAndGet();
      }
      // A person types the next win a little later, not in a tight loop.
      pause(300 + random.nextInt(400));
    }
  }

  private boolean post(NudgeNode to, String user, String text, String reply) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", FakeSlack.TEAM);
    form.put("team_domain", "crash");
    form.put("channel_id", "C0GENERAL");
    form.put("channel_name", "general");
    form.put("user_id", user);
    form.put("user_name", user.toLowerCase(Locale.ROOT));
    form.put("command", "/win");
    form.put("text", text);
    form.put("api_app_id", "A0NUDGE");
    form.put("response_url", slack.responseUrl(reply));
    form.put("trigger_id", "trigger-" + reply);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    long timestamp = Instant.now().getEpochSecond();
    try {
      HttpResponse<Void> ack =
          http.send(
              HttpRequest.newBuilder(to.events())
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                  .header("X-Slack-Signature", sign(timestamp, body.toString()))
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return ack.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for the reply while the process that acked is up (10 s at most). */
  private void awaitReply(NudgeNode to, String marker, String reply) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      String text = slack.reply(reply);
      if (text != null) {
        (text.contains("Win logged") ? confirmed : refused).add(marker);
        return;
      }
      if (!to.alive()) {
        return;
      }
      pause(5);
    }
  }

  private static String sign(long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v0="
          + HexFormat.of()
              .formatHex(
                  mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many wins are between their request and their reply right now. */
  int inFlight() {
    return inFlight.get();
  }

  /** Every win Nudge acknowledged, whatever became of it. */
  Set<String> sent() {
    return Set.copyOf(sent);
  }

  /** Wins whose request failed (the process was killed before it answered). */
  Set<String> failed() {
    return Set.copyOf(failed);
  }

  /** Wins whose reply said they were logged. */
  Set<String> confirmed() {
    return Set.copyOf(confirmed);
  }

  /** Wins answered with something else (too busy, sorry). */
  Set<String> refused() {
    return Set.copyOf(refused);
  }

  /** Stops typing; waits for the wins in progress to finish. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(15_000);
    }
  }
}
