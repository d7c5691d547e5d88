package org.homefirst.workers.partners;

/**
 * A job's idempotency key is already recorded for another patient's referral. Job keys are
 * unique within one engine's life; this means the engine's state was reset while our database
 * was kept. Never answered by reusing the other referral: the job goes to an incident.
 */
public class IdempotencyConflict extends IllegalArgumentException {

  public IdempotencyConflict(String key, Object recordedFor, Object requestedFor) {
    super("Idempotency key " + key + " was used for referral " + recordedFor + ", not " + requestedFor
        + ": the engine's job keys have restarted (engine state reset while the database was kept?)");
  }
}
