package org.homefirst.workers.jobs;

import java.util.Map;

/**
 * The one thing workers ask of the engine besides their own jobs: correlating a message to the
 * journeys waiting for it (ADR 0001 §3). The application provides it over the engine
 * ({@link EngineJourneyMessages}); the separate worker process has none, since its REST access is
 * limited to external tasks.
 */
public interface JourneyMessages {

  /**
   * To every instance of the journey {@code businessKey} (the referral id) waiting for the message;
   * none waiting means nothing happens.
   *
   * @return how many took it
   */
  int toJourney(String message, String businessKey, Map<String, Object> variables);

  /**
   * To the one wait whose local variable {@code name} equals {@code value}, the variables set on its
   * process instance.
   *
   * @return false when nothing waits for it (yet): nothing changed
   */
  boolean toWait(String message, String name, Object value, Map<String, Object> variables);
}
