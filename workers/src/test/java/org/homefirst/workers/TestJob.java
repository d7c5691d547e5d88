package org.homefirst.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A job as the engine hands it to a worker (the engine's {@link ActivatedJob} interface), with
 * the variables given; the same instance handed twice is the same job retried.
 */
public record TestJob(long key, String type, Map<String, Object> variables) implements ActivatedJob {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static TestJob of(String type, Map<String, Object> variables) {
    return new TestJob(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), type, new LinkedHashMap<>(variables));
  }

  @Override public long getKey() { return key; }
  @Override public String getType() { return type; }
  @Override public long getProcessInstanceKey() { return key + 1; }
  @Override public String getBpmnProcessId() { return "homefirst-discharge-journey"; }
  @Override public int getProcessDefinitionVersion() { return 1; }
  @Override public long getProcessDefinitionKey() { return 1; }
  @Override public String getElementId() { return "Task"; }
  @Override public long getElementInstanceKey() { return key + 2; }
  @Override public Map<String, String> getCustomHeaders() { return Map.of(); }
  @Override public String getWorker() { return "test"; }
  @Override public int getRetries() { return 3; }
  @Override public long getDeadline() { return System.currentTimeMillis() + 300_000; }
  @Override public String getVariables() { return toJson(variables); }
  @Override public Map<String, Object> getVariablesAsMap() { return new LinkedHashMap<>(variables); }
  @Override public <T> T getVariablesAsType(Class<T> type) { return JSON.convertValue(variables, type); }
  @Override public Object getVariable(String name) { return variables.get(name); }
  @Override public String toJson() { return toJson(Map.of("key", key, "type", type, "variables", variables)); }
  @Override public String getTenantId() { return "<default>"; }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
