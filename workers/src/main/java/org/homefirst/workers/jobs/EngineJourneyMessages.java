package org.homefirst.workers.jobs;

import java.util.Map;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.operaton.bpm.engine.RuntimeService;

/** {@link JourneyMessages} over the embedded engine's {@link RuntimeService}. */
public class EngineJourneyMessages implements JourneyMessages {

  private final RuntimeService runtime;

  public EngineJourneyMessages(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public int toJourney(String message, String businessKey, Map<String, Object> variables) {
    return runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey).setVariables(variables)
        .correlateAllWithResult().size();
  }

  @Override
  public boolean toWait(String message, String name, Object value, Map<String, Object> variables) {
    try {
      runtime.createMessageCorrelation(message).localVariableEquals(name, value).setVariables(variables)
          .correlateWithResult();
      return true;
    } catch (MismatchingMessageCorrelationException nothingWaits) {
      return false;
    }
  }
}
