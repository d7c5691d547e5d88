package org.homefirst.journey;

import java.time.Instant;
import java.util.List;

/**
 * One step of a patient's journey, from the engine or from a person. Besides what was stored
 * ({@code detail} of an engine element step is the engine's event type, e.g. NONE), what the
 * timeline needs to tell it: the element's type in the engine, its process instance, the teams
 * and form of a user task, and a partner's decision brought by a message.
 */
public record JourneyEntry(
    Instant at, String source, String kind, String elementId, String elementName, String actor, String detail,
    String elementType, Long instanceKey, List<String> teams, String formKey, PartnerDecision partnerDecision) {

  /** A partner's answer to one of our requests: who ({@code system} as stored), accepted or not, why. */
  public record PartnerDecision(String system, boolean accepted, String reason) {}

  public JourneyEntry {
    teams = teams == null ? List.of() : List.copyOf(teams);
  }

  /** A short sentence for people reading the timeline with engine detail. */
  public String describe() {
    String what = elementName != null ? elementName : elementId;
    return switch (kind) {
      case "ELEMENT_ACTIVATED" -> "Started: " + what;
      case "ELEMENT_COMPLETED" -> "Completed: " + what;
      case "ELEMENT_TERMINATED" -> "Stopped: " + what;
      case "REFERRAL_RECEIVED" -> "Referral received";
      case "LOCALITY_CHOSEN" -> "Redbridge locality chosen";
      case "TASK_CLAIMED" -> "Task claimed: " + what;
      case "TASK_UNCLAIMED" -> "Task released: " + what;
      case "TASK_COMPLETED" -> "Task completed: " + what;
      case "JOB_FAILED" -> "Partner call failed: " + what;
      case "INCIDENT_CREATED" -> "Needs an operator: " + what;
      case "INCIDENT_RESOLVED" -> "Resolved: " + what;
      case "INCIDENT_RETRIED" -> "Operator asked for a retry";
      case "TIMER_TRIGGERED" -> "Clock ran out: " + what;
      case "MESSAGE_CORRELATED" -> "Message received" + (what == null ? "" : ": " + what);
      case "COMMENT_ADDED" -> "Comment" + (what == null ? "" : " on " + what);
      case "DELAY_RECORDED" -> "Delay recorded";
      case "TASK_ASSIGNED" -> "Task assigned: " + what;
      default -> kind + (what == null ? "" : ": " + what);
    };
  }

  /** Whether the model gives the element a name (an element "named" by its id is not). */
  boolean named() {
    return elementName != null && !elementName.isBlank() && !elementName.equals(elementId);
  }

  boolean byEngine() {
    return "ENGINE".equals(source);
  }
}
