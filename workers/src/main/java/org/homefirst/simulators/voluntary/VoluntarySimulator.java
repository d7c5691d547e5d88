package org.homefirst.simulators.voluntary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.SimulatedPartner;

/**
 * A stand-in for a voluntary service's referral API (British Red Cross Help Not Hospital, Age UK
 * escorted discharge, handyperson schemes): {@code POST /voluntary/api/referrals} with an
 * {@code Idempotency-Key} answers at once with {@code accepted} or {@code declined} (or
 * {@code received} while {@link #triaging}), {@code GET /voluntary/api/referrals/{reference}} reads
 * it again. A repeated key returns the referral it already has.
 */
public final class VoluntarySimulator extends SimulatedPartner {

  /** A referral the service holds. */
  public record StoredReferral(String reference, String idempotencyKey, String service, String nhsNumber, String status,
      String reason) {}

  private static final String JSON = "application/json";

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, ObjectNode> referrals = new LinkedHashMap<>();
  private final Map<String, String> byKey = new LinkedHashMap<>();
  private volatile String answer = "accepted";
  private volatile String declineReason;

  private VoluntarySimulator() {
    super("voluntary");
  }

  public static VoluntarySimulator start(int port) {
    VoluntarySimulator simulator = new VoluntarySimulator();
    simulator.listen(port);
    return simulator;
  }

  @Override
  protected String rootPath() {
    return "/voluntary/api";
  }

  /** Accepts every new referral at once (the default). */
  public void accepting() {
    answer = "accepted";
  }

  /** Declines every new referral at once with that reason (business rejection). */
  public void declining(String reason) {
    answer = "declined";
    declineReason = reason;
  }

  /** Leaves new referrals {@code received} until {@link #decide}. */
  public void triaging() {
    answer = "received";
  }

  public synchronized void decide(String reference, boolean accepted, String reason) {
    ObjectNode referral = referrals.get(reference);
    referral.put("status", accepted ? "accepted" : "declined");
    referral.put("reason", reason);
  }

  public synchronized List<StoredReferral> referrals() {
    List<StoredReferral> list = new ArrayList<>();
    referrals.forEach((ref, r) -> list.add(new StoredReferral(ref,
        byKey.entrySet().stream().filter(e -> e.getValue().equals(ref)).map(Map.Entry::getKey).findFirst().orElse(null),
        r.path("service").asText(), r.path("nhsNumber").asText(), r.path("status").asText(),
        r.path("reason").isNull() ? null : r.path("reason").asText(null))));
    return list;
  }

  @Override
  protected synchronized Reply handle(Request request) {
    if (request.method().equals("POST") && request.path().equals("/referrals")) {
      String key = request.header("Idempotency-Key");
      if (key == null) {
        return error(400, "Idempotency-Key header is required");
      }
      if (byKey.containsKey(key)) {
        return Reply.of(200, JSON, referrals.get(byKey.get(key)).toString());
      }
      JsonNode body;
      try {
        body = json.readTree(request.body());
      } catch (JsonProcessingException e) {
        return error(400, "Body is not JSON");
      }
      if (!NhsNumber.isValid(body.path("nhsNumber").asText(null)) || body.path("service").asText("").isBlank()) {
        return error(400, "service and a valid nhsNumber are required");
      }
      String reference = "VS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
      ObjectNode referral = json.createObjectNode();
      referral.put("reference", reference);
      referral.put("service", body.path("service").asText());
      referral.put("nhsNumber", body.path("nhsNumber").asText());
      referral.put("status", answer);
      referral.put("reason", "declined".equals(answer) ? declineReason : null);
      referrals.put(reference, referral);
      byKey.put(key, reference);
      return Reply.of(201, JSON, referral.toString());
    }
    if (request.method().equals("POST") && request.path().startsWith("/referrals/")
        && request.path().endsWith("/cancellation")) {
      ObjectNode referral = referrals.get(
          request.path().substring("/referrals/".length(), request.path().length() - "/cancellation".length()));
      if (referral == null) {
        return error(404, "No such referral");
      }
      referral.put("status", "cancelled");
      referral.put("reason", "Withdrawn by the referrer");
      return Reply.of(200, JSON, referral.toString());
    }
    if (request.method().equals("GET") && request.path().startsWith("/referrals/")) {
      ObjectNode referral = referrals.get(request.path().substring("/referrals/".length()));
      return referral == null ? error(404, "No such referral") : Reply.of(200, JSON, referral.toString());
    }
    return error(404, "No such endpoint");
  }

  @Override
  protected Reply malformed(Request request) {
    return Reply.of(201, JSON, "{\"reference\": \"VS-1\", \"status\": ");
  }

  @Override
  protected synchronized Reply unknownCodes(Request request) {
    return withStatusReplaced(request, "[a-z-]+", "waitlisted");
  }

  @Override
  protected Reply failure(int status) {
    return error(status, "Service unavailable");
  }

  private Reply error(int status, String message) {
    return Reply.of(status, JSON, json.createObjectNode().put("error", message).toString());
  }
}
