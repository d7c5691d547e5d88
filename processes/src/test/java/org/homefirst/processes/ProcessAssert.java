package org.homefirst.processes;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.runtime.ProcessInstance;

/**
 * AssertJ assertions on one process instance, read from the engine's history (full level): what it
 * passed, where it waits, whether it ended, its root-scope variables. Only the instance's own
 * elements count, not those of the instances it called (as Zeebe's BpmnAssert did).
 */
final class ProcessAssert extends AbstractAssert<ProcessAssert, ProcessInstance> {

  private final HistoryService history;

  private ProcessAssert(ProcessInstance actual) {
    super(actual, ProcessAssert.class);
    ProcessEngine engine = TestEngine.engine();
    this.history = engine.getHistoryService();
  }

  static ProcessAssert assertThat(ProcessInstance instance) {
    return new ProcessAssert(instance);
  }

  private List<HistoricActivityInstance> activities() {
    return history.createHistoricActivityInstanceQuery().processInstanceId(actual.getId()).list();
  }

  private HistoricProcessInstance instance() {
    return history.createHistoricProcessInstanceQuery().processInstanceId(actual.getId()).singleResult();
  }

  private long passedCount(String elementId) {
    return activities().stream()
        .filter(a -> a.getActivityId().equals(elementId) && a.getEndTime() != null && !a.isCanceled())
        .count();
  }

  /** The element completed at least once in this instance. */
  ProcessAssert hasPassedElement(String elementId) {
    isNotNull();
    if (passedCount(elementId) == 0) {
      failWithMessage("expected %s to have passed %s, passed %s", actual.getId(), elementId, passedIds());
    }
    return this;
  }

  /** The element completed exactly {@code times} times in this instance. */
  ProcessAssert hasPassedElement(String elementId, int times) {
    isNotNull();
    long count = passedCount(elementId);
    if (count != times) {
      failWithMessage("expected %s to have passed %s %d times, but was %d", actual.getId(), elementId, times, count);
    }
    return this;
  }

  ProcessAssert hasNotPassedElement(String elementId) {
    isNotNull();
    if (passedCount(elementId) != 0) {
      failWithMessage("expected %s not to have passed %s", actual.getId(), elementId);
    }
    return this;
  }

  /** The elements completed in this order (others may come between them). */
  ProcessAssert hasPassedElementsInOrder(String... elementIds) {
    isNotNull();
    Assertions.assertThat(passedIds()).as("elements passed in order").containsSubsequence(elementIds);
    return this;
  }

  /**
   * Completed elements in completion order. Elements ending in the same millisecond keep their
   * creation order, except that a scope (sub-process, call activity) comes after what ended inside it.
   */
  private List<String> passedIds() {
    List<HistoricActivityInstance> done = new ArrayList<>(activities().stream()
        .filter(a -> a.getEndTime() != null && !a.isCanceled())
        .sorted(Comparator.comparing(HistoricActivityInstance::getEndTime)
            .thenComparing(a -> Journey.number(a.getId())))
        .toList());
    Map<String, String> parents = new HashMap<>();
    activities().forEach(a -> parents.put(a.getId(), a.getParentActivityInstanceId()));
    for (int i = 0; i < done.size(); i++) {
      HistoricActivityInstance scope = done.get(i);
      int lastInside = -1;
      for (int j = i + 1; j < done.size() && done.get(j).getEndTime().equals(scope.getEndTime()); j++) {
        if (isInside(done.get(j).getId(), scope.getId(), parents)) {
          lastInside = j;
        }
      }
      if (lastInside > i) {
        done.add(lastInside, done.remove(i));
        i--;
      }
    }
    return done.stream().map(HistoricActivityInstance::getActivityId).toList();
  }

  private static boolean isInside(String id, String scopeId, Map<String, String> parents) {
    for (String p = parents.get(id); p != null; p = parents.get(p)) {
      if (p.equals(scopeId)) {
        return true;
      }
    }
    return false;
  }

  /** The instance is active and waits at (at least) each of these elements. */
  ProcessAssert isWaitingAtElements(String... elementIds) {
    isActive();
    List<String> waiting = activities().stream().filter(a -> a.getEndTime() == null)
        .map(HistoricActivityInstance::getActivityId).toList();
    Assertions.assertThat(waiting).as("elements %s waits at", actual.getId()).contains(elementIds);
    return this;
  }

  ProcessAssert isCompleted() {
    isNotNull();
    HistoricProcessInstance instance = instance();
    if (!HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState())) {
      failWithMessage("expected %s to be completed, but was %s", actual.getId(), instance.getState());
    }
    return this;
  }

  ProcessAssert isActive() {
    isNotNull();
    HistoricProcessInstance instance = instance();
    if (!HistoricProcessInstance.STATE_ACTIVE.equals(instance.getState())) {
      failWithMessage("expected %s to be active, but was %s", actual.getId(), instance.getState());
    }
    return this;
  }

  /** The variable's current value in the instance's root scope, compared as JSON would show it. */
  ProcessAssert hasVariableWithValue(String name, Object expected) {
    isNotNull();
    var variable = history.createHistoricVariableInstanceQuery().processInstanceId(actual.getId())
        .variableName(name).list().stream()
        .filter(v -> actual.getId().equals(v.getActivityInstanceId())).findFirst();
    if (variable.isEmpty()) {
      failWithMessage("expected %s to have variable %s", actual.getId(), name);
    }
    Object value = Journey.asJson(variable.get().getValue());
    Object wanted = Journey.asJson(expected);
    if (!Objects.equals(value, wanted)) {
      failWithMessage("expected variable %s of %s to be <%s> but was <%s>", name, actual.getId(), wanted, value);
    }
    return this;
  }

  /** No variable of that name in the instance's root scope (e.g. a called process's own variables). */
  ProcessAssert hasNoVariable(String name) {
    isNotNull();
    boolean present = history.createHistoricVariableInstanceQuery().processInstanceId(actual.getId())
        .variableName(name).list().stream().anyMatch(v -> actual.getId().equals(v.getActivityInstanceId()));
    if (present) {
      failWithMessage("expected %s to have no variable %s", actual.getId(), name);
    }
    return this;
  }

  /** AssertJ's own assertions, reachable next to this class's {@code assertThat}. */
  private static final class Assertions extends org.assertj.core.api.Assertions {}

}
