package org.nudge.adapter.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.nudge.http.HttpCall;

/**
 * Tells whether Slack sent a request, before anything reads its body: {@code X-Slack-Signature}
 * must be {@code v0=} and the hex HMAC-SHA256, keyed with the signing secret, of {@code
 * v0:{X-Slack-Request-Timestamp}:{body}}, and the timestamp within 5 minutes of now either way (a
 * replay is refused once it is old, and a request dated ahead can't be kept for later).
 *
 * <p>Bolt's own check compares strings in time that depends on where they first differ, lets
 * future-dated requests through, and hashes with the JVM's default charset, which is ASCII under
 * {@code LANG=C}, so a member's emoji would fail the signature there. This one hashes the body's
 * UTF-8 bytes, as Slack does, and compares in constant time.
 */
final class SlackSignatureCheck {

  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final String VERSION = "v0";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  /**
   * @param clock the real time: Slack's timestamps are wall-clock seconds
   */
  SlackSignatureCheck(String signingSecret, Clock clock) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("Slack's HTTP mode needs the signing secret");
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = clock;
  }

  /**
   * Empty when Slack signed {@code call} within the window; else, in a few words fit to answer
   * anyone, why it is refused. Reads the two headers and hashes the body, and nothing more.
   */
  Optional<String> refusal(HttpCall call) {
    String timestamp = call.header("X-Slack-Request-Timestamp");
    String signature = call.header("X-Slack-Signature");
    if (timestamp == null || signature == null) {
      return Optional.of("the request is not signed");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return Optional.of("the request timestamp is not a number");
    }
    long now = clock.instant().getEpochSecond();
    if (seconds < now - WINDOW.toSeconds() || seconds > now + WINDOW.toSeconds()) {
      return Optional.of("the request timestamp is more than 5 minutes from now");
    }
    byte[] expected = expected(timestamp, call.body());
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of("the signature does not match");
    }
    return Optional.empty();
  }

  private byte[] expected(String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
      return (VERSION + "=" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is in every JDK.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
