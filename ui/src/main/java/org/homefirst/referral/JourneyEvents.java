package org.homefirst.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.base.PlainText;
import org.homefirst.base.WhileBusy;
import org.homefirst.delay.Delays;
import org.homefirst.inbox.ReferralAccess;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyLog;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Things that happen to a patient outside the inbox (a ward round, an ADT discharge or
 * readmission, a death, a decision to decline support) and that the running journey must react
 * to. Each becomes an engine message correlated by referral id (see processes/README.md).
 */
@Service
public class JourneyEvents {

  /** Event types and the fields each needs (besides those optional ones the models accept). */
  enum Type {
    CRITERIA_TO_RESIDE_REVIEWED("criteria-to-reside-reviewed", Map.of("meetsCriteriaToReside", Kind.BOOLEAN, "reviewedAt", Kind.DATE_TIME)),
    DELAY_REPORTED("delay-reported", Map.of("delayReason", Kind.TEXT, "delayAttribution", Kind.ATTRIBUTION, "delaySetting", Kind.SETTING)),
    PATIENT_DISCHARGED("patient-discharged", Map.of("dischargedAt", Kind.DATE_TIME)),
    PATIENT_READMITTED("patient-readmitted", Map.of("readmittedAt", Kind.DATE_TIME)),
    PATHWAY_CHANGED("pathway-changed", Map.of("newPathway", Kind.PATHWAY, "pathwayChangeReason", Kind.TEXT)),
    PATIENT_DIED("patient-died", Map.of("diedAt", Kind.DATE_TIME)),
    PATIENT_DECLINED("patient-declined", Map.of("declinedSupport", Kind.TEXT)),
    // Who recorded it is added from the signed-in member, never taken from the request.
    HOSPITAL_ASSESSMENT_DECLINED("hospital-assessment-declined", Map.of("hasCapacityForDecision", Kind.BOOLEAN));

    final String code;
    final Map<String, Kind> fields;
    // Caught by boundary events of the pathway care sub-process only (processes/README.md).
    final boolean needsPathwayCare;

    Type(String code, Map<String, Kind> fields) {
      this.code = code;
      this.fields = fields;
      this.needsPathwayCare = code.equals("pathway-changed") || code.equals("patient-readmitted")
          || code.equals("hospital-assessment-declined");
    }

    String messageName() {
      return "homefirst." + code;
    }

    static Type of(String code) {
      for (Type t : values()) {
        if (t.code.equals(code)) {
          return t;
        }
      }
      return null;
    }
  }

  enum Kind { TEXT, BOOLEAN, DATE_TIME, PATHWAY, ATTRIBUTION, SETTING }

  private static final Set<String> ATTRIBUTIONS = Set.of("nhs", "social-care", "both");
  private static final Set<String> SETTINGS = Set.of("acute", "non-acute");

  /** How the fields of free text are called in messages. */
  private static final Map<String, String> WORDS = Map.of(
      "delayReason", "the delay reason", "pathwayChangeReason", "the reason for the change",
      "declinedSupport", "the support declined and the advice given");

  private final ReferralIntake referrals;
  private final RuntimeService engine;
  private final TransactionTemplate tx;
  private final JourneyLog journey;
  private final Clock clock;
  private final AuditLog audit;
  private final Delays delays;
  private final ReferralAccess access;
  private final IdentityService identity;

  JourneyEvents(ReferralIntake referrals, RuntimeService engine, TransactionTemplate tx, JourneyLog journey,
      Clock clock, AuditLog audit, Delays delays, ReferralAccess access, IdentityService identity) {
    this.tx = tx;
    this.identity = identity;
    this.delays = delays;
    this.audit = audit;
    this.referrals = referrals;
    this.engine = engine;
    this.journey = journey;
    this.clock = clock;
    this.access = access;
  }

  /** The event codes the API accepts. */
  static List<String> codes() {
    return Arrays.stream(Type.values()).map(t -> t.code).toList();
  }

  /** Whether the event ends the journey and tells every service (a death, a declined support). */
  public static boolean endsTheJourney(String type) {
    Type t = Type.of(type);
    return t == Type.PATIENT_DIED || t == Type.PATIENT_DECLINED;
  }

