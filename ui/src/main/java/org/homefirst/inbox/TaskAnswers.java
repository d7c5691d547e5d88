package org.homefirst.inbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.exception.NullValueException;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.instance.ExtensionElements;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputOutput;
import org.springframework.stereotype.Component;

/**
 * Hands a form's answers to the engine the way the model expects them. A task whose model maps its
 * outputs (the rejection decisions: only some answers go on, some only in some cases) gets the
 * answers as its own local variables, and its output mappings decide what reaches the journey; any
 * other task's answers become journey variables, as a submitted form always did.
 */
@Component
public class TaskAnswers {

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final Map<String, Boolean> mapsOutputs = new ConcurrentHashMap<>();

  private final IdentityService identity;

  TaskAnswers(TaskService tasks, RuntimeService runtime, RepositoryService repository, IdentityService identity) {
    this.identity = identity;
    this.tasks = tasks;
    this.runtime = runtime;
    this.repository = repository;
  }

  /**
   * Completes the open task with the answers (in the caller's transaction, if any).
   *
   * @throws NullValueException when the task is no longer open
   */
  public void give(long taskKey, Map<String, Object> answers) {
    give(null, taskKey, answers);
  }

  /**
   * Completes the task as the person who submitted the form: the engine's current user while the
   * task completes, so a model can record who decided ({@code ${currentUser()}}, section 117).
   */
  public void give(String username, long taskKey, Map<String, Object> answers) {
    if (username == null) {
      complete(taskKey, answers);
      return;
    }
    identity.setAuthenticatedUserId(username);
    try {
      complete(taskKey, answers);
    } finally {
      identity.clearAuthentication();
    }
  }

  private void complete(long taskKey, Map<String, Object> answers) {
    String id = Long.toString(taskKey);
    Task task = tasks.createTaskQuery().taskId(id).singleResult();
    if (task == null) {
      throw new NullValueException("Cannot find task with id " + id);
    }
    if (mapsOutputs(task)) {
      runtime.setVariablesLocal(task.getExecutionId(), answers);
      tasks.complete(id);
    } else {
      tasks.complete(id, answers);
    }
  }

  private boolean mapsOutputs(Task task) {
    return mapsOutputs.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), k -> {
      UserTask element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(task.getTaskDefinitionKey());
      ExtensionElements extensions = element == null ? null : element.getExtensionElements();
      return extensions != null && extensions.getElementsQuery().filterByType(OperatonInputOutput.class).list()
          .stream().anyMatch(io -> !io.getOperatonOutputParameters().isEmpty());
    });
  }
}
