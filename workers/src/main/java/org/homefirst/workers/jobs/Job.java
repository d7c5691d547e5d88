package org.homefirst.workers.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A unit of work the engine hands a worker: one external task, as either runner fetched it. The
 * handlers see only this, never the engine's or the REST client's types, so they run unchanged in
 * the application and in the separate worker process.
 *
 * @param id the external task id: a decimal string (the engine's ids come from a PostgreSQL
 *     sequence, ADR 0001 §1), the same on every retry of the task
 * @param topic the topic (the former Zeebe job type)
 * @param businessKey the journey's business key, the referral id (ADR 0001 §2)
 * @param retries the retries left, null on the first run (the engine sets them with the first failure)
 */
public record Job(String id, String topic, String processInstanceId, String businessKey, String activityId,
    Integer retries, Map<String, Object> variables) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public Job {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables == null ? Map.of() : variables));
  }

  /** The id as the number our tables store ({@code job_key}) and idempotency keys are built from. */
  public long key() {
    return Long.parseLong(id);
  }

  /** One variable, or null. */
  public Object variable(String name) {
    return variables.get(name);
  }

  /** The variables read into a small record (unknown ones ignored). */
  public <T> T variablesAs(Class<T> type) {
    return JSON.convertValue(variables, type);
  }
}
