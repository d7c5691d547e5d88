package org.homefirst.simulators.nelft;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.SimulatedPartner;

/**
 * A stand-in for NELFT's community system as a FHIR R4 server: referrals are created with
 * {@code POST /fhir/ServiceRequest} (patient by NHS number), each gets a {@code Task} whose status
 * says where it is ({@code requested} -> {@code accepted} / {@code rejected}), read with
 * {@code GET /fhir/Task?based-on=ServiceRequest/<id>,ServiceRequest/<id2>,...} (many at once).
 * Like a FHIR server, it knows no {@code Idempotency-Key} (it only notes it for tests): a create is
 * made once only when it is conditional, {@code If-None-Exist: identifier=<system>|<value>}, which
 * returns the one ServiceRequest holding that identifier (200) and creates nothing, and refuses
 * with 412 when several hold it. Decisions are made by {@link #accept}/{@link #reject}, or
 * automatically by {@link #decideAutomatically} (the demo).
 */
public final class NelftSimulator extends SimulatedPartner {

  /** How new referrals are decided. */
  public enum Decision { PENDING, ACCEPT, REJECT }

  /** A referral NELFT holds. */
  public record StoredReferral(String serviceRequestId, String taskId, String idempotencyKey, String identifier,
      String nhsNumber, String service, String taskStatus, String statusReason) {}

  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  private static final String FHIR_JSON = "application/fhir+json";

  private final FhirContext fhir = FhirContext.forR4Cached();
  private final Map<String, ServiceRequest> requests = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, String> byKey = new LinkedHashMap<>();
  private final Map<String, Instant> decideAt = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private volatile Decision decision = Decision.PENDING;
  private volatile Duration decisionDelay = Duration.ZERO;
  private volatile String rejectionReason = "No community rehabilitation bed available";

  private NelftSimulator() {
    super("NELFT");
  }

  /** Starts listening on 127.0.0.1 at that port (0: any free port). */
  public static NelftSimulator start(int port) {
    NelftSimulator simulator = new NelftSimulator();
    simulator.listen(port);
    return simulator;
  }

  @Override
  protected String rootPath() {
    return "/fhir";
  }

  /** New referrals are accepted or rejected {@code after} their creation (PENDING: only by hand). */
  public void decideAutomatically(Decision decision, Duration after) {
    this.decision = decision;
    this.decisionDelay = after;
  }

  /** Every referral from now on is rejected at once with that reason (business rejection). */
  public void rejecting(String reason) {
    this.rejectionReason = reason;
    decideAutomatically(Decision.REJECT, Duration.ZERO);
  }

  public synchronized void accept(String serviceRequestId) {
    decide(serviceRequestId, Task.TaskStatus.ACCEPTED, null);
  }

  public synchronized void reject(String serviceRequestId, String reason) {
    decide(serviceRequestId, Task.TaskStatus.REJECTED, reason);
  }

  public synchronized List<StoredReferral> referrals() {
    List<StoredReferral> list = new ArrayList<>();
    for (ServiceRequest sr : requests.values()) {
      String id = sr.getIdElement().getIdPart();
      Task task = tasks.get(id);
      String key = byKey.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
          .findFirst().orElse(null);
      list.add(new StoredReferral(id, task.getIdElement().getIdPart(), key,
          sr.getIdentifierFirstRep().getValue(), sr.getSubject().getIdentifier().getValue(),
          sr.getCode().getCodingFirstRep().getCode(), task.getStatus().toCode(),
          task.getStatusReason().getText()));
    }
    return list;
  }

  @Override
  protected synchronized Reply handle(Request request) {
    decideDue();
    if (request.method().equals("POST") && request.path().equals("/ServiceRequest")) {
      return create(request);
    }
    if (request.method().equals("GET") && request.path().equals("/Task")) {
      return searchTasks(request.query().getOrDefault("based-on", ""));
    }
    if (request.method().equals("PUT") && request.path().startsWith("/ServiceRequest/")) {
      return update(request.path().substring("/ServiceRequest/".length()), request.body());
    }
    if (request.method().equals("GET") && request.path().startsWith("/ServiceRequest/")) {
      ServiceRequest sr = requests.get(request.path().substring("/ServiceRequest/".length()));
      return sr == null ? outcome(404, "not-found", "No such ServiceRequest") : Reply.of(200, FHIR_JSON, json(sr));
    }
    return outcome(404, "not-supported", "No such endpoint: " + request.method() + " " + request.path());
  }

