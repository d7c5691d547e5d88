package org.homefirst.workers.notify;

import java.util.UUID;

/**
 * A GOV.UK Notify API key, {@code <key name>-<service id>-<secret>} (the last 73 characters are
 * two UUIDs), checked when the application starts so that a mistyped key fails there, with a
 * message that never repeats the key. Notify's client ({@link GovUkNotify}) makes the signed
 * tokens from it. The secret is not kept, not even for {@link #toString()}.
 */
final class NotifyApiKey {

  private final String serviceId;

  private NotifyApiKey(String serviceId) {
    this.serviceId = serviceId;
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
    return new NotifyApiKey(trimmed.substring(n - 73, n - 37));
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
