package org.homefirst.simulators.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.homefirst.simulators.SimulatedPartner;

/**
 * A stand-in for GOV.UK Notify's REST API (v2) on this machine: {@code POST
 * /v2/notifications/email} and {@code /v2/notifications/sms} with {@code email_address} or
 * {@code phone_number}, {@code template_id}, {@code personalisation} and {@code reference};
 * {@code GET /v2/notifications?reference=...&template_type=...} and {@code GET
 * /v2/notifications/{id}}. Like Notify it authenticates every request by its
 * {@code Authorization: Bearer} JWT (HS256, {@code iss} = the service id, {@code iat} within 30
 * seconds), signed with the secret half of the API key it was started with ({@link #apiKey()}),
 * and answers errors as {@code {"status_code", "errors": [{"error", "message"}]}}. Like Notify it
 * does not deduplicate: every accepted request is a new message, which is why callers look a
 * reference up before sending again.
 */
public final class NotifySimulator extends SimulatedPartner {

  /** A message Notify accepted. */
  public record Message(UUID id, String type, String recipient, String templateId, Map<String, String> personalisation,
      String reference, Instant createdAt) {}

  private static final String JSON = "application/json";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern UK_MOBILE = Pattern.compile("(?:\\+?44|0)7\\d{9}");

  private final ObjectMapper json = new ObjectMapper();
  private final String serviceId = UUID.randomUUID().toString();
  private final String secret = UUID.randomUUID().toString();
  private final Map<UUID, Message> messages = new LinkedHashMap<>();
  private final List<String> refusedTokens = new ArrayList<>();
  private volatile Duration clockOffset = Duration.ZERO;

  private NotifySimulator() {
    super("notify");
  }

  /** Starts listening on 127.0.0.1 at that port (0: any free port), with a new service and key. */
  public static NotifySimulator start(int port) {
    NotifySimulator simulator = new NotifySimulator();
    simulator.listen(port);
    return simulator;
  }

  @Override
  protected String rootPath() {
    return "";
  }

  /** The API key to configure, in Notify's form {@code <key name>-<service id>-<secret>}. */
  public String apiKey() {
    return "homefirst_simulator-" + serviceId + "-" + secret;
  }

  /** A key of the same service with the wrong secret: what a revoked or mistyped key looks like. */
  public String wrongApiKey() {
    return "homefirst_simulator-" + serviceId + "-" + UUID.randomUUID();
  }

  /** Messages accepted, in the order they arrived. */
  public synchronized List<Message> messages() {
    return List.copyOf(messages.values());
  }

  /**
   * Runs the simulator's clock {@code offset} ahead of this machine's (negative: behind), as
   * Notify's would be if this machine's clock were off: tokens are then judged by the moved clock.
   */
  public void clockOffBy(Duration offset) {
    this.clockOffset = offset;
  }

  /** Why each refused token was refused (Notify's error message), in order. */
  public synchronized List<String> refusedTokens() {
    return List.copyOf(refusedTokens);
  }

  @Override
  protected synchronized Reply handle(Request request) {
    String refusal = authenticate(request.header("Authorization"));
    if (refusal != null) {
      refusedTokens.add(refusal);
      return error(refusal.startsWith("Unauthorized") ? 401 : 403, "AuthError", refusal);
    }
    if (request.method().equals("POST") && request.path().equals("/v2/notifications/email")) {
      return send(request, "email", "email_address");
    }
    if (request.method().equals("POST") && request.path().equals("/v2/notifications/sms")) {
      return send(request, "sms", "phone_number");
    }
    if (request.method().equals("GET") && request.path().equals("/v2/notifications")) {
      return list(decoded(request.query().get("reference")), decoded(request.query().get("template_type")));
    }
    if (request.method().equals("GET") && request.path().startsWith("/v2/notifications/")) {
      Message message;
      try {
        message = messages.get(UUID.fromString(request.path().substring("/v2/notifications/".length())));
      } catch (IllegalArgumentException e) {
        return error(400, "ValidationError", "notification_id is not a valid UUID");
      }
      return message == null ? error(404, "NoResultFound", "No result found")
          : Reply.of(200, JSON, notification(message).toString());
    }
    return error(404, "NotFound", "Not found: " + request.method() + " " + request.path());
  }

