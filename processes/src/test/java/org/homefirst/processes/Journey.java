package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homefirst.processes.engine.FeelValues;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputOutput;

/**
 * Drives the Home First models on the shared Operaton engine ({@link TestEngine}) the way the
 * application does: user tasks are completed through the task service, service tasks are external
 * tasks fetched and completed like a worker does, partners' rejections are BPMN errors, messages are
 * correlated by business key (journey events) or by the wait's local {@code partnerRequestKey}
 * (partner decisions), and clocks move with {@link #advance(Duration)}.
 */
final class Journey {

  static final List<String> MODELS =
      List.of(
          "discharge-journey.bpmn",
          "trusted-assessment.bpmn",
          "discharge.bpmn",
          "pathway-0.bpmn",
          "pathway-1.bpmn",
          "pathway-2.bpmn",
          "pathway-3.bpmn",
          "chc.bpmn",
          "section-117.bpmn",
          "sla-escalation.bpmn",
          "discharge-team-routing.dmn",
          "triage-pathway-suggestion.dmn",
          "reablement-service.dmn",
          "voluntary-service.dmn",
          "s117-apportionment.dmn");

  /** SLA and clock defaults, as the application passes them from configuration. */
  static Map<String, Object> clockDefaults() {
    Map<String, Object> clocks = new HashMap<>();
    clocks.put("triageWithin", "PT24H");
    clocks.put("assessmentWithin", "PT48H");
    clocks.put("escalateToMadeAfter", "PT24H");
    clocks.put("delayPromptEvery", "P1D");
    clocks.put("dischargeHoursFrom", "PT8H");
    clocks.put("dischargeHoursTo", "PT20H");
    clocks.put("homeCheckAfter", "PT72H");
    clocks.put("reablementStartWithin", "P2D");
    clocks.put("homeAssessmentWithin", "PT48H");
    clocks.put("reablementReviewWithin", "P42D");
    clocks.put("followUpAfter", "P91D");
    clocks.put("rehabTransferWithin", "PT72H");
    clocks.put("bedStayReviewAfter", "P14D");
    clocks.put("interimPlacementReviewAfter", "P20D");
    clocks.put("chcDecisionWithin", "P28D");
    clocks.put("fastTrackAcceptWithin", "PT48H");
    return clocks;
  }

  /** A referral as the application starts it, with every clock at its default. */
  static Map<String, Object> referral(String borough, String hospital) {
    Map<String, Object> vars = clockDefaults();
    vars.put("referralId", "ref-" + borough + "-" + hospital);
    vars.put("nhsNumber", "9434765919");
    vars.put("givenName", "Doris");
    vars.put("familyName", "Smith");
    vars.put("dateOfBirth", "1938-04-02");
    vars.put("borough", borough);
    vars.put("hospital", hospital);
    vars.put("ward", "Sunflower");
    vars.put("admittedAt", "2026-11-20T10:15:00Z");
    vars.put("dischargeReadyAt", null);
    return vars;
  }

  static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static final String WORKER = "process-test";

  private final ProcessEngine engine;

  /** A journey on the shared engine, from empty tables, with the clock stopped at the real time. */
  Journey() {
    this.engine = TestEngine.engine();
    TestEngine.clean();
    ClockUtil.setCurrentTime(new Date());
  }

  /** The models are deployed once per test JVM by {@link TestEngine}; kept so tests read as before. */
  void deployAll() {}

  ProcessEngine engine() {
    return engine;
  }

  /** Starts a process with the referral id as business key, as the application does. */
  ProcessInstance start(String processId, Map<String, Object> variables) {
    Object referralId = variables.get("referralId");
    return engine.getRuntimeService()
        .startProcessInstanceByKey(processId, referralId == null ? null : referralId.toString(), variables);
  }

  /** The engine's clock, which {@link #advance(Duration)} moves forward. */
  Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Moves the engine's clock and runs every timer that is due, until none is. */
  void advance(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
    for (List<Job> due = dueJobs(); !due.isEmpty(); due = dueJobs()) {
      for (Job job : due) {
        engine.getManagementService().executeJob(job.getId());
      }
    }
  }

  private List<Job> dueJobs() {
    return engine.getManagementService().createJobQuery().executable().orderByJobDuedate().asc().list();
  }

  private static Comparator<String> byNumber() {
    return Comparator.comparingLong(Journey::number);
  }

  /** The number of an engine id: the id itself, or what follows the last colon (activity instances). */
  static long number(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }

  /** The newest open user task of an element, or null. */
  private Task userTask(String elementId) {
    return engine.getTaskService().createTaskQuery().taskDefinitionKey(elementId).list().stream()
        .max(Comparator.comparing(Task::getId, byNumber())).orElse(null);
  }

  /** The newest open external task of an element, or null. */
  private ExternalTask externalTask(String elementId) {
    return engine.getExternalTaskService().createExternalTaskQuery().activityId(elementId).list().stream()
        .max(Comparator.comparing(ExternalTask::getId, byNumber())).orElse(null);
  }

