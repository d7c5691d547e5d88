package org.homefirst.simulators.council;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.SimulatedPartner;

/**
 * A stand-in for a borough's adult social care case system (LAS, Mosaic...) speaking the REST/JSON
 * API in {@code openapi/council-adult-social-care.yaml}: {@code POST /api/v1/referrals} with an
 * {@code Idempotency-Key} (a repeated key returns the referral it already has, with 200), and
 * {@code GET /api/v1/referrals/{id}} for its status ({@code received} -> {@code accepted} /
 * {@code declined}). Decisions by {@link #accept}/{@link #decline}, or automatically
 * ({@link #decideAutomatically}, the demo); {@link #declining} declines everything at once.
 */
public final class CouncilSimulator extends SimulatedPartner {

  /** How new referrals are decided. */
  public enum Decision { PENDING, ACCEPT, DECLINE }

  /** A referral the council holds. */
  public record StoredReferral(String id, String idempotencyKey, String type, String nhsNumber, String status,
      String reason) {}

  static final Set<String> TYPES = Set.of("care-package", "interim-bed", "placement", "long-term-care",
      "reablement", "equipment", "care-act-assessment", "s117-funding", "telecare");
  /** The headers a council's callback carries (the workers' {@code CouncilCallbacks} checks them). */
  public static final String TIMESTAMP_HEADER = "X-HomeFirst-Timestamp";
  public static final String SIGNATURE_HEADER = "X-HomeFirst-Signature";
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  private final ObjectMapper json = new ObjectMapper();
  private final String borough;
  private final Map<String, ObjectNode> referrals = new LinkedHashMap<>();
  private final Map<String, String> byKey = new LinkedHashMap<>();
  private final Map<String, JsonNode> details = new LinkedHashMap<>();
  private final Map<String, Instant> decideAt = new LinkedHashMap<>();
  private volatile Decision decision = Decision.PENDING;
  private volatile Duration decisionDelay = Duration.ZERO;
  private volatile String declineReason = "Not eligible under the Care Act";
  private volatile URI callbackUrl;
  private volatile String callbackSecret;
  private ScheduledExecutorService ownClock;
  private final List<Integer> callbackAnswers = new CopyOnWriteArrayList<>();
  private final HttpClient callbacks = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private CouncilSimulator(String borough) {
    super("council-" + borough);
    this.borough = borough;
  }

  /** Starts the council of that borough on 127.0.0.1 at that port (0: any free port). */
  public static CouncilSimulator start(String borough, int port) {
    CouncilSimulator simulator = new CouncilSimulator(borough);
    simulator.listen(port);
    return simulator;
  }

  @Override
  protected String rootPath() {
    return "/council-" + borough + "/api/v1";
  }

  public void decideAutomatically(Decision decision, Duration after) {
    this.decision = decision;
    this.decisionDelay = after;
  }

  /** Every referral from now on is declined at once with that reason (business rejection). */
  public void declining(String reason) {
    this.declineReason = reason;
    decideAutomatically(Decision.DECLINE, Duration.ZERO);
  }

