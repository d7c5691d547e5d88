package org.homefirst.referral;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake API: how wards and hospital systems refer patients for discharge support, read a
 * referral and tell its journey what happened. Who may read or write which patient is decided by
 * {@link org.homefirst.inbox.ReferralAccess}: a patient the caller may not see is answered exactly
 * as an unknown one (404), and audited. Bodies with fields the API does not know are refused
 * naming them; writes take an {@code Idempotency-Key} so that a retried request acts once.
 */
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralApi {

  private static final Logger log = LoggerFactory.getLogger(ReferralApi.class);

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

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
      String postcode,
      String locality,
      List<Task> openTasks,
      List<Event> history) {}

  record JourneyEvent(String type, Map<String, Object> values) {}

  private final ReferralIntake intake;
  private final TaskInbox inbox;
  private final JourneyLog journey;
  private final JourneyEvents events;
  private final IdempotencyKeys keys;
  private final ObjectMapper json;
  /** Reads bodies strictly: a field twice or text after the object is as wrong as an unknown field. */
  private final ObjectMapper strict;

  ReferralApi(ReferralIntake intake, TaskInbox inbox, JourneyLog journey, JourneyEvents events,
      IdempotencyKeys keys, ObjectMapper json) {
    this.intake = intake;
    this.inbox = inbox;
    this.journey = journey;
    this.events = events;
    this.keys = keys;
    this.json = json;
    this.strict = json.copy()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** Something happened to the patient (ward round, ADT feed, death...): tell the journey. */
  @PostMapping("/{id}/events")
  ResponseEntity<String> event(@PathVariable String id, @RequestBody(required = false) String body,
      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key, Authentication caller) {
    TeamMember me = TeamMember.of(caller);
    return once(me, key, "/api/v1/referrals/" + id + "/events", body, keyOf -> {
      JourneyEvent event = read(body, JourneyEvent.class, "a journey event");
      UUID referral = referralId(id, me, "API: record " + event.type());
      events.publish(referral, event.type(), event.values(), me,
          () -> keyOf.record(referral, HttpStatus.ACCEPTED, null, null));
      return ResponseEntity.accepted().build();
    });
  }

  @PostMapping
  ResponseEntity<String> refer(@RequestBody(required = false) String body,
      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key, Authentication caller) {
    TeamMember me = TeamMember.of(caller);
    return once(me, key, "/api/v1/referrals", body, keyOf -> {
      ReferralRequest request = read(body, ReferralRequest.class, "a referral");
      Referral referral = intake.receive(request, me,
          id -> keyOf.record(id, HttpStatus.CREATED, location(id), write(new Created(id, "OPEN"))));
      return ResponseEntity.created(URI.create(location(referral.id()))).contentType(MediaType.APPLICATION_JSON)
          .body(write(new Created(referral.id(), referral.status())));
    });
  }

  @GetMapping("/{id}")
  ResponseEntity<Details> get(@PathVariable String id, Authentication caller) {
    TeamMember me = TeamMember.of(caller);
    UUID uuid = referralId(id, me, "API: read referral");
    Referral referral = intake.open(me, uuid, "API: read referral").orElseThrow(() -> new ReferralNotFound(id));
    return ResponseEntity.ok(details(referral));
  }

  /** Records a write's key with the answer it gives, inside the write's transaction. */
  private interface KeyOf {
    void record(UUID referral, HttpStatus status, String location, String body);
  }

  /** A write: it acts, recording its key (if any) in its own transaction, and answers. */
  private interface Write {
    ResponseEntity<String> act(KeyOf keyOf);
  }

  /**
   * Runs a write once per {@code Idempotency-Key}: a key already answered gets that answer again
   * (or 422 if it came with another request); otherwise the write acts and its key is recorded in
   * the same transaction. Without a key the write simply acts.
   */
  private ResponseEntity<String> once(TeamMember me, String key, String path, String body, Write write) {
    if (key == null) {
      return write.act((referral, status, location, answer) -> { });
    }
    if (!IdempotencyKeys.wellFormed(key)) {
      throw new InvalidReferral(Map.of(IDEMPOTENCY_KEY,
          "the Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID"));
    }
    String hash = IdempotencyKeys.hash("POST", path, body);
    var answered = keys.answered(me.username(), key);
    if (answered.isPresent()) {
      return replay(answered.get(), hash);
    }
    try {
      return write.act((referral, status, location, answer) -> keys.record(me.username(), key, hash,
          new IdempotencyKeys.Answer(hash, status.value(), location, answer), referral));
    } catch (IdempotencyKeys.Taken taken) {
      // A request with the same key committed while this one ran: this one did nothing.
      return replay(keys.answered(me.username(), key).orElseThrow(), hash);
    }
  }

  private static ResponseEntity<String> replay(IdempotencyKeys.Answer answer, String hash) {
    if (!answer.requestHash().equals(hash)) {
      throw new KeyReused();
    }
    ResponseEntity.BodyBuilder reply = ResponseEntity.status(answer.status()).header("Idempotent-Replayed", "true");
    if (answer.location() != null) {
      reply.header(HttpHeaders.LOCATION, answer.location());
    }
    if (answer.body() == null) {
      return reply.build();
    }
    return reply.contentType(MediaType.APPLICATION_JSON).body(answer.body());
  }

  private static String location(UUID id) {
    return "/api/v1/referrals/" + id;
  }

  /**
   * The body as the record, refusing fields the record does not have (all of them named), a field
   * given twice and anything after the object.
   */
  private <T extends Record> T read(String body, Class<T> type, String what) {
    JsonNode tree;
    try {
      tree = strict.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new UnreadableBody(what);
    }
    if (tree == null || !tree.isObject()) {
      throw new UnreadableBody(what);
    }
    Set<String> known = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    tree.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      throw new UnknownFields(unknown, what);
    }
    try {
      return strict.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      String field = e.getPath().isEmpty() ? "body" : e.getPath().getFirst().getFieldName();
      throw new InvalidReferral(Map.of(field == null ? "body" : field, "not the kind of value this field takes"));
    } catch (JsonProcessingException e) {
      throw new UnreadableBody(what);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A path id that is not a UUID names no referral: the same 404 as an unknown one, and audited
   * like one (someone trying ids).
   */
  private UUID referralId(String id, TeamMember me, String what) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      intake.refusedUnknown(me, id, what);
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
        r.createdAt(), r.closedAt(), r.postcode(), r.locality(), tasks, history);
  }

  /** The body is not JSON, or not an object. */
  static class UnreadableBody extends RuntimeException {
    UnreadableBody(String what) {
      super("The body is not a JSON object (" + what + ")");
    }
  }

  /** The body has fields the API does not take; each is named. */
  static class UnknownFields extends RuntimeException {
    final List<String> fields;
    final String what;

    UnknownFields(List<String> fields, String what) {
      super("Unknown fields " + fields);
      this.fields = List.copyOf(fields);
      this.what = what;
    }
  }

  /** The same Idempotency-Key came with another request. */
  static class KeyReused extends RuntimeException {}

  @ExceptionHandler(InvalidReferral.class)
  ResponseEntity<ProblemDetail> invalid(InvalidReferral e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "Some fields need attention, so nothing was done: " + e.fieldErrors().entrySet()
                .stream().map(f -> FieldLabels.of(f.getKey()) + " (" + f.getValue() + ")")
                .collect(Collectors.joining("; ")));
    p.setTitle("Invalid request");
    // "field" is the JSON name, for programs; "label" and "message" are for people.
    p.setProperty(
        "errors",
        e.fieldErrors().entrySet().stream().map(f -> Map.of("field", f.getKey(), "label", FieldLabels.of(f.getKey()),
            "message", f.getValue())).toList());
    return problem(p);
  }

  @ExceptionHandler(UnknownFields.class)
  ResponseEntity<ProblemDetail> unknownFields(UnknownFields e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The body has fields that are not part of " + e.what + ": " + String.join(", ", e.fields)
            + ". Nothing was done; check their spelling against the API.");
    p.setTitle("Unknown fields");
    p.setProperty("unknownFields", e.fields);
    p.setProperty("errors", e.fields.stream()
        .map(f -> Map.of("field", f, "message", "not a field of " + e.what)).toList());
    return problem(p);
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, UnreadableBody.class})
  ResponseEntity<ProblemDetail> unreadable(Exception e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not a JSON object of the kind expected");
    p.setTitle("Invalid request body");
    p.setProperty("errors", List.of(Map.of("field", "body", "message", "malformed JSON")));
    return problem(p);
  }

  @ExceptionHandler(ReferralNotFound.class)
  ResponseEntity<ProblemDetail> missing(ReferralNotFound e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    p.setTitle("Referral not found");
    return problem(p);
  }

  @ExceptionHandler(EventRefused.class)
  ResponseEntity<ProblemDetail> refused(EventRefused e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    p.setTitle("Not permitted");
    return problem(p);
  }

  @ExceptionHandler(KeyReused.class)
  ResponseEntity<ProblemDetail> keyReused(KeyReused e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
        "This Idempotency-Key was already used with a different request (another body or address)."
            + " Nothing was done; send a new request with a new key.");
    p.setTitle("Idempotency-Key reused");
    return problem(p);
  }

  @ExceptionHandler(ReferralClosed.class)
  ResponseEntity<ProblemDetail> closed(ReferralClosed e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setTitle("Journey has ended");
    return problem(p);
  }

  @ExceptionHandler(DuplicateReferral.class)
  ResponseEntity<ProblemDetail> duplicate(DuplicateReferral e) {
    if (e.existingId() == null) {
      // Not one the caller may see: say that there is one, not which.
      ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
          "This patient already has an open referral, so nothing was stored. It is not one you can see;"
              + " the patient's discharge team can tell you more.");
      p.setTitle("Duplicate referral");
      return problem(p);
    }
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "This patient already has an open referral: " + e.existingId());
    p.setTitle("Duplicate referral");
    p.setProperty("existingReferral", location(e.existingId()));
    p.setProperty("existingReferralId", e.existingId());
    return problem(p);
  }

  @ExceptionHandler(EngineUnavailable.class)
  ResponseEntity<ProblemDetail> engineDown(EngineUnavailable e) {
    // The engine's own words are for the operators' log, not for the caller.
    log.warn("The workflow engine could not take {}: {}", e.what(), String.valueOf(e.getCause()));
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    p.setTitle("Workflow engine unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