  private Reply create(Request request) {
    String key = request.header("Idempotency-Key");
    String condition = request.header("If-None-Exist");
    if (condition != null) {
      if (!condition.startsWith("identifier=") || !condition.contains("|")) {
        return outcome(400, "invalid", "If-None-Exist must be identifier=<system>|<value>");
      }
      String[] identifier = condition.substring("identifier=".length()).split("\\|", 2);
      List<ServiceRequest> matches = requests.values().stream().filter(sr -> sr.getIdentifier().stream()
          .anyMatch(i -> identifier[0].equals(i.getSystem()) && identifier[1].equals(i.getValue()))).toList();
      if (matches.size() > 1) {
        return outcome(412, "duplicate", "More than one ServiceRequest matches If-None-Exist");
      }
      if (matches.size() == 1) {
        return Reply.of(200, FHIR_JSON, json(matches.get(0)));
      }
    }
    ServiceRequest incoming;
    try {
      incoming = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
          .parseResource(ServiceRequest.class, request.body());
    } catch (DataFormatException e) {
      return outcome(400, "structure", "Not a FHIR R4 ServiceRequest: " + e.getMessage());
    }
    Identifier patient = incoming.getSubject().getIdentifier();
    if (!NHS_NUMBER.equals(patient.getSystem()) || !NhsNumber.isValid(patient.getValue())) {
      return outcome(422, "business-rule", "ServiceRequest.subject must identify the patient by a valid NHS number");
    }
    String id = "sr-" + UUID.randomUUID().toString().substring(0, 8) + "-" + ids.incrementAndGet();
    incoming.setId(id);
    incoming.getMeta().setVersionId("1").setLastUpdated(new Date());
    requests.put(id, incoming);
    if (key != null) {
      byKey.putIfAbsent(key, id);
    }
    Task task = new Task();
    task.setId("task-" + id.substring(3));
    task.addIdentifier(incoming.getIdentifierFirstRep().copy());
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.addBasedOn(new Reference("ServiceRequest/" + id));
    task.setFocus(new Reference("ServiceRequest/" + id));
    task.setFor(incoming.getSubject().copy());
    task.setAuthoredOn(new Date());
    task.setLastModified(new Date());
    tasks.put(id, task);
    if (decision != Decision.PENDING) {
      decideAt.put(id, Instant.now().plus(decisionDelay));
      decideDue();
    }
    return new Reply(201, FHIR_JSON, json(incoming), Map.of("Location", baseUrl() + "/ServiceRequest/" + id + "/_history/1"));
  }

  /** The requester revokes its referral: the ServiceRequest is revoked and its Task cancelled. */
  private Reply update(String id, String body) {
    ServiceRequest stored = requests.get(id);
    if (stored == null) {
      return outcome(404, "not-found", "No such ServiceRequest");
    }
    ServiceRequest incoming;
    try {
      incoming = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
          .parseResource(ServiceRequest.class, body);
    } catch (DataFormatException e) {
      return outcome(400, "structure", "Not a FHIR R4 ServiceRequest: " + e.getMessage());
    }
    if (!id.equals(incoming.getIdElement().getIdPart())) {
      return outcome(400, "invalid", "ServiceRequest.id must match the URL");
    }
    if (incoming.getStatus() != ServiceRequest.ServiceRequestStatus.REVOKED) {
      return outcome(422, "business-rule", "Only revoking a referral is supported");
    }
    stored.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
    Task task = tasks.get(id);
    task.setStatus(Task.TaskStatus.CANCELLED);
    task.setStatusReason(new CodeableConcept().setText(incoming.getNoteFirstRep().getText() == null
        ? "Revoked by the requester" : incoming.getNoteFirstRep().getText()));
    task.setLastModified(new Date());
    decideAt.remove(id);
    return Reply.of(200, FHIR_JSON, json(stored));
  }

  /**
   * {@code GET Task?based-on=ServiceRequest/a,ServiceRequest/b}: the Tasks of those referrals (a
   * comma is FHIR's "or"), as a searchset Bundle; referrals it does not hold are left out.
   */
  private Reply searchTasks(String basedOn) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    for (String reference : basedOn.split(",")) {
      String id = reference.startsWith("ServiceRequest/") ? reference.substring("ServiceRequest/".length()) : "";
      Task task = tasks.get(id);
      if (task != null) {
        bundle.addEntry().setFullUrl(baseUrl() + "/Task/" + task.getIdElement().getIdPart()).setResource(task)
            .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
      }
    }
    bundle.setTotal(bundle.getEntry().size());
    return Reply.of(200, FHIR_JSON, json(bundle));
  }

  private void decideDue() {
    Instant now = Instant.now();
    decideAt.entrySet().removeIf(e -> {
      if (e.getValue().isAfter(now)) {
        return false;
      }
      if (decision == Decision.ACCEPT) {
        decide(e.getKey(), Task.TaskStatus.ACCEPTED, null);
      } else if (decision == Decision.REJECT) {
        decide(e.getKey(), Task.TaskStatus.REJECTED, rejectionReason);
      }
      return true;
    });
  }

  private void decide(String serviceRequestId, Task.TaskStatus status, String reason) {
    Task task = tasks.get(serviceRequestId);
    if (task == null) {
      throw new IllegalArgumentException("NELFT holds no ServiceRequest " + serviceRequestId);
    }
    task.setStatus(status);
    task.setLastModified(new Date());
    if (reason != null) {
      task.setStatusReason(new CodeableConcept().setText(reason));
    }
  }

  @Override
  protected Reply malformed(Request request) {
    return Reply.of(request.method().equals("POST") ? 201 : 200, FHIR_JSON,
        "{\"resourceType\":\"ServiceRequest\",\"id\":\"sr-9\",\"status\":");
  }

  @Override
  protected synchronized Reply unknownCodes(Request request) {
    return withStatusReplaced(request, "requested|accepted|rejected|active", "pending-review");
  }

  @Override
  protected Reply failure(int status) {
    return outcome(status, "transient", "NELFT community system unavailable");
  }

  private Reply outcome(int status, String code, String text) {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.fromCode(code)).setDiagnostics(text);
    return Reply.of(status, FHIR_JSON, json(outcome));
  }

  private String json(Resource resource) {
    IParser parser = fhir.newJsonParser();
    return parser.encodeResourceToString(resource);
  }
}
