package org.homefirst.workers.partners;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.jobs.EngineJourneyMessages;
import org.homefirst.workers.jobs.JourneyMessages;

/**
 * The engine's messages as the application has them, noting every decision a wait took, so a
 * test can say what reached the engine and how often.
 */
public class RecordingMessages implements JourneyMessages {

  private record Delivery(Object value, Map<String, Object> variables) {}

  private final JourneyMessages engine = new EngineJourneyMessages(TestEngine.engine().getRuntimeService());
  private final List<Delivery> delivered = new CopyOnWriteArrayList<>();

  @Override
  public int toJourney(String message, String businessKey, Map<String, Object> variables) {
    return engine.toJourney(message, businessKey, variables);
  }

  @Override
  public boolean toWait(String message, String name, Object value, Map<String, Object> variables) {
    boolean taken = engine.toWait(message, name, value, variables);
    if (taken) {
      delivered.add(new Delivery(value, Map.copyOf(variables)));
    }
    return taken;
  }

  /** The variables of every decision a wait took for that request key. */
  public List<Map<String, Object>> published(String requestKey) {
    return delivered.stream().filter(d -> d.value().equals(requestKey)).map(Delivery::variables).toList();
  }
}
