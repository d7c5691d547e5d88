package org.homefirst.workers.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A GOV.UK Notify API key, {@code <key name>-<service id>-<secret>} (the last 73 characters are
 * two UUIDs), and the bearer token Notify wants for each request: a JWT signed HS256 with the
 * secret, {@code iss} = service id, {@code iat} = now in epoch seconds. Notify refuses a token
 * more than 30 seconds old, so one is made per HTTP attempt. The secret never leaves this class,
 * not even in {@link #toString()}.
 */
final class NotifyApiKey {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = BASE64URL.encodeToString(
      "{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

  private final String serviceId;
  private final SecretKeySpec secret;

  private NotifyApiKey(String serviceId, String secret) {
    this.serviceId = serviceId;
    this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** @throws IllegalArgumentException not a Notify API key (the message never repeats the key) */
  static NotifyApiKey parse(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("no GOV.UK Notify API key is set (homefirst.partners.notify.api-key)");
    }
    String trimmed = key.trim();
    int n = trimmed.length();
    if (n < 75 || trimmed.charAt(n - 37) != '-' || trimmed.charAt(n - 74) != '-'
        || !isUuid(trimmed.substring(n - 73, n - 37)) || !isUuid(trimmed.substring(n - 36))) {
      throw new IllegalArgumentException("homefirst.partners.notify.api-key is not a GOV.UK Notify API key "
          + "(expected <key name>-<service id>-<secret>, the last two parts UUIDs)");
    }
    return new NotifyApiKey(trimmed.substring(n - 73, n - 37), trimmed.substring(n - 36));
  }

  String serviceId() {
    return serviceId;
  }

  /** The {@code Authorization} header value for a request made at {@code now}. */
  String authorization(Instant now) {
    String claims = BASE64URL.encodeToString(("{\"iss\":\"" + serviceId + "\",\"iat\":" + now.getEpochSecond() + "}")
        .getBytes(StandardCharsets.UTF_8));
    String signed = HEADER + "." + claims;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return "Bearer " + signed + "." + BASE64URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "GOV.UK Notify API key of service " + serviceId;
  }

  private static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