  boolean hasJob(String elementId) {
    return userTask(elementId) != null || externalTask(elementId) != null;
  }

  /** The topic (the former Zeebe job type) of the element's open external task. */
  String topic(String elementId) {
    ExternalTask task = externalTask(elementId);
    assertThat(task).as("open external task at %s", elementId).isNotNull();
    return task.getTopicName();
  }

  private ExternalTask openExternalTask(String elementId) {
    ExternalTask open = externalTask(elementId);
    assertThat(open).as("open task at %s", elementId).isNotNull();
    return open;
  }

  /** Locks the element's open external task as a worker would (fetch and lock on its topic). */
  private LockedExternalTask lock(String elementId) {
    ExternalTask open = externalTask(elementId);
    assertThat(open).as("open external task at %s", elementId).isNotNull();
    var service = engine.getExternalTaskService();
    List<LockedExternalTask> locked = service.fetchAndLock(100, WORKER).topic(open.getTopicName(), 60_000).execute();
    LockedExternalTask mine = null;
    for (LockedExternalTask task : locked) {
      if (task.getId().equals(open.getId())) {
        mine = task;
      } else {
        service.unlock(task.getId());
      }
    }
    assertThat(mine).as("fetched the external task at %s", elementId).isNotNull();
    return mine;
  }

  /**
   * Completes the element's user task (as a submitted form) or external task (as a worker). A form's
   * variables reach the process only through the task's output mappings when it has some (Zeebe's
   * semantics): they are set on the task's own scope before completing.
   */
  Journey complete(String elementId, Map<String, Object> variables) {
    Task task = userTask(elementId);
    if (task != null) {
      if (hasOutputMappings(task.getProcessDefinitionId(), elementId)) {
        engine.getRuntimeService().setVariablesLocal(task.getExecutionId(), variables);
        engine.getTaskService().complete(task.getId());
      } else {
        engine.getTaskService().complete(task.getId(), variables);
      }
      return this;
    }
    LockedExternalTask external = lock(elementId);
    engine.getExternalTaskService().complete(external.getId(), WORKER, variables);
    return this;
  }