  /**
   * Whether only the ward staff and the patient's discharge team may record the event: a death or
   * a declined support (they end the journey), or a decision to decline assessment in hospital.
   */
  public static boolean forCoordinatorsOnly(String type) {
    return endsTheJourney(type) || Type.of(type) == Type.HOSPITAL_ASSESSMENT_DECLINED;
  }

  /**
   * Whether the member may record a death, a declined support or a declined assessment in hospital
   * for this patient ({@link ReferralAccess}).
   */
  public boolean mayRecordEnding(TeamMember member, UUID referralId) {
    return access.mayRecordEnding(member, referralId);
  }

  /**
   * Checks the event and hands it to the patient's running journey, as the member.
   *
   * @throws ReferralNotFound when there is no such referral or the member may not see it (audited)
   * @throws EventRefused when the member may not record this event for the patient (audited)
   * @throws InvalidReferral naming each bad field (nothing is sent)
   * @throws ReferralClosed when the journey has already ended
   */
  public void publish(UUID referralId, String type, Map<String, Object> values, TeamMember member) {
    publish(referralId, type, values, member, () -> { });
  }

  /**
   * As {@link #publish(UUID, String, Map, TeamMember)}; {@code alsoInTransaction} runs first in the
   * transaction that sends the event (an API request's idempotency key), so both commit or neither.
   */
  void publish(UUID referralId, String type, Map<String, Object> values, TeamMember member,
      Runnable alsoInTransaction) {
    Checked event = check(referralId, type, values, member);
    Type t = event.type();
    Map<String, Object> variables = event.variables();
    String user = member.username();
    // The message, the journey entry and the audit row commit together: an event is told once.
    // A step of the journey finishing at the same moment (a partner job, a timer) rolls the whole
    // transaction back; it is then told again, to the journey as it now stands.
    try {
      WhileBusy.run(() -> tx.executeWithoutResult(status -> {
        alsoInTransaction.run();
        if (t == Type.DELAY_REPORTED) {
          // Stored, written on the journey, audited and told to the journey once, as from the inbox.
          delays.record(referralId, null, null, user, (String) variables.get("delayReason"),
              (String) variables.get("delayAttribution"), (String) variables.get("delaySetting"), null);
          return;
        }
        EngineUser.as(identity, user, () -> engine.createMessageCorrelation(t.messageName())
            .processInstanceBusinessKey(referralId.toString())
            .setVariables(variables)
            .correlateAllWithResult());
        journey.record(referralId, "EVENT_" + t.name(), user, variables.toString());
        audit.record(user, AuditLog.Action.RECORD_EVENT, referralId, null, type + " " + variables);
      }), busy -> new EngineUnavailable("the event " + type, busy));
    } catch (ProcessEngineException e) {
      throw new EngineUnavailable("the event " + type, e);
    }
  }

  /**
   * What would be refused if the member recorded the event now, field by field (empty: it would
   * be taken). The page asks before it asks the person to confirm a death or a declined support.
   * Refusals of the patient or of the action are thrown as by {@link #publish}.
   */
  public Map<String, String> problems(UUID referralId, String type, Map<String, Object> values, TeamMember member) {
    try {
      check(referralId, type, values, member);
      return Map.of();
    } catch (InvalidReferral invalid) {
      return invalid.fieldErrors();
    }
  }

  private record Checked(Type type, Map<String, Object> variables) {}

