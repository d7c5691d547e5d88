package org.homefirst.journey;

import java.time.Instant;

/** One step of a patient's journey, from the engine or from a person. */
public record JourneyEntry(
    Instant at, String source, String kind, String elementId, String elementName, String actor, String detail) {

  /** A short sentence for people reading the timeline. */
  public String describe() {
    String what = elementName != null ? elementName : elementId;
    return switch (kind) {
      case "ELEMENT_ACTIVATED" -> "Started: " + what;
      case "ELEMENT_COMPLETED" -> "Completed: " + what;
      case "ELEMENT_TERMINATED" -> "Stopped: " + what;
      case "REFERRAL_RECEIVED" -> "Referral received";
      case "TASK_CLAIMED" -> "Task claimed: " + what;
      case "TASK_UNCLAIMED" -> "Task released: " + what;
      case "TASK_COMPLETED" -> "Task completed: " + what;
      case "JOB_FAILED" -> "Partner call failed: " + what;
      case "INCIDENT_CREATED" -> "Needs an operator: " + what;
      case "INCIDENT_RESOLVED" -> "Resolved: " + what;
      case "TIMER_TRIGGERED" -> "Clock ran out: " + what;
      case "MESSAGE_CORRELATED" -> "Message received" + (what == null ? "" : ": " + what);
      case "COMMENT_ADDED" -> "Comment" + (what == null ? "" : " on " + what);
      case "DELAY_RECORDED" -> "Delay recorded";
      case "TASK_ASSIGNED" -> "Task assigned: " + what;
      default -> kind + (what == null ? "" : ": " + what);
    };
  }
}
