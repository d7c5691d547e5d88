package org.homefirst.referral;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.base.WhileBusy;
import org.homefirst.delay.Delays;
import org.homefirst.journey.JourneyLog;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;

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
    PATIENT_DECLINED("patient-declined", Map.of("declinedSupport", Kind.TEXT));

    final String code;
    final Map<String, Kind> fields;
    // Caught by boundary events of the pathway care sub-process only (processes/README.md).
    final boolean needsPathwayCare;

    Type(String code, Map<String, Kind> fields) {
      this.code = code;
      this.fields = fields;
      this.needsPathwayCare = code.equals("pathway-changed") || code.equals("patient-readmitted");
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

  private final ReferralIntake referrals;
  private final RuntimeService engine;
  private final TransactionTemplate tx;
  private final JourneyLog journey;
  private final Clock clock;

  private final org.homefirst.audit.AuditLog audit;
  private final Delays delays;

  JourneyEvents(ReferralIntake referrals, RuntimeService engine, TransactionTemplate tx, JourneyLog journey,
      Clock clock, org.homefirst.audit.AuditLog audit, Delays delays) {
    this.tx = tx;
    this.delays = delays;
    this.audit = audit;
    this.referrals = referrals;
    this.engine = engine;
    this.journey = journey;
    this.clock = clock;
  }

  /** The event codes the API accepts. */
  static List<String> codes() {
    return java.util.Arrays.stream(Type.values()).map(t -> t.code).toList();
  }

  /**
   * Checks the event and hands it to the patient's running journey.
   *
   * @throws InvalidReferral naming each bad field (nothing is sent)
   * @throws ReferralClosed when the journey has already ended
   */
  public void publish(UUID referralId, String type, Map<String, Object> values, String user) {
    Referral referral = referrals.find(referralId).orElseThrow(() -> new ReferralNotFound(referralId));
    Map<String, String> errors = new LinkedHashMap<>();
    Type t = Type.of(type);
    if (t == null) {
      throw new InvalidReferral(Map.of("type", "unknown event '" + type + "': one of " + String.join(", ", codes())));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, Object> given = values == null ? Map.of() : values;
    for (Map.Entry<String, Kind> f : t.fields.entrySet()) {
      Object v = given.get(f.getKey());
      if (v == null && f.getValue() == Kind.DATE_TIME) {
        v = clock.instant().toString();
      }
      String problem = problem(f.getValue(), v);
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
    // The message, the journey entry and the audit row commit together: an event is told once.
    // A step of the journey finishing at the same moment (a partner job, a timer) rolls the whole
    // transaction back; it is then told again, to the journey as it now stands.
    try {
      WhileBusy.run(() -> tx.executeWithoutResult(status -> {
        if (t == Type.DELAY_REPORTED) {
          // Stored, written on the journey, audited and told to the journey once, as from the inbox.
          delays.record(referralId, null, null, user, (String) variables.get("delayReason"),
              (String) variables.get("delayAttribution"), (String) variables.get("delaySetting"), null);
          return;
        }
        engine.createMessageCorrelation(t.messageName())
            .processInstanceBusinessKey(referralId.toString())
            .setVariables(variables)
            .correlateAllWithResult();
        journey.record(referralId, "EVENT_" + t.name(), user, variables.toString());
        audit.record(user, org.homefirst.audit.AuditLog.Action.RECORD_EVENT, referralId, null,
            type + " " + variables);
      }), busy -> new EngineUnavailable("The journey was busy; nothing was recorded, try again", busy));
    } catch (ProcessEngineException e) {
      throw new EngineUnavailable("The workflow engine could not take the event: " + e.getMessage(), e);
    }
  }

  /** Whether the journey is in its pathway care sub-process, where pathway changes and readmissions are caught. */
  public boolean inPathwayCare(Referral referral) {
    return journey.positionOf(referral).stream().anyMatch(p -> p.activeElementIds().contains("SubProcess_PathwayCare"));
  }

  private static String text(Map<String, Object> variables, String field) {
    return variables.get(field) instanceof String s ? s : null;
  }

  private static String problem(Kind kind, Object v) {
    if (v == null) {
      return "required";
    }
    if (v == null || (v instanceof String s && s.isBlank())) {
      return "required";
    }
    return switch (kind) {
      case TEXT -> v instanceof String s && s.length() <= 2000 ? null : "text of at most 2000 characters";
      case BOOLEAN -> v instanceof Boolean ? null : "true or false";
      case PATHWAY -> v instanceof Integer p && p >= 0 && p <= 3 ? null : "a pathway from 0 to 3";
      case ATTRIBUTION -> ATTRIBUTIONS.contains(v) ? null : "one of nhs, social-care, both";
      case SETTING -> SETTINGS.contains(v) ? null : "one of acute, non-acute";
      case DATE_TIME -> {
        try {
          OffsetDateTime.parse(String.valueOf(v));
          yield null;
        } catch (DateTimeParseException e) {
          yield "ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00Z";
        }
      }
    };
  }
}
