package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Drives the Home First models on Zeebe Process Test's in-memory engine the way the application
 * does: user tasks and service tasks are jobs completed by key, partners' rejections are BPMN
 * errors, and clocks move with {@link #advance(Duration)}.
 */
final class Journey {

  static final String USER_TASK = "io.camunda.zeebe:userTask";

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
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<JobIntent> CLOSED =
      Set.of(JobIntent.COMPLETED, JobIntent.CANCELED, JobIntent.ERROR_THROWN, JobIntent.FAILED);

  private final ZeebeTestEngine engine;
  private final ZeebeClient client;
  private Duration elapsed = Duration.ZERO;

  Journey(ZeebeTestEngine engine, ZeebeClient client) {
    this.engine = engine;
    this.client = client;
  }

  void deployAll() {
    var command = client.newDeployResourceCommand().addResourceFromClasspath("homefirst/" + MODELS.get(0));
    for (String model : MODELS.subList(1, MODELS.size())) {
      command = command.addResourceFromClasspath("homefirst/" + model);
    }
    command.send().join();
    idle();
  }

  ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    idle();
    return instance;
  }

  /** The engine's clock, which {@link #advance(Duration)} moves forward. */
  Instant now() {
    return Instant.now().plus(elapsed);
  }

  void advance(Duration duration) {
    elapsed = elapsed.plus(duration);
    engine.increaseTime(duration);
    idle();
  }

  /** The one open job (user task or service task) of an element; fails if there is none. */
  Record<JobRecordValue> job(String elementId) {
    List<Record<JobRecordValue>> open = openJobs(elementId);
    assertThat(open).as("open job at %s", elementId).isNotEmpty();
    return open.get(open.size() - 1);
  }

  boolean hasJob(String elementId) {
    return !openJobs(elementId).isEmpty();
  }

  List<Record<JobRecordValue>> openJobs(String elementId) {
    Set<Long> closed = new HashSet<>();
    List<Record<JobRecordValue>> created = new java.util.ArrayList<>();
    for (Record<JobRecordValue> r : BpmnAssert.getRecordStream().jobRecords()) {
      if (r.getIntent() == JobIntent.CREATED && r.getValue().getElementId().equals(elementId)) {
        created.add(r);
      } else if (CLOSED.contains(r.getIntent())) {
        closed.add(r.getKey());
      }
    }
    return created.stream().filter(r -> !closed.contains(r.getKey())).toList();
  }

  /** Completes the element's job, as a submitted form or a worker does. */
  Journey complete(String elementId, Map<String, Object> variables) {
    client.newCompleteCommand(job(elementId).getKey()).variables(variables).send().join();
    idle();
    return this;
  }

  Journey complete(String elementId) {
    return complete(elementId, Map.of());
  }

  /** A partner's business rejection, thrown by the worker as a BPMN error. */
  Journey reject(String elementId, String errorCode, Map<String, Object> variables) {
    client
        .newThrowErrorCommand(job(elementId).getKey())
        .errorCode(errorCode)
        .errorMessage("rejected in test")
        .variables(variables)
        .send()
        .join();
    idle();
    return this;
  }

  /** The message that tells a waiting pathway what a partner decided on one request. */
  static final String PARTNER_DECIDED = "homefirst.partner-decided";

  /**
   * A partner request job done as its worker does it: the partner holds the request, and the job
   * returns the request's key (the idempotency key of the call) under {@code keyVariable}, which
   * the wait that follows uses as correlation key.
   */
  Journey requested(String elementId, String keyVariable, String requestKey) {
    return complete(elementId, vars(keyVariable, requestKey));
  }

  /** The partner accepted the request with that key, as the application publishes it. */
  Journey partnerAccepted(String requestKey) {
    return publish(PARTNER_DECIDED, requestKey, vars("partnerDecision", "accepted"));
  }

  /** The partner rejected the request with that key, with its reason. */
  Journey partnerRejected(String requestKey, String reason, String rejectedBy) {
    return publish(PARTNER_DECIDED, requestKey,
        vars("partnerDecision", "rejected", "rejectionReason", reason, "rejectedBy", rejectedBy));
  }

  Journey publish(String messageName, String correlationKey, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .timeToLive(Duration.ZERO)
        .variables(variables)
        .send()
        .join();
    idle();
    return this;
  }

  /** The variables a worker (or the task inbox) gets when it activates the element's open job. */
  Map<String, Object> activatedVariables(String elementId) {
    long key = job(elementId).getKey();
    String type = job(elementId).getValue().getType();
    var jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(100).send().join().getJobs();
    idle();
    return jobs.stream().filter(j -> j.getKey() == key).findFirst().orElseThrow().getVariablesAsMap();
  }

  Map<String, String> headers(String elementId) {
    return job(elementId).getValue().getCustomHeaders();
  }

  /** The latest value of a variable anywhere in the process instance (or its children). */
  Object variable(String name) {
    Object value = null;
    boolean found = false;
    for (var r : BpmnAssert.getRecordStream().variableRecords()) {
      if (r.getValue().getName().equals(name)) {
        value = parse(r.getValue().getValue());
        found = true;
      }
    }
    assertThat(found).as("variable %s was set", name).isTrue();
    return value;
  }

  /** The latest value of a variable in one process instance's root scope. */
  Object variable(ProcessInstanceEvent instance, String name) {
    Object value = null;
    boolean found = false;
    for (var r : BpmnAssert.getRecordStream().variableRecords()) {
      if (r.getValue().getName().equals(name)
          && r.getValue().getScopeKey() == instance.getProcessInstanceKey()) {
        value = parse(r.getValue().getValue());
        found = true;
      }
    }
    assertThat(found).as("variable %s was set on the instance", name).isTrue();
    return value;
  }

  /** Element ids passed (completed) in process instances of the given process id, in order. */
  List<String> passed(String processId) {
    return StreamSupport.stream(
            BpmnAssert.getRecordStream().processInstanceRecords().spliterator(), false)
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
        .filter(r -> r.getValue().getBpmnProcessId().equals(processId))
        .map(r -> r.getValue().getElementId())
        .toList();
  }

  /** Element ids entered in instances of the given process id (including those still active). */
  List<String> entered(String processId) {
    return StreamSupport.stream(
            BpmnAssert.getRecordStream().processInstanceRecords().spliterator(), false)
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .filter(r -> r.getValue().getBpmnProcessId().equals(processId))
        .map(r -> r.getValue().getElementId())
        .toList();
  }

  /** Walks the shared discharge sub-process: in-hours plan, patient leaves, everyone told. */
  Journey discharge() {
    complete("Task_PlanDischarge", vars("plannedDischargeAt", "2026-11-23T11:00:00"));
    complete("Task_ConfirmDischarge", vars("dischargedAt", now().toString()));
    complete("Event_PatientDischarged");
    return complete("Task_NotifyDischarge");
  }

  /** The assessor completes the trusted assessment and the receiving service accepts it. */
  Journey trustedAssessmentAccepted() {
    complete("Task_TrustedAssessment", vars("trustedAssessment", Map.of("summary", "mobile with frame")));
    return complete("Task_ReviewAssessment", vars("assessmentAccepted", true));
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void idle() {
    try {
      engine.waitForIdleState(Duration.ofSeconds(5));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