  /**
   * From now on, pushes every decision to {@code url} as well: {@code POST} of
   * {@code {"id","status","reason"}} with {@code X-HomeFirst-Timestamp: <unix seconds>} and
   * {@code X-HomeFirst-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body bytes>} keyed
   * with {@code secret} (a council's webhook, as {@code openapi/council-adult-social-care.yaml}
   * describes it). Each delivery is signed afresh, with the time it is sent.
   */
  public synchronized void sendCallbacks(URI url, String secret) {
    this.callbackUrl = url;
    this.callbackSecret = secret;
    // A council that calls back decides on its own time, not when it is next asked: check every
    // second for referrals whose automatic decision is due.
    if (url != null && ownClock == null) {
      ownClock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "council-" + borough + "-simulator-decisions");
        t.setDaemon(true);
        return t;
      });
      ownClock.scheduleWithFixedDelay(this::decideDueNow, 1, 1, TimeUnit.SECONDS);
    } else if (url == null && ownClock != null) {
      ownClock.shutdownNow();
      ownClock = null;
    }
  }

  private synchronized void decideDueNow() {
    decideDue();
  }

  @Override
  public synchronized void close() {
    if (ownClock != null) {
      ownClock.shutdownNow();
      ownClock = null;
    }
    super.close();
  }

  /** HTTP statuses the callback endpoint answered, in order. */
  public List<Integer> callbackAnswers() {
    return List.copyOf(callbackAnswers);
  }

  public synchronized void accept(String id) {
    decide(id, "accepted", null);
  }

  public synchronized void decline(String id, String reason) {
    decide(id, "declined", reason);
  }

  /** The {@code details} the request for that referral carried (e.g. telecare {@code equipment}), or null. */
  public synchronized String detail(String id, String name) {
    JsonNode node = details.getOrDefault(id, json.nullNode()).path(name);
    return node.isTextual() ? node.asText() : null;
  }

  public synchronized List<StoredReferral> referrals() {
    List<StoredReferral> list = new ArrayList<>();
    referrals.forEach((id, r) -> list.add(new StoredReferral(id,
        byKey.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst().orElse(null),
        r.path("type").asText(), r.path("person").path("nhsNumber").asText(), r.path("status").asText(),
        r.path("reason").isMissingNode() || r.path("reason").isNull() ? null : r.path("reason").asText())));
    return list;
  }

  @Override
  protected synchronized Reply handle(Request request) {
    decideDue();
    if (request.method().equals("POST") && request.path().equals("/referrals")) {
      return create(request);
    }
    if (request.method().equals("POST") && request.path().startsWith("/referrals/")
        && request.path().endsWith("/cancellation")) {
      String id = request.path().substring("/referrals/".length(), request.path().length() - "/cancellation".length());
      if (!referrals.containsKey(id)) {
        return problem(404, "No such referral");
      }
      String reason;
      try {
        reason = json.readTree(request.body()).path("reason").asText("Withdrawn by Home First");
      } catch (JsonProcessingException e) {
        return problem(400, "Body is not JSON");
      }
      decideAt.remove(id);
      decide(id, "cancelled", reason);
      return Reply.of(200, JSON, referrals.get(id).toString());
    }
    if (request.method().equals("GET") && request.path().startsWith("/referrals/")) {
      ObjectNode referral = referrals.get(request.path().substring("/referrals/".length()));
      return referral == null ? problem(404, "No such referral") : Reply.of(200, JSON, referral.toString());
    }
    return problem(404, "No such endpoint: " + request.method() + " " + request.path());
  }

  private Reply create(Request request) {
    String key = request.header("Idempotency-Key");
    if (key == null || key.isBlank()) {
      return problem(400, "Idempotency-Key header is required");
    }
    if (byKey.containsKey(key)) {
      return Reply.of(200, JSON, referrals.get(byKey.get(key)).toString());
    }
    JsonNode body;
    try {
      body = json.readTree(request.body());
    } catch (JsonProcessingException e) {
      return problem(400, "Body is not JSON: " + e.getOriginalMessage());
    }
    String type = body.path("type").asText();
    if (!TYPES.contains(type)) {
      return problem(400, "Unknown referral type '" + type + "'");
    }
    if (!NhsNumber.isValid(body.path("person").path("nhsNumber").asText(null))) {
      return problem(400, "person.nhsNumber must be a valid NHS number");
    }
    String id = "ASC-" + borough.toUpperCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode referral = json.createObjectNode();
    referral.put("id", id);
    referral.put("type", type);
    referral.set("person", body.path("person"));
    referral.put("homefirstReferralId", body.path("homefirstReferralId").asText());
    referral.put("status", "received");
    referral.putNull("reason");
    referral.put("updatedAt", Instant.now().toString());
    referrals.put(id, referral);
    byKey.put(key, id);
    details.put(id, body.path("details"));
    if (decision != Decision.PENDING) {
      decideAt.put(id, Instant.now().plus(decisionDelay));
      decideDue();
    }
    return new Reply(201, JSON, referral.toString(), Map.of("Location", baseUrl() + "/referrals/" + id));
  }

  private void decideDue() {
    Instant now = Instant.now();
    decideAt.entrySet().removeIf(e -> {
      if (e.getValue().isAfter(now)) {
        return false;
      }
      if (decision == Decision.ACCEPT) {
        decide(e.getKey(), "accepted", null);
      } else if (decision == Decision.DECLINE) {
        decide(e.getKey(), "declined", declineReason);
      }
      return true;
    });
  }

  private void decide(String id, String status, String reason) {
    ObjectNode referral = referrals.get(id);
    if (referral == null) {
      throw new IllegalArgumentException("council-" + borough + " holds no referral " + id);
    }
    referral.put("status", status);
    if (reason == null) {
      referral.putNull("reason");
    } else {
      referral.put("reason", reason);
    }
    referral.put("updatedAt", Instant.now().toString());
    if (callbackUrl != null) {
      ObjectNode decision = json.createObjectNode();
      decision.put("id", id);
      decision.put("status", status);
      decision.put("reason", reason);
      byte[] body = decision.toString().getBytes(StandardCharsets.UTF_8);
      String timestamp = String.valueOf(Instant.now().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(callbackUrl).timeout(Duration.ofSeconds(10))
          .header("Content-Type", JSON)
          .header(TIMESTAMP_HEADER, timestamp)
          .header(SIGNATURE_HEADER, sign(callbackSecret, timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      try {
        callbackAnswers.add(callbacks.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
      } catch (IOException e) {
        callbackAnswers.add(-1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A council's signature of a callback: HMAC-SHA256 of the timestamp, a dot and the body's bytes. */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Reply malformed(Request request) {
    return Reply.of(request.method().equals("POST") ? 201 : 200, JSON, "<html><body>Service temporarily unavailable");
  }

  @Override
  protected synchronized Reply unknownCodes(Request request) {
    return withStatusReplaced(request, "received|accepted|declined", "awaiting-panel");
  }

  @Override
  protected Reply failure(int status) {
    return problem(status, "Case management system unavailable");
  }

  private Reply problem(int status, String detail) {
    ObjectNode problem = json.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", status >= 500 ? "Service unavailable" : "Request not accepted");
    problem.put("status", status);
    problem.put("detail", detail);
    return Reply.of(status, PROBLEM, problem.toString());
  }
}
