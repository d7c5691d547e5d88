package org.homefirst.workers.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerUnavailable;

/**
 * The one adapter to GOV.UK Notify's REST API (v2), through which NHS organisations send e-mails
 * and text messages: {@code POST /v2/notifications/email|sms} with a template and its
 * personalisation, and {@code GET /v2/notifications?reference=} to find a message sent before.
 * Every attempt carries a fresh JWT ({@link NotifyApiKey}) and is logged in {@code partner_exchange}
 * (system {@code notify}); timeouts, refused connections, 429 and 5xx are retried with a doubling
 * backoff. Notify has no idempotency key: it sends every request it accepts. So each message has
 * a unique {@code reference}, and a send is only repeated at once when the connection was refused;
 * after a timeout or a server error, which may have come after Notify took the message, it first
 * asks {@link #sentEarlier} (callers do the same before sending a message again later).
 */
class GovUkNotify {

  static final String SYSTEM = "notify";

  /** E-mail or text message, in Notify's words. */
  enum Channel {
    EMAIL("email", "email_address"), SMS("sms", "phone_number");

    final String type;
    final String recipientField;

    Channel(String type, String recipientField) {
      this.type = type;
      this.recipientField = recipientField;
    }
  }

  /** One message: the template and its personalisation, and our reference for finding it again. */
  record Message(Channel channel, String recipient, String templateId, Map<String, String> personalisation,
      String reference, UUID referralId) {}

  private static final String JSON = "application/json";

  private final ObjectMapper json = new ObjectMapper();
  private final URI base;
  private final PartnerHttp.Settings settings;
  private final PartnerHttp http;
  private final PartnerHttp oneAttempt;

  /** @throws IllegalArgumentException {@code apiKey} is not a Notify API key */
  GovUkNotify(URI baseUrl, PartnerHttp.Settings settings, String apiKey, PartnerExchanges exchanges, Clock clock) {
    NotifyApiKey key = NotifyApiKey.parse(apiKey);
    this.base = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
    this.settings = settings;
    this.http = new PartnerHttp(SYSTEM, settings, exchanges, () -> key.authorization(clock.instant()));
    this.oneAttempt = new PartnerHttp(SYSTEM, new PartnerHttp.Settings(settings.timeout(), 1, settings.backoff(), null),
        exchanges, () -> key.authorization(clock.instant()));
  }

  /**
   * Sends the message and returns Notify's id for it.
   *
   * @throws NotifyRefused Notify refused our credentials or the message
   * @throws org.homefirst.workers.partners.PartnerUnavailable Notify unreachable, too slow or failing
   * @throws PartnerDataRejected the answer is not Notify's (the message may have been sent)
   */
  UUID send(Message message) {
    Duration wait = settings.backoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(message);
      } catch (PartnerUnavailable unavailable) {
        if (attempt >= settings.attempts()) {
          throw unavailable;
        }
        pause(wait);
        wait = wait.multipliedBy(2);
        if (!(unavailable.getCause() instanceof ConnectException)) {
          Optional<UUID> earlier = sentEarlier(message);
          if (earlier.isPresent()) {
            return earlier.get();
          }
        }
      }
    }
  }

  private UUID sendOnce(Message message) {
    ObjectNode body = json.createObjectNode();
    body.put(message.channel().recipientField, message.recipient());
    body.put("template_id", message.templateId());
    ObjectNode personalisation = body.putObject("personalisation");
    message.personalisation().forEach(personalisation::put);
    body.put("reference", message.reference());
    String path = "v2/notifications/" + message.channel().type;
    PartnerHttp.Response response = oneAttempt.send(new PartnerHttp.Call("send-" + message.channel().type, "POST",
        base.resolve(path), JSON, body.toString(), null, message.referralId(),
        "POST " + path + " reference=" + message.reference()));
    if (!response.ok()) {
      throw refused(response, "message " + message.reference());
    }
    return id(response, read(response).path("id"));
  }

  /**
   * Notify's id of a message sent before with this reference and channel, if Notify still holds
   * one it did not fail technically (Notify asks for those to be sent again).
   */
  Optional<UUID> sentEarlier(Message message) {
    String query = "v2/notifications?reference=" + URLEncoder.encode(message.reference(), StandardCharsets.UTF_8)
        + "&template_type=" + message.channel().type;
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("find-by-reference", "GET", base.resolve(query),
        JSON, null, null, message.referralId(), "GET v2/notifications reference=" + message.reference()));
    if (!response.ok()) {
      throw refused(response, "the look-up of message " + message.reference());
    }
    JsonNode notifications = read(response).path("notifications");
    if (!notifications.isArray()) {
      throw bad(response, "the answer has no notifications list");
    }
    for (JsonNode notification : notifications) {
      if (message.reference().equals(notification.path("reference").asText(null))
          && !"technical-failure".equals(notification.path("status").asText())) {
        return Optional.of(id(response, notification.path("id")));
      }
    }
    return Optional.empty();
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PartnerUnavailable("interrupted while waiting to send to GOV.UK Notify again", null, e);
    }
  }

  private JsonNode read(PartnerHttp.Response response) {
    try {
      return json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw bad(response, "the answer is not JSON: " + e.getOriginalMessage());
    }
  }

  private UUID id(PartnerHttp.Response response, JsonNode id) {
    try {
      return UUID.fromString(id.asText(""));
    } catch (IllegalArgumentException e) {
      throw bad(response, "the notification id '" + id.asText("") + "' is not a UUID");
    }
  }

  private NotifyRefused refused(PartnerHttp.Response response, String what) {
    JsonNode error;
    try {
      error = json.readTree(response.body()).path("errors").path(0);
    } catch (JsonProcessingException e) {
      error = json.createObjectNode().put("message", response.body());
    }
    String reason = (error.path("error").asText("") + " " + error.path("message").asText("")).trim();
    return new NotifyRefused("GOV.UK Notify refused " + what + ": HTTP " + response.status() + " " + reason
        + " (correlation " + response.correlationId() + ")", response.status());
  }

  private PartnerDataRejected bad(PartnerHttp.Response response, String message) {
    String text = "Bad data from GOV.UK Notify (correlation " + response.correlationId() + "): " + message;
    http.exchanges().relabelLast(response.correlationId(), "bad-data", text);
    return new PartnerDataRejected(text);
  }
}
