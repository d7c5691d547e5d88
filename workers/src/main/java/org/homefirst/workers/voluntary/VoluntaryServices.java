package org.homefirst.workers.voluntary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.partners.AwaitingPartner;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.IdempotencyConflict;
import org.homefirst.workers.partners.PartnerAnswers;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.partners.PartnerRejection;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The adapter to the voluntary services' referral API (REST/JSON): {@code POST /referrals} once
 * per job with {@code Idempotency-Key: homefirst-job-<jobKey>}; the service answers accepted or
 * declined at once, or {@code received} while it triages ({@code GET /referrals/{reference}}
 * then). When the API stays unavailable and the service has a {@code fallback-email}, the
 * referral goes into {@code partner_outbox} as an e-mail instead, once per job.
 */
public class VoluntaryServices {

  public static final String SYSTEM = "voluntary";

  /** What we ask a voluntary service for; {@code details}: the work asked for (e.g. a key safe), or null. */
  public record Referral(UUID referralId, String service, NhsNumber nhsNumber, String givenName, String familyName,
      String borough, String hospital, String ward, String plannedDischargeAt, String details) {

    /** A referral for the service's usual support, with nothing more to say. */
    public Referral(UUID referralId, String service, NhsNumber nhsNumber, String givenName, String familyName,
        String borough, String hospital, String ward, String plannedDischargeAt) {
      this(referralId, service, nhsNumber, givenName, familyName, borough, hospital, ward, plannedDischargeAt, null);
    }
  }

  public enum Status { RECEIVED, ACCEPTED, DECLINED, CANCELLED, REFERRED_BY_EMAIL }

  public record Progress(String reference, Status status, String reason) {

    /**
     * What a worker completes its job with: accepted, or sent to the service's inbox by e-mail,
     * under its own status and reference variables; a decline or cancellation is the BPMN error
     * {@code homefirst.rejected}; a referral still being triaged is asked about again later.
     */
    public Map<String, Object> completion(String statusVariable, String referenceVariable, String service,
        String who, Duration pollInterval) {
      return switch (status) {
        case ACCEPTED -> Map.of(statusVariable, "accepted", referenceVariable, reference);
        case REFERRED_BY_EMAIL -> Map.of(statusVariable, "referred-by-email", referenceVariable, reference);
        case DECLINED, CANCELLED -> throw PartnerRejection.of(service, reason);
        case RECEIVED -> throw new AwaitingPartner("waiting for " + who + " to triage referral " + reference,
            pollInterval);
      };
    }
  }

  private static final Logger log = LoggerFactory.getLogger(VoluntaryServices.class);
  private static final Map<String, Status> STATUSES = Map.of(
      "received", Status.RECEIVED, "accepted", Status.ACCEPTED, "declined", Status.DECLINED,
      "cancelled", Status.CANCELLED);
  private static final String EMAIL_PREFIX = "email:";
  private static final String JSON = "application/json";

  private final ObjectMapper json = new ObjectMapper();
  private final URI base;
  private final PartnerHttp http;
  private final PartnerReferrals referrals;
  private final JdbcClient db;
  private final Clock clock;
  private final Map<String, VoluntaryProperties.Service> services;

  public VoluntaryServices(URI baseUrl, PartnerHttp http, PartnerReferrals referrals, JdbcClient db, Clock clock,
      Map<String, VoluntaryProperties.Service> services) {
    this.base = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
    this.http = http;
    this.referrals = referrals;
    this.db = db;
    this.clock = clock;
    this.services = Map.copyOf(services);
  }

  /**
   * Refers (once per job key) and returns the service's answer.
   *
   * @throws PartnerUnavailable API unavailable and no e-mail fallback for the service
   * @throws PartnerDataRejected the answer is not what the API promises
   */
  public Progress refer(Referral referral, long jobKey) {
    String key = Idempotency.key(jobKey);
    PartnerReferral known = referrals.byKey(key).orElse(null);
    if (known != null && !known.referralId().equals(referral.referralId())) {
      throw new IdempotencyConflict(key, known.referralId(), referral.referralId());
    }
    if (known != null) {
      return progress(known);
    }
    PartnerHttp.Response response;
    try {
      response = http.send(new PartnerHttp.Call("request-support", "POST", base.resolve("referrals"), JSON,
          body(referral), key, referral.referralId(), "POST referrals service=" + referral.service()));
    } catch (PartnerUnavailable unavailable) {
      VoluntaryProperties.Service service = services.get(referral.service());
      if (service == null || service.fallbackEmail() == null || service.fallbackEmail().isBlank()) {
        throw unavailable;
      }
      return byEmail(referral, key, jobKey, service, unavailable);
    }
    if (!response.ok()) {
      throw bad(response, "the service refused the referral: HTTP " + response.status());
    }
    Progress progress = read(response);
    referrals.record(SYSTEM + "-" + referral.service(), "request-support", key, jobKey, referral.referralId(),
        progress.reference(), stored(progress.status()), progress.reason());
    return progress;
  }

