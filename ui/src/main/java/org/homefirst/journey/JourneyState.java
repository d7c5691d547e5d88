package org.homefirst.journey;

import java.time.Instant;
import org.homefirst.base.Formats;

/**
 * Where the patient is now, in words, for the journey page's header: in hospital (awaiting triage,
 * pathway being decided, discharge being planned), discharged (home with no new support, home with
 * reablement, in a community rehab bed, in a care home or interim bed), or how the journey ended
 * (died, declined support, withdrawn, closed). Told from the workflow's facts, not from the
 * referral row: the referral's status only says whether the journey still runs.
 *
 * @param code a short stable name of the state (tests, the page's {@code data-state})
 * @param words the state as the page says it
 */
record JourneyState(String code, String words) {

  /** The facts the state is told from, read by {@link JourneyLog#stateFacts}. */
  record Facts(String status, String ending, Integer pathway, boolean discharged, int readmissions,
      boolean awaitingTriage, Instant plannedDischargeAt, boolean homeFromRehabBed) {

    Facts(String status, String ending, Integer pathway, boolean discharged, int readmissions,
        boolean awaitingTriage, Instant plannedDischargeAt) {
      this(status, ending, pathway, discharged, readmissions, awaitingTriage, plannedDischargeAt, false);
    }
  }

  /**
   * How the journey's model ends it early: the start events of its interrupting event
   * sub-processes (from then on the journey only tells the services and withdraws requests).
   */
  static final String DIED = "StartEvent_PatientDied";
  static final String DECLINED = "StartEvent_PatientDeclined";
  /**
   * Pathway 2's end when the bed stay review sends the patient home without further support: the
   * pathway stays 2 (nothing steps down), so only this end tells that they left the rehab bed.
   */
  static final String HOME_FROM_REHAB_BED = "EndEvent_HomeWithoutSupport";

  static JourneyState of(Facts f) {
    if (DIED.equals(f.ending())) {
      return new JourneyState("died", "Died; the journey ends and every service is told");
    }
    if (DECLINED.equals(f.ending())) {
      return new JourneyState("declined", "Declined further support; the journey ends");
    }
    if ("CANCELLED".equals(f.status())) {
      return new JourneyState("withdrawn", "Closed: the referral was withdrawn");
    }
    if (f.homeFromRehabBed() && Integer.valueOf(2).equals(f.pathway())) {
      return "COMPLETED".equals(f.status())
          ? new JourneyState("closed", "Closed: discharged home from a community rehab bed (pathway 2)")
          : new JourneyState("home-after-rehab-bed", "At home after a community rehab bed (pathway 2)");
    }
    if ("COMPLETED".equals(f.status())) {
      return f.discharged() && f.pathway() != null
          ? new JourneyState("closed", "Closed: " + afterDischarge(f.pathway(), true))
          : new JourneyState("closed", "Closed");
    }
    if (f.discharged() && f.pathway() != null) {
      return new JourneyState(discharged(f.pathway()), sentence(afterDischarge(f.pathway(), false)));
    }
    String hospital = f.readmissions() > 0 ? "Back in hospital (readmitted)" : "In hospital";
    if (f.awaitingTriage()) {
      return new JourneyState("awaiting-triage", hospital + ", awaiting triage");
    }
    if (f.pathway() == null) {
      return new JourneyState("deciding-pathway", hospital + ", pathway being decided");
    }
    String planned = f.plannedDischargeAt() == null ? "discharge being planned"
        : "discharge planned for " + Formats.dateTime(f.plannedDischargeAt());
    return new JourneyState("discharge-planned", hospital + ", " + planned + " on pathway " + f.pathway()
        + " (" + pathwayWords(f.pathway()) + ")");
  }

  private static String discharged(int pathway) {
    return switch (pathway) {
      case 0 -> "home-no-support";
      case 1 -> "home-with-reablement";
      case 2 -> "community-bed";
      default -> "care-home";
    };
  }

  /** Where a pathway takes the patient (the national definitions; the models record no destination). */
  private static String afterDischarge(int pathway, boolean ended) {
    return switch (pathway) {
      case 0 -> (ended ? "discharged home" : "at home") + ", no new support (pathway 0)";
      case 1 -> (ended ? "discharged home" : "at home") + " with reablement (pathway 1)";
      case 2 -> (ended ? "discharged to" : "in") + " a community rehab bed (pathway 2)";
      default -> (ended ? "discharged to" : "in") + " a care home or interim bed (pathway 3)";
    };
  }

  static String pathwayWords(int pathway) {
    return switch (pathway) {
      case 0 -> "home, no new support";
      case 1 -> "home with support";
      case 2 -> "community rehab bed";
      default -> "care home";
    };
  }

  private static String sentence(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
