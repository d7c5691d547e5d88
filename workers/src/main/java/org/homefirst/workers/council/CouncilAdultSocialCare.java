package org.homefirst.workers.council;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.IdempotencyConflict;
import org.homefirst.workers.partners.PartnerAnswers;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;

/**
 * The adapter to one borough's adult social care system (REST/JSON, described in
 * {@code openapi/council-adult-social-care.yaml}): {@code POST /referrals} once per job with
 * {@code Idempotency-Key: homefirst-job-<jobKey>}; the decision comes later, pushed by the council
 * ({@link CouncilCallbacks}) or read with {@code GET /referrals/{id}} by {@link CouncilDecisions}.
 * The council's id is kept in {@code partner_referral}. Callers see the recorded referral or a
 * {@link Progress}, never HTTP or JSON.
 */
public class CouncilAdultSocialCare {

  /** What we ask a council for. */
  public enum RequestType {
    CARE_PACKAGE("care-package"), INTERIM_BED("interim-bed"), PLACEMENT("placement"),
    LONG_TERM_CARE("long-term-care"), REABLEMENT("reablement"), EQUIPMENT("equipment"),
    CARE_ACT_ASSESSMENT("care-act-assessment"), S117_FUNDING("s117-funding"), TELECARE("telecare");

    private final String code;

    RequestType(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** The request, in the journey's words. */
  public record Request(UUID referralId, RequestType type, NhsNumber nhsNumber, String givenName, String familyName,
      LocalDate dateOfBirth, String hospital, String ward, Map<String, String> details) {}

  /** Where the council is with a request. */
  public enum Status { RECEIVED, ACCEPTED, DECLINED, IN_PROGRESS, CLOSED, CANCELLED }

  /** The council's id, its status and, when declined, why; {@code correlationId} of the call that told us. */
  public record Progress(String downstreamId, Status status, String reason, String correlationId) {}

  static final Map<String, Status> STATUSES = Map.of(
      "received", Status.RECEIVED, "accepted", Status.ACCEPTED, "declined", Status.DECLINED,
      "in-progress", Status.IN_PROGRESS, "closed", Status.CLOSED, "cancelled", Status.CANCELLED);
  private static final Map<Status, String> STORED = Map.of(
      Status.RECEIVED, "requested", Status.ACCEPTED, "accepted", Status.DECLINED, "rejected",
      Status.IN_PROGRESS, "in-progress", Status.CLOSED, "completed", Status.CANCELLED, "cancelled");
  private static final String JSON = "application/json";

  private final ObjectMapper json = new ObjectMapper();
  private final String borough;
  private final String system;
  private final URI base;
  private final PartnerHttp http;
  private final PartnerReferrals referrals;

  public CouncilAdultSocialCare(String borough, URI baseUrl, PartnerHttp http, PartnerReferrals referrals) {
    this.borough = borough;
    this.system = system(borough);
    this.base = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
    this.http = http;
    this.referrals = referrals;
  }

  /** The {@code partner_exchange.system} / {@code partner_referral.system} of a borough's council. */
  public static String system(String borough) {
    return "council-" + borough;
  }

  public String borough() {
    return borough;
  }

  /**
   * Sends the request, once per job: a retried job gets back the referral its first run made
   * (from {@code partner_referral}, or from the council by the repeated key). The council's answer
   * to the request is recorded as it came: usually {@code received} (it decides later,
   * {@link #progress} or a callback brings the decision), sometimes a decision at once.
   *
   * @return the referral as recorded
   * @throws org.homefirst.workers.partners.PartnerUnavailable council not reachable, too slow or failing
   * @throws PartnerDataRejected the council's answer is not what the API promises, or it refused the request as invalid
   */
  public PartnerReferral request(Request request, long jobKey) {
    String key = Idempotency.key(jobKey);
    PartnerReferral known = referrals.byKey(key).orElse(null);
    if (known != null && request != null && !known.referralId().equals(request.referralId())) {
      throw new IdempotencyConflict(key, known.referralId(), request.referralId());
    }
    if (known != null) {
      return known;
    }
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("request-" + request.type().code(), "POST",
        base.resolve("referrals"), JSON, body(request), key, request.referralId(),
        "POST referrals type=" + request.type().code()));
    if (!response.ok()) {
      throw bad(response, "the council refused the request: HTTP " + response.status());
    }
    Progress created = read(response);
    return referrals.record(system, "request-" + request.type().code(), key, jobKey, request.referralId(),
        created.downstreamId(), STORED.get(created.status()), created.reason());
  }

