package org.homefirst.benchmark;

import java.util.Map;

/**
 * What the load needs from a system under test: refer a patient, find the open task of a step as a
 * user's queue shows it, claim and complete it, see that a journey is completed, and count finished
 * journeys. Implemented by the whole
 * application ({@link EndToEnd}) and by a bare engine ({@link BareEngine}).
 */
interface JourneySystem extends AutoCloseable {

  /** A referral made: its id (the journey's business key) and the patient's NHS number. */
  record Referred(String id, String nhsNumber) {}

  /** Refers a patient as a referrer does; returns when the referral is acknowledged. */
  Referred refer(String nhsNumber) throws Exception;

  /** The open task of that element of the referral's journey, as its team's queue shows it, or null. */
  String openTask(Referred referral, String elementId);

  /** Claims and completes the task as the given user with the form's values. */
  void claimAndComplete(String user, String taskId, Map<String, Object> values);

  /** Whether the referral's journey is completed, as the system shows it. */
  boolean journeyCompleted(Referred referral);

  /** Journeys finished so far (all time). */
  long journeysCompleted();

  /** CPU seconds used so far by this JVM and the system's PostgreSQL server. */
  Cpu.Reading cpu();

  /** A short name for the table. */
  String name();
}