  /** Notify's checks of the bearer token, in its words; null when the token is good. */
  private String authenticate(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return "Unauthorized: authentication token must be provided";
    }
    String[] parts = authorization.substring("Bearer ".length()).trim().split("\\.");
    if (parts.length != 3) {
      return "Invalid token: signature, api token is not valid";
    }
    try {
      JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!"HS256".equals(header.path("alg").asText())) {
        return "Invalid token: algorithm used is not HS256";
      }
      if (!serviceId.equals(claims.path("iss").asText())) {
        return "Invalid token: service not found";
      }
      byte[] expected = hmac((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
        return "Invalid token: API key not found";
      }
      if (!claims.path("iat").canConvertToLong()) {
        return "Invalid token: iat field not provided";
      }
      if (Math.abs(Instant.now().plus(clockOffset).getEpochSecond() - claims.path("iat").asLong()) > 30) {
        return "Error: Your system clock must be accurate to within 30 seconds";
      }
      return null;
    } catch (IllegalArgumentException | java.io.IOException e) {
      return "Invalid token: signature, api token is not valid";
    }
  }

  private Reply send(Request request, String type, String recipientField) {
    JsonNode body;
    try {
      body = json.readTree(request.body());
    } catch (JsonProcessingException e) {
      return error(400, "BadRequestError", "Invalid JSON supplied in POST data");
    }
    String recipient = body.path(recipientField).asText(null);
    if (recipient == null) {
      return error(400, "ValidationError", recipientField + " is a required property");
    }
    if (type.equals("email") && !EMAIL.matcher(recipient).matches()) {
      return error(400, "ValidationError", "email_address Not a valid email address");
    }
    if (type.equals("sms") && !UK_MOBILE.matcher(recipient.replaceAll("[\\s()-]", "")).matches()) {
      return error(400, "ValidationError", "phone_number Not a UK mobile number");
    }
    String templateId = body.path("template_id").asText(null);
    if (templateId == null) {
      return error(400, "ValidationError", "template_id is a required property");
    }
    try {
      UUID.fromString(templateId);
    } catch (IllegalArgumentException e) {
      return error(400, "ValidationError", "template_id is not a valid UUID");
    }
    JsonNode personalisation = body.path("personalisation");
    if (!personalisation.isMissingNode() && !personalisation.isObject()) {
      return error(400, "ValidationError", "personalisation is not of type object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    personalisation.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    Message message = new Message(UUID.randomUUID(), type, recipient, templateId, Map.copyOf(values),
        body.path("reference").asText(null), Instant.now());
    messages.put(message.id(), message);
    ObjectNode created = json.createObjectNode();
    created.put("id", message.id().toString());
    created.put("reference", message.reference());
    ObjectNode content = created.putObject("content");
    content.put("body", values.getOrDefault("body", ""));
    if (type.equals("email")) {
      content.put("subject", values.getOrDefault("subject", ""));
      content.put("from_email", "home.first@notifications.service.gov.uk");
    } else {
      content.put("from_number", "HomeFirst");
    }
    created.put("uri", baseUrl() + "/v2/notifications/" + message.id());
    created.set("template", template(templateId));
    return Reply.of(201, JSON, created.toString());
  }

  private Reply list(String reference, String templateType) {
    ArrayNode found = json.createArrayNode();
    messages.values().stream()
        .filter(m -> reference == null || reference.equals(m.reference()))
        .filter(m -> templateType == null || templateType.equals(m.type()))
        .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
        .forEach(m -> found.add(notification(m)));
    ObjectNode page = json.createObjectNode();
    page.set("notifications", found);
    page.putObject("links").put("current", baseUrl() + "/v2/notifications");
    return Reply.of(200, JSON, page.toString());
  }

  private ObjectNode notification(Message m) {
    ObjectNode node = json.createObjectNode();
    node.put("id", m.id().toString());
    node.put("reference", m.reference());
    node.put(m.type().equals("email") ? "email_address" : "phone_number", m.recipient());
    node.put("type", m.type());
    node.put("status", "delivered");
    node.set("template", template(m.templateId()));
    node.put("body", m.personalisation().getOrDefault("body", ""));
    node.put("subject", m.type().equals("email") ? m.personalisation().getOrDefault("subject", "") : null);
    node.put("created_at", m.createdAt().toString());
    return node;
  }

  private ObjectNode template(String id) {
    ObjectNode template = json.createObjectNode();
    template.put("id", id);
    template.put("version", 1);
    template.put("uri", baseUrl() + "/v2/template/" + id);
    return template;
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String decoded(String value) {
    return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  protected Reply malformed(Request request) {
    return Reply.of(201, JSON, "{\"id\": \"");
  }

  @Override
  protected Reply unknownCodes(Request request) {
    return withStatusReplaced(request, "[a-z-]+", "lost-in-transit");
  }

  @Override
  protected Reply failure(int status) {
    return error(status, "Exception", "Internal server error");
  }

  private Reply error(int status, String error, String message) {
    ObjectNode body = json.createObjectNode().put("status_code", status);
    body.putArray("errors").addObject().put("error", error).put("message", message);
    return Reply.of(status, JSON, body.toString());
  }
}
