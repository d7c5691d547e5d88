package org.homefirst.workers.nelft;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.IdempotencyConflict;
import org.homefirst.workers.partners.PartnerAnswers;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one adapter to NELFT's community system (FHIR R4, UK Core identifiers). A referral is a
 * {@code ServiceRequest} for the patient by NHS number; its progress is the {@code Task} based on
 * it. Each job's request carries {@code Idempotency-Key: homefirst-job-<jobKey>} and the same key
 * as the ServiceRequest identifier, and is a FHIR conditional create on it
 * ({@code If-None-Exist: identifier=<system>|<key>}, which FHIR servers honour where they know no
 * Idempotency-Key), so a create retried after its answer was lost returns the first ServiceRequest
 * rather than making a second; the downstream id is kept in {@code partner_referral}, so a
 * retried job reads its referral back without asking again.
 * NELFT's decisions are read for many referrals at once ({@link #decisionsOn}). Nothing FHIR
 * leaves this class: callers get the recorded referral or a {@link Progress}.
 */
public class NelftCommunitySystem {

  public static final String SYSTEM = "nelft";

  /** NELFT services we refer to. */
  public enum Service {
    IRS_BED("nelft-irs", "Community rehabilitation bed (Intensive Rehabilitation Service)"),
    REABLEMENT("nelft-reablement", "Integrated reablement and rehabilitation"),
    CTT("nelft-ctt", "Community Treatment Team rapid response");

    final String code;
    final String display;

    Service(String code, String display) {
      this.code = code;
      this.display = display;
    }

    public String code() {
      return code;
    }
  }

  /** What we ask NELFT for, in the journey's words. */
  public record Referral(UUID referralId, NhsNumber nhsNumber, String givenName, String familyName,
      LocalDate dateOfBirth, String hospital, String ward, Service service) {}

  /** Where NELFT is with a referral. */
  public enum Status { REQUESTED, ACCEPTED, REJECTED, IN_PROGRESS, COMPLETED, CANCELLED;

    /** As stored in {@code partner_referral.status}. */
    public String code() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  /**
   * NELFT's referral id, its status and, when rejected, why; {@code correlationId} of the call
   * that told us.
   */
  public record Progress(String downstreamId, Status status, String reason, String correlationId) {}

  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
  static final String REQUEST_ID = "https://homefirst.nhs.uk/Id/service-request";
  static final String IF_NONE_EXIST = "If-None-Exist";
  static final String SERVICES = "https://homefirst.nhs.uk/CodeSystem/discharge-service";
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String FHIR_JSON = "application/fhir+json";
  private static final String NELFT_ODS = "RAT";
  private static final int SEARCH_BATCH = 50;
  private static final Logger log = LoggerFactory.getLogger(NelftCommunitySystem.class);
  /** HAPI's words for a code it does not know: "Unknown TaskStatus code 'pending-review'". */
  private static final Pattern UNKNOWN_CODE = Pattern.compile("Unknown (\\w+) code '([^']*)'");
  private static final Map<String, String> TRUST_ODS = Map.of(
      "bhrut-kgh", "RF4", "bhrut-queens", "RF4", "barts-whipps", "R1H");

  private final FhirContext fhir = FhirContext.forR4Cached();
  private final PartnerHttp http;
  private final PartnerReferrals referrals;
  private final URI base;
  private final Clock clock;

  public NelftCommunitySystem(URI baseUrl, PartnerHttp http, PartnerReferrals referrals, Clock clock) {
    this.base = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
    this.http = http;
    this.referrals = referrals;
    this.clock = clock;
  }

  /**
   * Refers the patient, once per job: a retried job gets back the referral its first run made
   * (from {@code partner_referral}, or from NELFT by the repeated key when the first answer was
   * lost). NELFT decides later: {@link #decisionsOn} reads its decisions.
   *
   * @return the referral as recorded ({@code requested} until a decision is read)
   * @throws org.homefirst.workers.partners.PartnerUnavailable NELFT not reachable, too slow or failing
   * @throws PartnerDataRejected NELFT's answer is not FHIR we can trust, or it refused the request as invalid
   */
  public PartnerReferral refer(Referral referral, long jobKey) {
    String key = Idempotency.key(jobKey);
    PartnerReferral known = referrals.byKey(key).orElse(null);
    if (known != null && referral != null && !known.referralId().equals(referral.referralId())) {
      throw new IdempotencyConflict(key, known.referralId(), referral.referralId());
    }
    if (known == null) {
      String downstreamId = create(referral, key);
      known = referrals.record(SYSTEM, "request-" + referral.service().code(), key, jobKey, referral.referralId(),
          downstreamId, Status.REQUESTED.code(), null);
    }
    return known;
  }