  private Checked check(UUID referralId, String type, Map<String, Object> values, TeamMember member) {
    Referral referral = referrals.find(referralId).filter(r -> access.canSee(member, r.id())).orElse(null);
    if (referral == null) {
      access.refused(member, referralId, "record " + type + " on the journey");
      throw new ReferralNotFound(referralId);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Type t = Type.of(type);
    if (t == null) {
      throw new InvalidReferral(Map.of("type", "unknown event '" + type + "': one of " + String.join(", ", codes())));
    }
    if (forCoordinatorsOnly(type) && !access.mayRecordEnding(member, referralId)) {
      access.refused(member, referralId, "record " + type + ": neither ward staff of the patient's hospital"
          + " nor the patient's discharge team");
      throw new EventRefused("Only " + access.whoMayRecordEnding(referralId) + " may record " + switch (t) {
        case PATIENT_DIED -> "a death";
        case HOSPITAL_ASSESSMENT_DECLINED -> "that the patient declines assessment in hospital";
        default -> "that the patient declined support";
      } + "; nothing was recorded");
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, Object> given = values == null ? Map.of() : values;
    for (Map.Entry<String, Kind> f : t.fields.entrySet()) {
      Object v = given.get(f.getKey());
      if (v == null && f.getValue() == Kind.DATE_TIME) {
        v = clock.instant().toString();
      }
      String problem = problem(f.getKey(), f.getValue(), v, referral);
      if (problem != null) {
        errors.put(f.getKey(), problem);
      } else {
        variables.put(f.getKey(), v);
      }
    }
    for (String key : given.keySet()) {
      if (!t.fields.containsKey(key)) {
        errors.put(key, "not a field of " + type);
      }
    }
    if (t == Type.DELAY_REPORTED) {
      // Stored like a delay recorded in the inbox, so its reason must be one the returns can group.
      delays.problems(text(variables, "delayReason"), text(variables, "delayAttribution"),
              text(variables, "delaySetting"), null)
          .keySet().forEach(field -> errors.putIfAbsent(field, "one of " + String.join(", ", delays.codes(field))));
    }
    if (!errors.isEmpty()) {
      throw new InvalidReferral(errors);
    }
    if (!"OPEN".equals(referral.status())) {
      throw new ReferralClosed(referralId, referral.status());
    }
    if (t.needsPathwayCare && !inPathwayCare(referral)) {
      // The engine would drop the message (nothing is waiting for it): say so instead.
      throw new InvalidReferral(Map.of("type", type + " applies once a pathway is under way; this journey is not on a"
          + " pathway yet (confirm the pathway in its task instead)"));
    }
    if (t == Type.HOSPITAL_ASSESSMENT_DECLINED) {
      if (journey.variable(referral, "dischargedAt").filter(v -> !"null".equals(v)).isPresent()) {
        throw new InvalidReferral(Map.of("type", "the patient has left hospital: needs are assessed at home already"));
      }
      variables.put("declineRecordedBy", member.username());
    }
    return new Checked(t, variables);
  }

  /** Whether the journey is in its pathway care sub-process, where pathway changes and readmissions are caught. */
  public boolean inPathwayCare(Referral referral) {
    return journey.positionOf(referral).stream().anyMatch(p -> p.activeElementIds().contains("SubProcess_PathwayCare"));
  }

  private static String text(Map<String, Object> variables, String field) {
    return variables.get(field) instanceof String s ? s : null;
  }

  private String problem(String field, Kind kind, Object v, Referral referral) {
    if (v == null || (v instanceof String s && s.isBlank())) {
      return "required";
    }
    return switch (kind) {
      case TEXT -> !(v instanceof String s) || s.length() > 2000 ? "text of at most 2000 characters"
          : PlainText.problemInText(s, WORDS.getOrDefault(field, "the text"));
      case BOOLEAN -> v instanceof Boolean ? null : "true or false";
      case PATHWAY -> v instanceof Integer p && p >= 0 && p <= 3 ? null : "a pathway from 0 to 3";
      case ATTRIBUTION -> ATTRIBUTIONS.contains(v) ? null : "one of nhs, social-care, both";
      case SETTING -> SETTINGS.contains(v) ? null : "one of acute, non-acute";
      case DATE_TIME -> {
        Instant at;
        try {
          at = OffsetDateTime.parse(String.valueOf(v)).toInstant();
        } catch (DateTimeParseException e) {
          yield "ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00Z";
        }
        if (at.isAfter(clock.instant().plus(ReferralValidation.CLOCK_SKEW))) {
          yield "cannot be in the future";
        }
        // Everything told about a journey happens after the admission it started with.
        yield at.isBefore(referral.admittedAt()) ? "cannot be before the admission ("
            + referral.admittedAt() + ")" : null;
      }
    };
  }
}