  /**
   * The council's current word on a request we made ({@code GET /referrals/{id}}), for the
   * decision poller. Records nothing. The call is logged against the request's key, not on the
   * patient's journey: most polls find nothing new, and the one that finds the decision is shown
   * there by the poller.
   */
  public Progress progress(PartnerReferral known) {
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("read-referral", "GET",
        base.resolve("referrals/" + URLEncoder.encode(known.downstreamId(), StandardCharsets.UTF_8)), JSON, null,
        known.idempotencyKey(), null, "GET referrals/" + known.downstreamId()));
    if (!response.ok()) {
      throw bad(response, "the council could not find its referral " + known.downstreamId() + ": HTTP "
          + response.status());
    }
    Progress progress = read(response);
    if (!progress.downstreamId().equals(known.downstreamId())) {
      throw bad(response, "asked about referral " + known.downstreamId() + ", the council answered about "
          + progress.downstreamId());
    }
    return progress;
  }

  /**
   * Withdraws a request we made ({@code POST /referrals/{id}/cancellation} with
   * {@link Idempotency#withdrawal}); recorded as {@code cancelled} by {@code jobKey}.
   */
  public void withdraw(PartnerReferral known, String reason, long jobKey) {
    ObjectNode body = json.createObjectNode().put("reason", reason);
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("cancel-referral", "POST",
        base.resolve("referrals/" + URLEncoder.encode(known.downstreamId(), StandardCharsets.UTF_8) + "/cancellation"),
        JSON, body.toString(), Idempotency.withdrawal(jobKey, known), known.referralId(),
        "POST referrals/" + known.downstreamId() + "/cancellation"));
    if (!response.ok()) {
      throw bad(response, "the council did not cancel referral " + known.downstreamId() + ": HTTP " + response.status());
    }
    Progress progress = read(response);
    if (progress.status() != Status.CANCELLED) {
      throw bad(response, "referral " + known.downstreamId() + " is still " + progress.status() + " after cancelling");
    }
    referrals.withdrawn(known.idempotencyKey(), reason, jobKey);
  }

  /** Reads a council status code; null if it is not one the API defines. */
  static Status status(String code) {
    return code == null ? null : STATUSES.get(code);
  }

  /** As stored in {@code partner_referral.status}. */
  static String stored(Status status) {
    return STORED.get(status);
  }

  private String body(Request request) {
    ObjectNode body = json.createObjectNode();
    body.put("type", request.type().code());
    body.put("homefirstReferralId", request.referralId().toString());
    ObjectNode person = body.putObject("person");
    person.put("nhsNumber", request.nhsNumber().value());
    person.put("givenName", request.givenName());
    person.put("familyName", request.familyName());
    person.put("dateOfBirth", request.dateOfBirth() == null ? null : request.dateOfBirth().toString());
    body.put("hospital", request.hospital());
    body.put("ward", request.ward());
    ObjectNode details = body.putObject("details");
    request.details().forEach(details::put);
    return body.toString();
  }

  private Progress read(PartnerHttp.Response response) {
    JsonNode node;
    try {
      node = json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw bad(response, "the answer is not JSON");
    }
    String id = node.path("id").asText(null);
    if (id == null || id.isBlank()) {
      throw bad(response, "the referral in the answer has no id");
    }
    String code = node.path("status").asText(null);
    Status status = status(code);
    if (status == null) {
      throw bad(response, "unknown referral status " + PartnerAnswers.shortCode(code) + " (expected one of "
          + STATUSES.keySet() + ")");
    }
    JsonNode reason = node.path("reason");
    return new Progress(id, status, reason.isMissingNode() || reason.isNull() ? null : reason.asText(),
        response.correlationId());
  }

  private PartnerDataRejected bad(PartnerHttp.Response response, String message) {
    String text = "Bad data from " + system + " (correlation " + response.correlationId() + "): " + message;
    http.exchanges().relabelLast(response.correlationId(), "bad-data", text);
    return new PartnerDataRejected(text);
  }
}
