package org.nudge.engine.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.nudge.engine.domain.KeyValues;
import org.nudge.engine.model.UserRef;

/**
 * Dashboard links: a program, a lead and an expiry, signed with HMAC-SHA256, so the HTTP host can
 * tell a link Nudge gave a lead from one that was altered, is too old, or names another program,
 * without keeping a session. The key is {@code NUDGE_DASHBOARD_KEY}, or one generated once and kept
 * in the database (every node of a cluster reads the same).
 */
public final class DashboardLinks {

  /** How long a link works. */
  public static final Duration VALID_FOR = Duration.ofMinutes(15);

  static final String KEY_NAME = "dashboard.signing-key";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private final DashboardSettings settings;
  private final SecureRandom random = new SecureRandom();

  public DashboardLinks(DashboardSettings settings) {
    this.settings = settings;
  }

  /** Whom a valid link lets see which program. */
  public record Grant(long programId, UserRef lead, Instant expires) {}

  /** The link for {@code lead} to {@code programId}'s dashboard, valid from {@code now}. */
  public String link(KeyValues keys, long programId, UserRef lead, Instant now) {
    String payload = programId + "|" + now.plus(VALID_FOR).getEpochSecond() + "|" + lead.key();
    String token =
        B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(sign(keys, payload));
    return settings.publicUrl() + "/dashboard?p=" + programId + "&t=" + token;
  }

  /**
   * The grant of {@code token} for {@code programId} at {@code now}; empty when it is malformed,
   * not signed with this key, for another program, or expired.
   */
  public Optional<Grant> verify(KeyValues keys, long programId, String token, Instant now) {
    if (token == null || token.length() > 1000) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload;
    byte[] signature;
    try {
      payload = new String(UNB64.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      signature = UNB64.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // Compared in constant time, so the signature can't be guessed byte by byte.
    if (!MessageDigest.isEqual(sign(keys, payload), signature)) {
      return Optional.empty();
    }
    String[] parts = payload.split("\\|", 3);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      long program = Long.parseLong(parts[0]);
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
      if (program != programId || !now.isBefore(expires)) {
        return Optional.empty();
      }
      return Optional.of(new Grant(program, UserRef.parse(parts[2]), expires));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] sign(KeyValues keys, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(keys), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
    }
  }

  /** The configured key, else the stored one, made on first use. */
  private byte[] key(KeyValues keys) {
    if (settings.key() != null) {
      return settings.key().getBytes(StandardCharsets.UTF_8);
    }
    Optional<String> stored = keys.get(KEY_NAME);
    if (stored.isPresent()) {
      return Base64.getDecoder().decode(stored.get());
    }
    byte[] fresh = new byte[32];
    random.nextBytes(fresh);
    keys.put(KEY_NAME, Base64.getEncoder().encodeToString(fresh));
    // Another node may have stored its own at the same time; the one kept is the one to use.
    return Base64.getDecoder().decode(keys.get(KEY_NAME).orElseThrow());
  }
}