  private Progress progress(PartnerReferral known) {
    if (known.downstreamId().startsWith(EMAIL_PREFIX)) {
      return new Progress(known.downstreamId(), Status.REFERRED_BY_EMAIL, null);
    }
    if (!known.status().equals("requested")) {
      Status status = switch (known.status()) {
        case "accepted" -> Status.ACCEPTED;
        case "cancelled" -> Status.CANCELLED;
        default -> Status.DECLINED;
      };
      return new Progress(known.downstreamId(), status, known.statusReason());
    }
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("read-referral", "GET",
        base.resolve("referrals/" + known.downstreamId()), JSON, null, known.idempotencyKey(), known.referralId(),
        "GET referrals/" + known.downstreamId()));
    if (!response.ok()) {
      throw bad(response, "the service could not find its referral " + known.downstreamId());
    }
    Progress progress = read(response);
    if (progress.status() != Status.RECEIVED) {
      referrals.updateStatus(known.idempotencyKey(), stored(progress.status()), progress.reason());
    }
    return progress;
  }

  /**
   * Withdraws a referral we made: {@code POST /referrals/{reference}/cancellation} (with
   * {@link Idempotency#withdrawal}), or, for one that went by e-mail, a cancellation e-mail in the
   * outbox (once per referral). Recorded as {@code cancelled} by {@code jobKey}.
   */
  public void withdraw(PartnerReferral known, String reason, long jobKey) {
    String service = known.system().substring(SYSTEM.length() + 1);
    if (known.downstreamId().startsWith(EMAIL_PREFIX)) {
      VoluntaryProperties.Service config = services.get(service);
      String recipient = config == null ? null : config.fallbackEmail();
      if (recipient != null) {
        db.sql("""
                insert into partner_outbox (system, idempotency_key, referral_id, recipient, subject, body, created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
            .params(known.system(), known.idempotencyKey() + "-withdrawn", known.referralId(), recipient,
                "Withdrawn: discharge support referral " + known.idempotencyKey(),
                "Home First withdraws referral " + known.idempotencyKey() + ": " + reason + "\n",
                Timestamp.from(clock.instant()))
            .update();
      }
      referrals.withdrawn(known.idempotencyKey(), reason, jobKey);
      return;
    }
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("cancel-referral", "POST",
        base.resolve("referrals/" + known.downstreamId() + "/cancellation"), JSON,
        json.createObjectNode().put("reason", reason).toString(), Idempotency.withdrawal(jobKey, known),
        known.referralId(), "POST referrals/" + known.downstreamId() + "/cancellation"));
    if (!response.ok()) {
      throw bad(response, service + " did not cancel referral " + known.downstreamId() + ": HTTP " + response.status());
    }
    if (read(response).status() != Status.CANCELLED) {
      throw bad(response, service + " did not cancel referral " + known.downstreamId());
    }
    referrals.withdrawn(known.idempotencyKey(), reason, jobKey);
  }

  private Progress byEmail(Referral referral, String key, long jobKey, VoluntaryProperties.Service service,
      PartnerUnavailable why) {
    String name = service.name() == null ? referral.service() : service.name();
    String subject = "Discharge support referral " + key;
    String body = "Home First referral for " + name + ".\n"
        + "Patient: " + referral.givenName() + " " + referral.familyName() + ", NHS number "
        + referral.nhsNumber().formatted() + "\n"
        + "Borough: " + referral.borough() + "; hospital: " + referral.hospital() + ", " + referral.ward() + "\n"
        + (referral.plannedDischargeAt() == null ? "" : "Planned discharge: " + referral.plannedDischargeAt() + "\n")
        + (referral.details() == null ? "" : "Asked for: " + referral.details() + "\n")
        + "Please reply to the discharge team to accept or decline. Reference: " + key + "\n";
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("""
            insert into partner_outbox (system, idempotency_key, referral_id, recipient, subject, body, created_at)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
        .params(SYSTEM + "-" + referral.service(), key, referral.referralId(), service.fallbackEmail(), subject, body, now)
        .update();
    referrals.record(SYSTEM + "-" + referral.service(), "request-support", key, jobKey, referral.referralId(),
        EMAIL_PREFIX + key, "requested", null);
    log.warn("Voluntary service {} API unavailable ({}); referral {} queued by e-mail to {}", referral.service(),
        why.getMessage(), key, service.fallbackEmail());
    return new Progress(EMAIL_PREFIX + key, Status.REFERRED_BY_EMAIL, null);
  }

  private static String stored(Status status) {
    return switch (status) {
      case ACCEPTED -> "accepted";
      case DECLINED -> "rejected";
      case CANCELLED -> "cancelled";
      case RECEIVED, REFERRED_BY_EMAIL -> "requested";
    };
  }

  private String body(Referral referral) {
    ObjectNode body = json.createObjectNode();
    body.put("service", referral.service());
    body.put("homefirstReferralId", referral.referralId().toString());
    body.put("nhsNumber", referral.nhsNumber().value());
    body.put("givenName", referral.givenName());
    body.put("familyName", referral.familyName());
    body.put("borough", referral.borough());
    body.put("hospital", referral.hospital());
    body.put("ward", referral.ward());
    body.put("plannedDischargeAt", referral.plannedDischargeAt());
    if (referral.details() != null) {
      body.put("details", referral.details());
    }
    return body.toString();
  }

  private Progress read(PartnerHttp.Response response) {
    JsonNode node;
    try {
      node = json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw bad(response, "the answer is not JSON");
    }
    String reference = node.path("reference").asText(null);
    Status status = STATUSES.get(node.path("status").asText(""));
    if (reference == null || reference.isBlank()) {
      throw bad(response, "the answer has no referral reference");
    }
    if (status == null) {
      throw bad(response, "unknown referral status " + PartnerAnswers.shortCode(node.path("status").asText(null))
          + " (expected one of " + STATUSES.keySet() + ")");
    }
    JsonNode reason = node.path("reason");
    return new Progress(reference, status, reason.isMissingNode() || reason.isNull() ? null : reason.asText());
  }

  private PartnerDataRejected bad(PartnerHttp.Response response, String message) {
    String text = "Bad data from the voluntary services API (correlation " + response.correlationId() + "): " + message;
    http.exchanges().relabelLast(response.correlationId(), "bad-data", text);
    return new PartnerDataRejected(text);
  }
}
