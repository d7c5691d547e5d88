package org.homefirst.platform.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricExternalTaskLogEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.operaton.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes Home First's view of the engine (process instances, the inbox's user tasks, incidents,
 * variables, the journey's events and running clocks, deployed models with element names, and the
 * manager console's facts, {@link JourneyFacts}) from
 * the engine's history events, <em>in the engine's own transaction</em>: a task is in the inbox
 * the moment the command that created it commits, never before, never after, and a command that
 * rolls back leaves no trace here either. Registered beside the engine's own history handler.
 *
 * <p>Keys are the numbers of the engine's ids (see {@link EngineIds}); element types and event
 * kinds keep the names the journey page has always read ({@code USER_TASK}, {@code
 * ELEMENT_COMPLETED}, ...).
 */
final class EngineProjection implements HistoryEventHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(EngineProjection.class);
  private static final String PARTNER_REQUEST_KEY = "partnerRequestKey";

  private final JdbcTemplate db;
  /** Per process definition key: its elements by id (names, form keys, messages). */
  private final Map<Long, Map<String, BpmnElements.Element>> models = new ConcurrentHashMap<>();
  private final JourneyFacts facts;

  EngineProjection(DataSource dataSource) {
    this.db = new JdbcTemplate(dataSource);
    this.facts = new JourneyFacts(db, definitionId -> models.get(definition(definitionId)));
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    switch (event) {
      case HistoricProcessInstanceEventEntity e -> process(e);
      case HistoricActivityInstanceEventEntity e -> activity(e);
      case HistoricTaskInstanceEventEntity e -> task(e);
      case HistoricIdentityLinkLogEventEntity e -> identityLink(e);
      case HistoricVariableUpdateEventEntity e -> variable(e);
      case HistoricIncidentEventEntity e -> incident(e);
      case HistoricJobLogEvent e -> timer(e);
      case HistoricExternalTaskLogEntity e -> externalTask(e);
      default -> {}
    }
  }

  private void process(HistoricProcessInstanceEventEntity e) {
    long key = EngineIds.keyOf(e.getProcessInstanceId());
    long root = rootOf(e);
    if (e.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
      long definition = definition(e.getProcessDefinitionId());
      db.update(
          "insert into process_instance (instance_key, root_instance_key, parent_instance_key, bpmn_process_id,"
              + " definition_key, version, state, started_at) values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)"
              + " on conflict (instance_key) do nothing",
          key, root, EngineIds.keyOrNull(e.getSuperProcessInstanceId()), e.getProcessDefinitionKey(), definition,
          e.getProcessDefinitionVersion(), at(e.getStartTime()));
      journey(root, key, at(e.getStartTime()), "ELEMENT_ACTIVATED", e.getProcessDefinitionKey(), "PROCESS", null);
    } else if (e.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
      boolean completed = "COMPLETED".equals(e.getState());
      Timestamp at = at(e.getEndTime());
      db.update("update process_instance set state = ?, ended_at = ? where instance_key = ?",
          completed ? "COMPLETED" : "TERMINATED", at, key);
      journey(root, key, at, completed ? "ELEMENT_COMPLETED" : "ELEMENT_TERMINATED", e.getProcessDefinitionKey(),
          "PROCESS", null);
      if (e.getSuperProcessInstanceId() == null) {
        // The referral closes with its journey; the application never has to poll for it.
        db.update("update referral set status = ?, closed_at = ? where process_instance_key = ? and status = 'OPEN'",
            completed ? "COMPLETED" : "CANCELLED", at, key);
      }
    } else if (e.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_MIGRATE)) {
      // Moved to another version by the designer workspace: element names and form keys are read
      // from the definition it runs on now.
      db.update("update process_instance set definition_key = ?, version = ? where instance_key = ?",
          definition(e.getProcessDefinitionId()), e.getProcessDefinitionVersion() != null
              ? e.getProcessDefinitionVersion() : versionOf(e.getProcessDefinitionId()), key);
    }
  }

  private void activity(HistoricActivityInstanceEventEntity e) {
    if (e.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE)) {
      // A step of a migrated journey: the console's step times follow it to the new version.
      db.update("update step_duration set definition_key = ?, element_id = ? where activity_instance_id = ?",
          definition(e.getProcessDefinitionId()), e.getActivityId(), e.getActivityInstanceId());
      return;
    }
    boolean start = e.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START);
    boolean end = e.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END);
    if (!start && !end) {
      return;
    }
    long instance = EngineIds.keyOf(e.getProcessInstanceId());
    long root = rootOf(e);
    ElementKind kind = ElementKind.of(e.getActivityType());
    Timestamp at = at(start ? e.getStartTime() : e.getEndTime());
    String what = start ? "ELEMENT_ACTIVATED" : e.isCanceled() ? "ELEMENT_TERMINATED" : "ELEMENT_COMPLETED";
    journey(root, instance, at, what, e.getActivityId(), kind.type(), kind.event());
    facts.activity(e, kind.type(), start, at);
    if (start && "BOUNDARY_EVENT".equals(kind.type()) && "ERROR".equals(kind.event())) {
      // A partner's refusal, thrown by its worker as a BPMN error: told as the request being declined.
      BpmnElements.Element boundary = element(e.getProcessDefinitionId(), e.getActivityId());
      List<String> reason = db.queryForList("select value from process_variable where instance_key = ?"
          + " and name = 'rejectionReason' order by updated_at desc limit 1", String.class, instance);
      journey(root, instance, at, "JOB_ERROR_THROWN", boundary == null ? null : boundary.attachedTo(), null,
          "homefirst.rejected: " + (reason.isEmpty() ? "" : unquote(reason.get(0))));
    }
    if (end && !e.isCanceled() && "MESSAGE".equals(kind.event()) && !kind.type().endsWith("THROW_EVENT")) {
      BpmnElements.Element element = element(e.getProcessDefinitionId(), e.getActivityId());
      String message = element == null ? null : element.messageName();
      journey(root, instance, at, "MESSAGE_CORRELATED", null, message, correlatedBy(e));
    }
  }

  /** What a message was correlated on: the request's key for a partner's decision, else the referral. */
  private String correlatedBy(HistoricActivityInstanceEventEntity e) {
    Long scope = EngineIds.keyOrNull(e.getExecutionId());
    if (scope != null) {
      List<String> keys = db.queryForList(
          "select value from process_variable where scope_key = ? and name = ?", String.class, scope,
          PARTNER_REQUEST_KEY);
      if (!keys.isEmpty()) {
        return unquote(keys.get(0));
      }
    }
    List<String> business = db.queryForList(
        "select value from process_variable where instance_key = ? and name = 'referralId' limit 1", String.class,
        rootOf(e));
    return business.isEmpty() ? null : unquote(business.get(0));
  }

  private void task(HistoricTaskInstanceEventEntity e) {
    long key = EngineIds.keyOf(e.getTaskId());
    if (e.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
      BpmnElements.Element element = element(e.getProcessDefinitionId(), e.getTaskDefinitionKey());
      // Identity links come before the task: the row may exist already with its candidate groups.
      db.update(
          "insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,"
              + " bpmn_process_id, definition_key, form_key, due_at, follow_up_at, state, created_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CREATED', ?)"
              + " on conflict (task_key) do update set instance_key = excluded.instance_key,"
              + " root_instance_key = excluded.root_instance_key, element_instance_key = excluded.element_instance_key,"
              + " element_id = excluded.element_id, bpmn_process_id = excluded.bpmn_process_id,"
              + " definition_key = excluded.definition_key, form_key = excluded.form_key, due_at = excluded.due_at,"
              + " follow_up_at = excluded.follow_up_at, created_at = excluded.created_at",
          key, EngineIds.keyOf(e.getProcessInstanceId()), rootOf(e), EngineIds.keyOf(e.getActivityInstanceId()),
          e.getTaskDefinitionKey(), e.getProcessDefinitionKey(), definition(e.getProcessDefinitionId()),
          element == null ? null : element.formKey(), at(e.getDueDate()), at(e.getFollowUpDate()),
          at(e.getStartTime()));
    } else if (e.isEventOfType(HistoryEventTypes.TASK_INSTANCE_MIGRATE)) {
      // The open task carries on under the new version (the engine keeps its name, form and due date).
      db.update("update user_task set definition_key = ?, element_id = ?, bpmn_process_id = ? where task_key = ?",
          definition(e.getProcessDefinitionId()), e.getTaskDefinitionKey(), e.getProcessDefinitionKey(), key);
    } else if (e.isEventOfType(HistoryEventTypes.TASK_INSTANCE_UPDATE)) {
      db.update("update user_task set due_at = ?, follow_up_at = ? where task_key = ?", at(e.getDueDate()),
          at(e.getFollowUpDate()), key);
    } else if (e.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
        || e.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE)) {
      // The engine ends a cancelled task (its scope interrupted) with the same event, told apart by
      // its delete reason.
      boolean completed = e.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
          && "completed".equals(e.getDeleteReason());
      db.update("update user_task set state = ?, ended_at = ? where task_key = ? and state = 'CREATED'",
          completed ? "COMPLETED" : "CANCELED", at(e.getEndTime()), key);
    }
  }

  private void identityLink(HistoricIdentityLinkLogEventEntity e) {
    if (e.getTaskId() == null || !"candidate".equals(e.getType())) {
      return;
    }
    long task = EngineIds.keyOf(e.getTaskId());
    boolean add = e.isEventOfType(HistoryEventTypes.IDENTITY_LINK_ADD);
    String column = e.getGroupId() != null ? "candidate_groups" : "candidate_users";
    String value = e.getGroupId() != null ? e.getGroupId() : e.getUserId();
    if (add) {
      // A placeholder row until the task's own event fills it in (same transaction).
      db.update(
          "insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,"
              + " bpmn_process_id, definition_key, " + column + ", state, created_at)"
              + " values (?, 0, 0, 0, '', '', 0, array[?]::text[], 'CREATED', ?)"
              + " on conflict (task_key) do update set " + column + " = case when ? = any(user_task." + column
              + ") then user_task." + column + " else array_append(user_task." + column + ", ?) end",
          task, value, at(e.getTime()), value, value);
    } else {
      db.update("update user_task set " + column + " = array_remove(" + column + ", ?) where task_key = ?", value,
          task);
    }
  }

  private void variable(HistoricVariableUpdateEventEntity e) {
    if (e.getProcessInstanceId() == null
        || !(e.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
            || e.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE))) {
      return;
    }
    Long scope = EngineIds.keyOrNull(e.getExecutionId());
    long instance = EngineIds.keyOf(e.getProcessInstanceId());
    db.update(
        "insert into process_variable (scope_key, name, instance_key, root_instance_key, value, updated_at)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (scope_key, name)"
            + " do update set value = excluded.value, updated_at = excluded.updated_at",
        scope == null ? instance : scope, e.getVariableName(), instance, rootOf(e), json(e), at(e.getTimestamp()));
    facts.variable(e, at(e.getTimestamp()));
  }

  private void incident(HistoricIncidentEventEntity e) {
    if (e.getProcessInstanceId() == null) {
      return;
    }
    long key = EngineIds.keyOf(e.getId());
    long instance = EngineIds.keyOf(e.getProcessInstanceId());
    long root = rootOf(e);
    if (e.isEventOfType(HistoryEventTypes.INCIDENT_CREATE)) {
      db.update(
          "insert into incident (incident_key, instance_key, root_instance_key, element_id, element_instance_key,"
              + " job_key, error_type, error_message, state, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)"
              + " on conflict do nothing",
          key, instance, root, e.getActivityId(), EngineIds.keyOrNull(e.getExecutionId()),
          EngineIds.keyOrNull(e.getConfiguration()), e.getIncidentType(), e.getIncidentMessage(),
          at(e.getCreateTime()));
      journey(root, instance, at(e.getCreateTime()), "INCIDENT_CREATED", e.getActivityId(), e.getIncidentType(),
          e.getIncidentMessage());
    } else if (e.isEventOfType(HistoryEventTypes.INCIDENT_RESOLVE)
        || e.isEventOfType(HistoryEventTypes.INCIDENT_DELETE)) {
      int resolved = db.update(
          "update incident set state = 'RESOLVED', resolved_at = ? where incident_key = ? and state = 'ACTIVE'",
          at(e.getEndTime()), key);
      if (resolved > 0 && e.isEventOfType(HistoryEventTypes.INCIDENT_RESOLVE)) {
        journey(root, instance, at(e.getEndTime()), "INCIDENT_RESOLVED", e.getActivityId(), null, null);
      }
    }
  }

  /** Timer jobs are the journey's clocks; other jobs (asynchronous continuations) are not. */
  private void timer(HistoricJobLogEvent e) {
    if (e.getProcessInstanceId() == null || e.getJobDefinitionType() == null
        || !e.getJobDefinitionType().startsWith("timer")) {
      return;
    }
    long key = EngineIds.keyOf(e.getJobId());
    Timestamp at = at(e.getTimestamp());
    facts.timer(e, at);
    if (e.isCreationLog()) {
      db.update(
          "insert into journey_clock (timer_key, root_instance_key, instance_key, element_instance_key, element_id,"
              + " due_at, state, created_at) values (?, ?, ?, ?, ?, ?, 'RUNNING', ?) on conflict (timer_key) do nothing",
          key, rootOf(e), EngineIds.keyOf(e.getProcessInstanceId()), EngineIds.keyOrNull(e.getExecutionId()),
          e.getActivityId(), at(e.getJobDueDate() == null ? e.getTimestamp() : e.getJobDueDate()), at);
    } else if (e.isSuccessLog()) {
      db.update("update journey_clock set state = 'TRIGGERED', ended_at = ? where timer_key = ?", at, key);
      journey(rootOf(e), EngineIds.keyOf(e.getProcessInstanceId()), at, "TIMER_TRIGGERED", e.getActivityId(), null,
          null);
    } else if (e.isDeletionLog()) {
      db.update("update journey_clock set state = 'CANCELED', ended_at = ? where timer_key = ? and state = 'RUNNING'",
          at, key);
    }
  }

  /** A partner call that failed (the worker will try again, or an incident follows at zero retries). */
  private void externalTask(HistoricExternalTaskLogEntity e) {
    if (!e.isFailureLog() || e.getProcessInstanceId() == null) {
      return;
    }
    journey(rootOf(e), EngineIds.keyOf(e.getProcessInstanceId()), at(e.getTimestamp()), "JOB_FAILED",
        e.getActivityId(), e.getTopicName(), "retries left " + e.getRetries() + ": " + e.getErrorMessage());
  }

  private void journey(long root, long instance, Timestamp at, String kind, String elementId, String elementType,
      String detail) {
    db.update(
        "insert into journey_event (root_instance_key, instance_key, occurred_at, source, kind, element_id,"
            + " element_type, detail) values (?, ?, ?, 'ENGINE', ?, ?, ?, ?)",
        root, instance, at, kind, elementId, elementType, detail);
  }

  /** Projects a process definition the first time one of its instances is seen; returns its key. */
  private long definition(String definitionId) {
    long key = EngineIds.keyOf(definitionId);
    if (!models.containsKey(key)) {
      models.put(key, loadModel(key, definitionId));
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        // The rows just written go if the command rolls back (as a trial migration always does):
        // then the next command writes them again.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              models.remove(key);
            }
          }
        });
      }
    }
    return key;
  }

  private Map<String, BpmnElements.Element> loadModel(long key, String definitionId) {
    List<String> stored = db.queryForList("select bpmn_xml from process_definition where definition_key = ?",
        String.class, key);
    String processId = definitionId.substring(0, definitionId.indexOf(':'));
    if (!stored.isEmpty()) {
      return index(BpmnElements.of(stored.get(0), processId));
    }
    var context = Context.getCommandContext();
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(definitionId);
    ResourceEntity resource = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    String xml = new String(resource.getBytes(), StandardCharsets.UTF_8);
    List<BpmnElements.Element> elements = BpmnElements.of(xml, processId);
    db.update(
        "insert into process_definition (definition_key, bpmn_process_id, version, resource_name, bpmn_xml,"
            + " deployed_at) values (?, ?, ?, ?, ?, ?) on conflict (definition_key) do nothing",
        key, definition.getKey(), definition.getVersion(), definition.getResourceName(), xml, at(null));
    for (BpmnElements.Element element : elements) {
      db.update("insert into process_element (definition_key, element_id, name, element_type) values (?, ?, ?, ?)"
          + " on conflict do nothing", key, element.id(), element.name(), element.type());
    }
    return index(elements);
  }

  private static Map<String, BpmnElements.Element> index(List<BpmnElements.Element> elements) {
    return elements.stream().collect(Collectors.toMap(BpmnElements.Element::id, Function.identity(), (a, b) -> a));
  }

  private BpmnElements.Element element(String definitionId, String elementId) {
    if (definitionId == null || elementId == null) {
      return null;
    }
    return models.get(definition(definitionId)).get(elementId);
  }

  /** The version in a definition id ({@code key:version:id}). */
  private static int versionOf(String definitionId) {
    String[] parts = definitionId.split(":");
    return Integer.parseInt(parts[parts.length - 2]);
  }

  private static long rootOf(HistoryEvent e) {
    String root = e.getRootProcessInstanceId() != null ? e.getRootProcessInstanceId() : e.getProcessInstanceId();
    return EngineIds.keyOf(root);
  }

  /** A variable's value as JSON, as the journey page and the inbox read it. */
  static String json(HistoricVariableUpdateEventEntity e) {
    try {
      Object value = switch (String.valueOf(e.getSerializerName())) {
        case "null" -> null;
        case "string" -> e.getTextValue();
        case "boolean" -> e.getLongValue() != null && e.getLongValue() != 0;
        case "integer", "short", "long" -> e.getLongValue();
        case "double" -> e.getDoubleValue();
        case "date" -> e.getLongValue() == null ? null : Instant.ofEpochMilli(e.getLongValue()).toString();
        case "serializable" -> deserialize(e.getByteValue());
        default -> e.getTextValue() != null ? e.getTextValue() : "(" + e.getSerializerName() + ")";
      };
      return JSON.writeValueAsString(value);
    } catch (Exception ex) {
      log.warn("Variable {} ({}) is shown as null: {}", e.getVariableName(), e.getSerializerName(), ex.toString());
      return "null";
    }
  }

  private static Object deserialize(byte[] bytes) throws Exception {
    if (bytes == null) {
      return null;
    }
    // Only values the engine itself wrote for our models (lists and maps of plain values).
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(info -> plainJava(info.serialClass())
          ? java.io.ObjectInputFilter.Status.ALLOWED : java.io.ObjectInputFilter.Status.REJECTED);
      return in.readObject();
    }
  }

  /** The JDK's own classes (and arrays of them): what lists and maps of plain values are made of. */
  private static boolean plainJava(Class<?> type) {
    if (type == null) {
      return true;
    }
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type.isPrimitive() || type.getName().startsWith("java.");
  }

  private static String unquote(String json) {
    try {
      Object value = JSON.readValue(json, Object.class);
      return value == null ? null : value.toString();
    } catch (Exception e) {
      return json;
    }
  }

  private static Timestamp at(Date date) {
    return new Timestamp((date == null ? ClockUtil.getCurrentTime() : date).getTime());
  }

  /** Operaton's activity types in the names the journey has always used (Zeebe's element types). */
  record ElementKind(String type, String event) {
    static ElementKind of(String activityType) {
      String t = activityType == null ? "" : activityType;
      return switch (t) {
        case "userTask" -> new ElementKind("USER_TASK", null);
        case "serviceTask" -> new ElementKind("SERVICE_TASK", null);
        case "scriptTask" -> new ElementKind("SCRIPT_TASK", null);
        case "businessRuleTask" -> new ElementKind("BUSINESS_RULE_TASK", null);
        case "sendTask" -> new ElementKind("SEND_TASK", null);
        case "receiveTask" -> new ElementKind("RECEIVE_TASK", "MESSAGE");
        case "manualTask", "task" -> new ElementKind("TASK", null);
        case "callActivity" -> new ElementKind("CALL_ACTIVITY", null);
        case "subProcess" -> new ElementKind("SUB_PROCESS", null);
        case "multiInstanceBody" -> new ElementKind("MULTI_INSTANCE_BODY", null);
        case "exclusiveGateway" -> new ElementKind("EXCLUSIVE_GATEWAY", null);
        case "parallelGateway" -> new ElementKind("PARALLEL_GATEWAY", null);
        case "inclusiveGateway" -> new ElementKind("INCLUSIVE_GATEWAY", null);
        case "eventBasedGateway" -> new ElementKind("EVENT_BASED_GATEWAY", null);
        case "startEvent" -> new ElementKind("START_EVENT", "NONE");
        case "startTimerEvent" -> new ElementKind("START_EVENT", "TIMER");
        case "messageStartEvent" -> new ElementKind("START_EVENT", "MESSAGE");
        case "errorStartEvent" -> new ElementKind("START_EVENT", "ERROR");
        case "signalStartEvent" -> new ElementKind("START_EVENT", "SIGNAL");
        case "escalationStartEvent" -> new ElementKind("START_EVENT", "ESCALATION");
        case "boundaryTimer" -> new ElementKind("BOUNDARY_EVENT", "TIMER");
        case "boundaryMessage" -> new ElementKind("BOUNDARY_EVENT", "MESSAGE");
        case "boundaryError" -> new ElementKind("BOUNDARY_EVENT", "ERROR");
        case "boundarySignal" -> new ElementKind("BOUNDARY_EVENT", "SIGNAL");
        case "boundaryEscalation" -> new ElementKind("BOUNDARY_EVENT", "ESCALATION");
        case "intermediateTimer" -> new ElementKind("INTERMEDIATE_CATCH_EVENT", "TIMER");
        case "intermediateMessageCatch" -> new ElementKind("INTERMEDIATE_CATCH_EVENT", "MESSAGE");
        case "intermediateSignalCatch" -> new ElementKind("INTERMEDIATE_CATCH_EVENT", "SIGNAL");
        case "intermediateMessageThrowEvent" -> new ElementKind("INTERMEDIATE_THROW_EVENT", "MESSAGE");
        case "intermediateThrowEvent", "intermediateNoneThrowEvent" -> new ElementKind("INTERMEDIATE_THROW_EVENT",
            "NONE");
        case "noneEndEvent" -> new ElementKind("END_EVENT", "NONE");
        case "errorEndEvent" -> new ElementKind("END_EVENT", "ERROR");
        case "terminateEndEvent" -> new ElementKind("END_EVENT", "TERMINATE");
        case "messageEndEvent" -> new ElementKind("END_EVENT", "MESSAGE");
        case "escalationEndEvent" -> new ElementKind("END_EVENT", "ESCALATION");
        default -> new ElementKind(t.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT), null);
      };
    }
  }
}