  private boolean hasOutputMappings(String processDefinitionId, String elementId) {
    BaseElement element = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId)
        .getModelElementById(elementId);
    var extensions = element.getExtensionElements();
    if (extensions == null) {
      return false;
    }
    return extensions.getElementsQuery().filterByType(OperatonInputOutput.class).list().stream()
        .anyMatch(io -> !io.getOperatonOutputParameters().isEmpty());
  }

  Journey complete(String elementId) {
    return complete(elementId, Map.of());
  }

  /** Completes the element's user task as a signed-in person, as the inbox does (the engine's current user). */
  Journey completeAs(String username, String elementId, Map<String, Object> variables) {
    engine.getIdentityService().setAuthenticatedUserId(username);
    try {
      return complete(elementId, variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** When the element's waiting timer is due (the newest one), or null if none waits. */
  Instant timerDue(String elementId) {
    return engine.getManagementService().createJobQuery().activityId(elementId).timers().list().stream()
        .max(Comparator.comparing(Job::getId, byNumber())).map(job -> job.getDuedate().toInstant()).orElse(null);
  }

  /** A partner's business rejection, thrown by the worker as a BPMN error. */
  Journey reject(String elementId, String errorCode, Map<String, Object> variables) {
    LockedExternalTask external = lock(elementId);
    engine.getExternalTaskService().handleBpmnError(external.getId(), WORKER, errorCode, "rejected in test", variables);
    return this;
  }

  /** The message that tells a waiting pathway what a partner decided on one request. */
  static final String PARTNER_DECIDED = "homefirst.partner-decided";

  /** The local variable each wait for a partner decision declares: the key of its request. */
  static final String PARTNER_REQUEST_KEY = "partnerRequestKey";

  /**
   * A partner request done as its worker does it: the partner holds the request, and the task
   * returns the request's key (the idempotency key of the call) under {@code keyVariable}, which the
   * wait that follows copies into its local {@code partnerRequestKey}.
   */
  Journey requested(String elementId, String keyVariable, String requestKey) {
    return complete(elementId, vars(keyVariable, requestKey));
  }

  /** The partner accepted the request with that key, as the application correlates it. */
  Journey partnerAccepted(String requestKey) {
    return decided(requestKey, vars("partnerDecision", "accepted"));
  }

  /** The partner rejected the request with that key, with its reason. */
  Journey partnerRejected(String requestKey, String reason, String rejectedBy) {
    return decided(requestKey,
        vars("partnerDecision", "rejected", "rejectionReason", reason, "rejectedBy", rejectedBy));
  }

  private Journey decided(String requestKey, Map<String, Object> variables) {
    engine.getRuntimeService().createMessageCorrelation(PARTNER_DECIDED)
        .localVariableEquals(PARTNER_REQUEST_KEY, requestKey)
        .setVariables(variables)
        .correlateAllWithResult();
    return this;
  }

  /** A journey event, correlated by business key (the referral id) to every instance waiting for it. */
  Journey publish(String messageName, String referralId, Map<String, Object> variables) {
    engine.getRuntimeService().createMessageCorrelation(messageName)
        .processInstanceBusinessKey(referralId)
        .setVariables(variables)
        .correlateAllWithResult();
    return this;
  }

  /** The variables the task inbox or a worker sees at the element's open task. */
  Map<String, Object> activatedVariables(String elementId) {
    Task task = userTask(elementId);
    Map<String, Object> variables = task != null
        ? engine.getTaskService().getVariables(task.getId())
        : engine.getRuntimeService().getVariables(openExternalTask(elementId).getExecutionId());
    @SuppressWarnings("unchecked")
    Map<String, Object> view = (Map<String, Object>) asJson(variables);
    return view;
  }

  /**
   * What the inbox shows of the element's open user task: {@code candidateGroups} (sorted list, from
   * the identity links), {@code formKey} and {@code dueDate} (an Instant, or null).
   */
  Map<String, Object> task(String elementId) {
    Task open = userTask(elementId);
    assertThat(open).as("open user task at %s", elementId).isNotNull();
    Task task = engine.getTaskService().createTaskQuery().taskId(open.getId()).initializeFormKeys().singleResult();
    List<String> groups = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId).sorted().toList();
    Map<String, Object> view = new HashMap<>();
    view.put("candidateGroups", groups);
    view.put("formKey", task.getFormKey());
    view.put("dueDate", task.getDueDate() == null ? null : task.getDueDate().toInstant());
    return view;
  }

  /** The latest value of a variable in any process instance (or its children), as JSON would show it. */
  Object variable(String name) {
    var updates = engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list();
    var latest = updates.stream()
        .map(d -> (org.operaton.bpm.engine.history.HistoricVariableUpdate) d)
        .filter(u -> u.getVariableName().equals(name))
        .max(Comparator.comparing(u -> u.getId(), byNumber()));
    assertThat(latest).as("variable %s was set", name).isPresent();
    return asJson(latest.get().getValue());
  }

  /** The current value of a variable in one process instance's root scope, as JSON would show it. */
  Object variable(ProcessInstance instance, String name) {
    var variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).list().stream()
        .filter(v -> instance.getId().equals(v.getActivityInstanceId()))
        .findFirst();
    assertThat(variable).as("variable %s was set on the instance", name).isPresent();
    return asJson(variable.get().getValue());
  }

  /** Element ids passed (completed, not cancelled) in instances of the given process id, in order. */
  List<String> passed(String processId) {
    return activities(processId).stream().filter(a -> a.getEndTime() != null && !a.isCanceled())
        .map(HistoricActivityInstance::getActivityId).toList();
  }

  /** Element ids entered in instances of the given process id (including those still active). */
  List<String> entered(String processId) {
    return activities(processId).stream().map(HistoricActivityInstance::getActivityId).toList();
  }

  private List<HistoricActivityInstance> activities(String processId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().list().stream()
        .filter(a -> a.getProcessDefinitionKey().equals(processId))
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime)
            .thenComparing(a -> number(a.getId())))
        .toList();
  }

  /** Walks the shared discharge sub-process: in-hours plan, patient leaves, everyone told. */
  Journey discharge() {
    return discharge(now());
  }

  /**
   * The discharge recorded as having happened at {@code dischargedAt} (e.g. confirmed the morning
   * after the patient left): the clocks after discharge run from then, not from the confirmation.
   */
  Journey discharge(Instant dischargedAt) {
    complete("Task_PlanDischarge", vars("plannedDischargeAt", "2026-11-23T11:00:00"));
    complete("Task_ConfirmDischarge", vars("dischargedAt", dischargedAt.toString()));
    complete("Event_PatientDischarged");
    return complete("Task_NotifyDischarge");
  }

  /** The assessor completes the trusted assessment and the receiving service accepts it. */
  Journey trustedAssessmentAccepted() {
    complete("Task_TrustedAssessment", vars("trustedAssessment", Map.of("summary", "mobile with frame")));
    return complete("Task_ReviewAssessment", vars("assessmentAccepted", true));
  }

  /**
   * A value as the Zeebe tests saw it through JSON: whole numbers as Integer (Long when larger),
   * lists and maps recursively. Types themselves are checked where they matter (FeelValuesTest).
   */
  static Object asJson(Object value) {
    Object plain = value instanceof Number || value instanceof List || value instanceof Map
        ? FeelValues.toJava(value) : value;
    if (plain instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    if (plain instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
      return d.intValue();
    }
    if (plain instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(asJson(v)));
      return out;
    }
    if (plain instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), asJson(v)));
      return out;
    }
    return plain;
  }
}
