package org.homefirst.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.homefirst.referral.Hospital;

/**
 * An open user task as the inbox shows it, with its patient and clock: {@code clock} is the slaName
 * of the journey's running SLA clock that falls due when the task does (null: none), so a task due
 * by the clock of what it is part of can say which clock that is.
 */
public record InboxTask(
    long key,
    String elementId,
    String name,
    String formKey,
    List<String> candidateGroups,
    String assignee,
    Instant createdAt,
    Instant dueAt,
    UUID referralId,
    String nhsNumber,
    String patientName,
    String borough,
    String hospital,
    String ward,
    Instant dischargeReadyAt,
    String clock,
    String locality) {

  /** Without a locality (not a Redbridge resident's, or not known). */
  public InboxTask(long key, String elementId, String name, String formKey, List<String> candidateGroups,
      String assignee, Instant createdAt, Instant dueAt, UUID referralId, String nhsNumber, String patientName,
      String borough, String hospital, String ward, Instant dischargeReadyAt, String clock) {
    this(key, elementId, name, formKey, candidateGroups, assignee, createdAt, dueAt, referralId, nhsNumber,
        patientName, borough, hospital, ward, dischargeReadyAt, clock, null);
  }

  /** "Queen's Hospital (BHRUT) · Ward 7": where the patient is, in words. */
  public String where() {
    if (hospital == null) {
      return ward == null ? "" : ward;
    }
    String name = Hospital.ofCode(hospital).map(Hospital::label).orElse(hospital);
    return ward == null ? name : name + " · " + ward;
  }

  /** Time left before the task is due; negative once overdue; null when it has no clock. */
  public Duration timeLeft(Instant now) {
    return dueAt == null ? null : Duration.between(now, dueAt);
  }
}