  /**
   * Where NELFT is with referrals we made, in one FHIR search per {@value #SEARCH_BATCH} of them
   * ({@code GET Task?based-on=ServiceRequest/a,ServiceRequest/b,...}) rather than a read per
   * referral. Records nothing: the caller decides what to keep. A Task we cannot trust (no status
   * we know, two Tasks for one referral) is left out, logged and marks the search as bad data;
   * Tasks about referrals we did not ask about are ignored.
   *
   * @return the progress of each referral NELFT has a Task for, in the order asked
   * @throws org.homefirst.workers.partners.PartnerUnavailable NELFT not reachable, too slow or failing
   * @throws PartnerDataRejected the answer is not a FHIR search Bundle (nothing from it can be used)
   */
  public List<Progress> decisionsOn(List<PartnerReferral> open) {
    List<Progress> found = new ArrayList<>();
    for (int from = 0; from < open.size(); from += SEARCH_BATCH) {
      found.addAll(search(open.subList(from, Math.min(open.size(), from + SEARCH_BATCH))));
    }
    return found;
  }

  private List<Progress> search(List<PartnerReferral> batch) {
    String basedOn = batch.stream().map(r -> "ServiceRequest/" + r.downstreamId()).collect(Collectors.joining(","));
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("search-tasks", "GET",
        base.resolve("Task?based-on=" + URLEncoder.encode(basedOn, StandardCharsets.UTF_8) + "&_count=" + batch.size()),
        FHIR_JSON, null, null, null, "GET Task search based-on " + batch.size() + " ServiceRequests"));
    if (!response.ok()) {
      throw refused(response, "the search for the Tasks of " + batch.size() + " referrals");
    }
    Bundle bundle = parse(response, Bundle.class, "a search Bundle of Tasks");
    Map<String, List<Task>> tasks = new HashMap<>();
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getResource() instanceof Task task) {
        for (Reference ref : task.getBasedOn()) {
          // "ServiceRequest/<id>", possibly absolute or with "/_history/<version>"
          String reference = ref.getReference() == null ? "" : ref.getReference();
          int at = reference.indexOf("ServiceRequest/");
          if (at >= 0) {
            String id = reference.substring(at + "ServiceRequest/".length()).split("/", 2)[0];
            tasks.computeIfAbsent(id, k -> new ArrayList<>()).add(task);
          }
        }
      }
    }
    List<Progress> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (PartnerReferral referral : batch) {
      List<Task> ofReferral = tasks.getOrDefault(referral.downstreamId(), List.of());
      if (ofReferral.isEmpty()) {
        continue;
      }
      if (ofReferral.size() > 1) {
        problems.add(ofReferral.size() + " Tasks based on ServiceRequest/" + referral.downstreamId());
        continue;
      }
      Task task = ofReferral.get(0);
      Status status = status(task);
      if (status == null) {
        problems.add("the Task of ServiceRequest/" + referral.downstreamId() + " has no status we know");
        continue;
      }
      found.add(new Progress(referral.downstreamId(), status,
          task.hasStatusReason() ? task.getStatusReason().getText() : null, response.correlationId()));
    }
    if (!problems.isEmpty()) {
      String text = "Bad data from NELFT (correlation " + response.correlationId() + "): " + String.join("; ", problems)
          + "; those referrals are left waiting";
      http.exchanges().relabelLast(response.correlationId(), "bad-data", text);
      log.error(text);
    }
    return found;
  }

  /**
   * Withdraws a referral we made (the patient declined, died, or changed pathway): the
   * ServiceRequest is revoked, which NELFT answers by cancelling its Task. Recorded as
   * {@code cancelled} by {@code jobKey}, whose calls carry {@link Idempotency#withdrawal}.
   */
  public void withdraw(PartnerReferral known, String reason, long jobKey) {
    String key = Idempotency.withdrawal(jobKey, known);
    URI uri = base.resolve("ServiceRequest/" + URLEncoder.encode(known.downstreamId(), StandardCharsets.UTF_8));
    PartnerHttp.Response read = http.send(new PartnerHttp.Call("read-service-request", "GET", uri, FHIR_JSON, null,
        key, known.referralId(), "GET ServiceRequest/" + known.downstreamId()));
    if (!read.ok()) {
      throw refused(read, "reading ServiceRequest/" + known.downstreamId());
    }
    ServiceRequest sr = parse(read, ServiceRequest.class, "the ServiceRequest");
    sr.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
    sr.getNote().clear();
    sr.addNote(new Annotation().setText(reason));
    PartnerHttp.Response response = http.send(new PartnerHttp.Call("revoke-service-request", "PUT", uri, FHIR_JSON,
        fhir.newJsonParser().encodeResourceToString(sr), key, known.referralId(),
        "PUT ServiceRequest/" + known.downstreamId() + " status=revoked"));
    if (!response.ok()) {
      throw refused(response, "revoking ServiceRequest/" + known.downstreamId());
    }
    ServiceRequest revoked = parse(response, ServiceRequest.class, "the revoked ServiceRequest");
    if (revoked.getStatus() != ServiceRequest.ServiceRequestStatus.REVOKED) {
      throw bad(response, "ServiceRequest/" + known.downstreamId() + " is still " + revoked.getStatus());
    }
    referrals.withdrawn(known.idempotencyKey(), reason, jobKey);
  }

  private String create(Referral referral, String key) {
    String body = fhir.newJsonParser().encodeResourceToString(serviceRequest(referral, key));
    // FHIR conditional create: a retry after a lost answer finds the first one by our identifier
    PartnerHttp.Call call = new PartnerHttp.Call("create-service-request", "POST", base.resolve("ServiceRequest"),
        FHIR_JSON, body, key, referral.referralId(), "POST ServiceRequest " + referral.service().code(),
        Map.of(IF_NONE_EXIST, "identifier=" + REQUEST_ID + "|" + key, "Prefer", "return=representation"));
    PartnerHttp.Response response = http.send(call);
    if (!response.ok()) {
      throw refused(response, "creating the ServiceRequest");
    }
    ServiceRequest created = parse(response, ServiceRequest.class, "the created ServiceRequest");
    if (!created.hasIdElement() || created.getIdElement().getIdPart() == null) {
      throw bad(response, "the created ServiceRequest has no id");
    }
    boolean ours = created.getIdentifier().stream().anyMatch(i -> REQUEST_ID.equals(i.getSystem()) && key.equals(i.getValue()));
    if (!ours) {
      throw bad(response, "the ServiceRequest returned does not carry our identifier " + key);
    }
    return created.getIdElement().getIdPart();
  }

  ServiceRequest serviceRequest(Referral referral, String key) {
    ServiceRequest sr = new ServiceRequest();
    sr.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest");
    sr.addIdentifier(new Identifier().setSystem(REQUEST_ID).setValue(key));
    sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    sr.addCategory(new CodeableConcept(new Coding(SNOMED, "3457005", "Patient referral")));
    sr.setCode(new CodeableConcept(new Coding(SERVICES, referral.service().code, referral.service().display)));
    Reference subject = new Reference().setIdentifier(new Identifier().setSystem(NHS_NUMBER)
        .setValue(referral.nhsNumber().value()));
    subject.setDisplay(((referral.givenName() == null ? "" : referral.givenName()) + " "
        + (referral.familyName() == null ? "" : referral.familyName())).trim());
    sr.setSubject(subject);
    sr.setAuthoredOn(Date.from(clock.instant()));
    String trust = TRUST_ODS.get(referral.hospital());
    if (trust != null) {
      sr.setRequester(new Reference().setIdentifier(new Identifier().setSystem(ODS_CODE).setValue(trust)));
    }
    sr.addPerformer(new Reference().setIdentifier(new Identifier().setSystem(ODS_CODE).setValue(NELFT_ODS))
        .setDisplay("North East London NHS Foundation Trust"));
    if (referral.ward() != null) {
      sr.addNote(new Annotation().setText("Patient is on " + referral.ward()));
    }
    return sr;
  }

  /** NELFT's Task status in our words; null for none we know. */
  private static Status status(Task task) {
    if (task.getStatus() == null) {
      return null;
    }
    return switch (task.getStatus()) {
      case DRAFT, REQUESTED, RECEIVED, READY -> Status.REQUESTED;
      case ACCEPTED -> Status.ACCEPTED;
      case REJECTED -> Status.REJECTED;
      case INPROGRESS, ONHOLD -> Status.IN_PROGRESS;
      case COMPLETED -> Status.COMPLETED;
      case CANCELLED, FAILED, ENTEREDINERROR -> Status.CANCELLED;
      case NULL -> null;
    };
  }

  private <T extends Resource> T parse(PartnerHttp.Response response, Class<T> type, String what) {
    IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try {
      return parser.parseResource(type, response.body());
    } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
      // the parser's message quotes the answer: only an unknown code is named, as a short code
      Matcher unknown = UNKNOWN_CODE.matcher(String.valueOf(e.getMessage()));
      throw bad(response, "NELFT did not answer with " + what + " in FHIR R4"
          + (unknown.find() ? " (unknown " + unknown.group(1) + " code " + PartnerAnswers.shortCode(unknown.group(2))
              + ")" : ""));
    }
  }

  /** The first issue's code of an OperationOutcome answer ({@code business-rule}...), if it is one. */
  private String issueCode(PartnerHttp.Response response) {
    try {
      OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
      String code = outcome.getIssueFirstRep().getCode() == null ? null : outcome.getIssueFirstRep().getCode().toCode();
      return code == null ? "" : " " + PartnerAnswers.shortCode(code);
    } catch (RuntimeException notAnOutcome) {
      return "";
    }
  }

  private PartnerDataRejected bad(PartnerHttp.Response response, String message) {
    String text = "Bad data from NELFT (correlation " + response.correlationId() + "): " + message;
    http.exchanges().relabelLast(response.correlationId(), "bad-data", text);
    return new PartnerDataRejected(text);
  }

  private PartnerDataRejected refused(PartnerHttp.Response response, String what) {
    String text = "NELFT refused " + what + ": HTTP " + response.status() + issueCode(response)
        + " (correlation " + response.correlationId() + ")";
    http.exchanges().relabelLast(response.correlationId(), "bad-data", text);
    return new PartnerDataRejected(text);
  }
}
