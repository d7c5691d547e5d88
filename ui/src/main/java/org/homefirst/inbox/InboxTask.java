package org.homefirst.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An open user task as the inbox shows it, with its patient and clock. */
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
    Instant dischargeReadyAt) {

  /** Time left before the task is due; negative once overdue; null when it has no clock. */
  public Duration timeLeft(Instant now) {
    return dueAt == null ? null : Duration.between(now, dueAt);
  }
}
