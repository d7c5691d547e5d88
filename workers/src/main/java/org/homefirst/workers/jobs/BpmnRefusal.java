package org.homefirst.workers.jobs;

import java.util.Map;

/**
 * A business refusal (a partner declining, a request that cannot be met): thrown by a handler, it
 * becomes the BPMN error {@code code} that the model catches with an error boundary, carrying
 * {@code variables} to the process. Not a fault: no retry, no incident.
 */
public class BpmnRefusal extends RuntimeException {

  private final String code;
  private final Map<String, Object> variables;

  public BpmnRefusal(String code, String message, Map<String, Object> variables) {
    super(message, null, false, false);
    this.code = code;
    this.variables = variables == null ? Map.of() : Map.copyOf(variables);
  }

  public String code() {
    return code;
  }

  public Map<String, Object> variables() {
    return variables;
  }
}
