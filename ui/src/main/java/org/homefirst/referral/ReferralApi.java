package org.homefirst.referral;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.journey.JourneyEntry;
import org.homefirst.journey.JourneyLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The intake API: how wards and hospital systems refer patients for discharge support. */
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralApi {

  record Created(UUID id, String status) {}

  record Task(String id, String name, List<String> candidateGroups, String assignee, Instant dueAt) {}

  record Event(Instant at, String kind, String element, String actor, String detail) {}

  record Details(
      UUID id,
      String nhsNumber,
      String givenName,
      String familyName,
      LocalDate dateOfBirth,
      String borough,
      String hospital,
      String ward,
      Instant admittedAt,
      Instant dischargeReadyAt,
      String status,
      Instant createdAt,
      Instant closedAt,
      List<Task> openTasks,
      List<Event> history) {}

  record JourneyEvent(String type, Map<String, Object> values) {}

  private final ReferralIntake intake;
  private final TaskInbox inbox;
  private final JourneyLog journey;
  private final JourneyEvents events;

  ReferralApi(ReferralIntake intake, TaskInbox inbox, JourneyLog journey, JourneyEvents events) {
    this.intake = intake;
    this.inbox = inbox;
    this.journey = journey;
    this.events = events;
  }

  /** Something happened to the patient (ward round, ADT feed, death...): tell the journey. */
  @PostMapping("/{id}/events")
  ResponseEntity<Void> event(@PathVariable String id, @RequestBody JourneyEvent event, Principal principal) {
    events.publish(referralId(id), event.type(), event.values(), principal.getName());
    return ResponseEntity.accepted().build();
  }

  @PostMapping
  ResponseEntity<Created> refer(@RequestBody ReferralRequest request, Principal principal) {
    Referral referral = intake.receive(request, principal.getName());
    return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id()))
        .body(new Created(referral.id(), referral.status()));
  }

  @GetMapping("/{id}")
  ResponseEntity<Details> get(@PathVariable String id) {
    UUID uuid = referralId(id);
    return ResponseEntity.ok(details(intake.find(uuid).orElseThrow(() -> new ReferralNotFound(id))));
  }

  /** A path id that is not a UUID names no referral: the same 404 as an unknown one. */
  private static UUID referralId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ReferralNotFound(id);
    }
  }

  private Details details(Referral r) {
    List<Task> tasks =
        inbox.openTasksOf(r).stream()
            .map(t -> new Task(String.valueOf(t.key()), t.name(), t.candidateGroups(), t.assignee(), t.dueAt()))
            .toList();
    List<Event> history =
        journey.of(r).stream()
            .map(e -> new Event(e.at(), e.kind(), e.elementName(), e.actor(), e.detail()))
            .toList();
    return new Details(
        r.id(), r.nhsNumber(), r.givenName(), r.familyName(), r.dateOfBirth(), r.borough().code(),
        r.hospital().code(), r.ward(), r.admittedAt(), r.dischargeReadyAt(), r.status(),
        r.createdAt(), r.closedAt(), tasks, history);
  }

  @ExceptionHandler(InvalidReferral.class)
  ResponseEntity<ProblemDetail> invalid(InvalidReferral e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "The request has invalid fields: " + String.join(", ", e.fieldErrors().keySet()));
    p.setTitle("Invalid request");
    p.setProperty(
        "errors",
        e.fieldErrors().entrySet().stream().map(f -> Map.of("field", f.getKey(), "message", f.getValue())).toList());
    return ResponseEntity.badRequest().body(p);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not a JSON referral object");
    p.setTitle("Invalid referral");
    p.setProperty("errors", List.of(Map.of("field", "body", "message", "malformed JSON")));
    return ResponseEntity.badRequest().body(p);
  }

  @ExceptionHandler(ReferralNotFound.class)
  ResponseEntity<ProblemDetail> missing(ReferralNotFound e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    p.setTitle("Referral not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
  }

  @ExceptionHandler(ReferralClosed.class)
  ResponseEntity<ProblemDetail> closed(ReferralClosed e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setTitle("Journey has ended");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
  }

  @ExceptionHandler(DuplicateReferral.class)
  ResponseEntity<ProblemDetail> duplicate(DuplicateReferral e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "This patient already has an open referral: " + e.existingId());
    p.setTitle("Duplicate referral");
    p.setProperty("existingReferral", "/api/v1/referrals/" + e.existingId());
    p.setProperty("existingReferralId", e.existingId());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
  }

  @ExceptionHandler(EngineUnavailable.class)
  ResponseEntity<ProblemDetail> engineDown(EngineUnavailable e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The workflow engine is not available, so the referral was not stored. Try again shortly.");
    p.setTitle("Workflow engine unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30").body(p);
  }
}
