package org.homefirst.audit;

import java.time.Instant;
import java.util.UUID;

/** One line of the audit log: who did or saw what, when. */
public record AuditEvent(
    long id, Instant at, String actor, String action, UUID referralId, String nhsNumber, Long taskKey, String detail) {}
