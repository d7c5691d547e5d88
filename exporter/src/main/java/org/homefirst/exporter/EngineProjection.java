package org.homefirst.exporter;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.MessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Maps engine records to Home First's tables. A plain class over a JDBC connection so that the
 * same mapping can be fed from the broker (through {@link HomeFirstExporter}) or from a test's
 * record stream. The caller owns the transaction.
 */
public final class EngineProjection {

  /** Job type of job-based user tasks, whose state we keep as the inbox's tasks. */
  public static final String USER_TASK_JOB_TYPE = "io.camunda.zeebe:userTask";

  private final Connection connection;

  public EngineProjection(Connection connection) {
    this.connection = connection;
  }

  long storedPosition(int partitionId) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "select position from engine_export_position where partition_id = ?")) {
      s.setInt(1, partitionId);
      try (ResultSet rs = s.executeQuery()) {
        long position = rs.next() ? rs.getLong(1) : -1;
        connection.commit();
        return position;
      }
    }
  }

  void storePosition(int partitionId, long position) throws SQLException {
    update(
        "insert into engine_export_position (partition_id, position) values (?, ?) "
            + "on conflict (partition_id) do update set position = excluded.position",
        partitionId,
        position);
  }

  /** Applies one exported event record to the projection. */
  public void apply(Record<?> record) throws SQLException {
    switch (record.getValueType()) {
      case PROCESS -> deployed(record, (Process) record.getValue());
      case PROCESS_INSTANCE ->
          element(record, (ProcessInstanceRecordValue) record.getValue());
      case JOB -> job(record, (JobRecordValue) record.getValue());
      case INCIDENT -> incident(record, (IncidentRecordValue) record.getValue());
      case VARIABLE -> variable(record, (VariableRecordValue) record.getValue());
      case TIMER -> timer(record, (TimerRecordValue) record.getValue());
      case MESSAGE_SUBSCRIPTION ->
          message(record, (MessageSubscriptionRecordValue) record.getValue());
      default -> {}
    }
  }

  private void deployed(Record<?> record, Process process) throws SQLException {
    String xml = new String(process.getResource(), StandardCharsets.UTF_8);
    int inserted =
        update(
            "insert into process_definition (definition_key, bpmn_process_id, version,"
                + " resource_name, bpmn_xml, deployed_at) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (definition_key) do nothing",
            process.getProcessDefinitionKey(),
            process.getBpmnProcessId(),
            process.getVersion(),
            process.getResourceName(),
            xml,
            at(record));
    if (inserted == 0) {
      return;
    }
    for (BpmnElements.Element e : BpmnElements.of(xml, process.getBpmnProcessId())) {
      update(
          "insert into process_element (definition_key, element_id, name, element_type)"
              + " values (?, ?, ?, ?) on conflict do nothing",
          process.getProcessDefinitionKey(),
          e.id(),
          e.name(),
          e.type());
    }
  }

  private void element(Record<?> record, ProcessInstanceRecordValue v) throws SQLException {
    Intent intent = record.getIntent();
    BpmnElementType type = v.getBpmnElementType();
    if (type == BpmnElementType.PROCESS) {
      process(record, v, intent);
    }
    if (type == BpmnElementType.SEQUENCE_FLOW) {
      return;
    }
    if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED
        || intent == ProcessInstanceIntent.ELEMENT_COMPLETED
        || intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
      journey(
          record,
          v.getProcessInstanceKey(),
          kindOf(intent),
          v.getElementId(),
          type.name(),
          v.getBpmnEventType() == null ? null : v.getBpmnEventType().name());
    }
  }

  private void process(Record<?> record, ProcessInstanceRecordValue v, Intent intent)
      throws SQLException {
    long key = v.getProcessInstanceKey();
    if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATING) {
      long parent = v.getParentProcessInstanceKey();
      Long root = parent > 0 ? rootOf(parent) : Long.valueOf(key);
      update(
          "insert into process_instance (instance_key, root_instance_key, parent_instance_key,"
              + " bpmn_process_id, definition_key, version, state, started_at)"
              + " values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?) on conflict (instance_key) do nothing",
          key,
          root == null ? key : root,
          parent > 0 ? parent : null,
          v.getBpmnProcessId(),
          v.getProcessDefinitionKey(),
          v.getVersion(),
          at(record));
    } else if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED
        || intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
      String state = intent == ProcessInstanceIntent.ELEMENT_COMPLETED ? "COMPLETED" : "TERMINATED";
      update(
          "update process_instance set state = ?, ended_at = ? where instance_key = ?",
          state,
          at(record),
          key);
      if (v.getParentProcessInstanceKey() <= 0) {
        // The referral closes with its journey; the application never has to poll for it.
        update(
            "update referral set status = ?, closed_at = ? where process_instance_key = ?"
                + " and status = 'OPEN'",
            state.equals("COMPLETED") ? "COMPLETED" : "CANCELLED",
            at(record),
            key);
      }
    }
  }

  private void job(Record<?> record, JobRecordValue job) throws SQLException {
    Intent intent = record.getIntent();
    if (USER_TASK_JOB_TYPE.equals(job.getType())) {
      userTask(record, job, intent);
      return;
    }
    if (intent == JobIntent.FAILED || intent == JobIntent.ERROR_THROWN) {
      String detail =
          intent == JobIntent.FAILED
              ? "retries left " + job.getRetries() + ": " + job.getErrorMessage()
              : job.getErrorCode() + ": " + job.getErrorMessage();
      journey(
          record,
          job.getProcessInstanceKey(),
          intent == JobIntent.FAILED ? "JOB_FAILED" : "JOB_ERROR_THROWN",
          job.getElementId(),
          job.getType(),
          detail);
    }
  }

  private void userTask(Record<?> record, JobRecordValue job, Intent intent) throws SQLException {
    long taskKey = record.getKey();
    if (intent == JobIntent.CREATED) {
      Map<String, String> h = job.getCustomHeaders();
      Long root = rootOf(job.getProcessInstanceKey());
      update(
          "insert into user_task (task_key, instance_key, root_instance_key, element_instance_key,"
              + " element_id, bpmn_process_id, definition_key, candidate_groups, candidate_users,"
              + " form_key, due_at, follow_up_at, assignee, state, created_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CREATED', ?)"
              + " on conflict (task_key) do nothing",
          taskKey,
          job.getProcessInstanceKey(),
          root == null ? job.getProcessInstanceKey() : root,
          job.getElementInstanceKey(),
          job.getElementId(),
          job.getBpmnProcessId(),
          job.getProcessDefinitionKey(),
          textArray(JsonList.parse(h.get("io.camunda.zeebe:candidateGroups"))),
          textArray(JsonList.parse(h.get("io.camunda.zeebe:candidateUsers"))),
          h.get("io.camunda.zeebe:formKey"),
          timestamp(h.get("io.camunda.zeebe:dueDate")),
          timestamp(h.get("io.camunda.zeebe:followUpDate")),
          h.get("io.camunda.zeebe:assignee"),
          at(record));
    } else if (intent == JobIntent.COMPLETED || intent == JobIntent.CANCELED) {
      update(
          "update user_task set state = ?, ended_at = ? where task_key = ? and state = 'CREATED'",
          intent == JobIntent.COMPLETED ? "COMPLETED" : "CANCELED",
          at(record),
          taskKey);
    }
  }

  private void incident(Record<?> record, IncidentRecordValue v) throws SQLException {
    if (record.getIntent() == IncidentIntent.CREATED) {
      Long root = rootOf(v.getProcessInstanceKey());
      update(
          "insert into incident (incident_key, instance_key, root_instance_key, element_id,"
              + " element_instance_key, job_key, error_type, error_message, state, created_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?) on conflict do nothing",
          record.getKey(),
          v.getProcessInstanceKey(),
          root == null ? v.getProcessInstanceKey() : root,
          v.getElementId(),
          v.getElementInstanceKey(),
          v.getJobKey() > 0 ? v.getJobKey() : null,
          v.getErrorType().name(),
          v.getErrorMessage(),
          at(record));
      journey(
          record,
          v.getProcessInstanceKey(),
          "INCIDENT_CREATED",
          v.getElementId(),
          v.getErrorType().name(),
          v.getErrorMessage());
    } else if (record.getIntent() == IncidentIntent.RESOLVED) {
      update(
          "update incident set state = 'RESOLVED', resolved_at = ? where incident_key = ?",
          at(record),
          record.getKey());
      journey(record, v.getProcessInstanceKey(), "INCIDENT_RESOLVED", v.getElementId(), null, null);
    }
  }

  private void variable(Record<?> record, VariableRecordValue v) throws SQLException {
    Long root = rootOf(v.getProcessInstanceKey());
    update(
        "insert into process_variable (scope_key, name, instance_key, root_instance_key, value,"
            + " updated_at) values (?, ?, ?, ?, ?, ?) on conflict (scope_key, name)"
            + " do update set value = excluded.value, updated_at = excluded.updated_at",
        v.getScopeKey(),
        v.getName(),
        v.getProcessInstanceKey(),
        root == null ? v.getProcessInstanceKey() : root,
        v.getValue(),
        at(record));
  }

  private void timer(Record<?> record, TimerRecordValue v) throws SQLException {
    if (v.getProcessInstanceKey() <= 0) {
      return; // timer start events belong to no journey
    }
    if (record.getIntent() == TimerIntent.CREATED) {
      Long root = rootOf(v.getProcessInstanceKey());
      update(
          "insert into journey_clock (timer_key, root_instance_key, instance_key,"
              + " element_instance_key, element_id, due_at, state, created_at)"
              + " values (?, ?, ?, ?, ?, ?, 'RUNNING', ?) on conflict (timer_key) do nothing",
          record.getKey(),
          root == null ? v.getProcessInstanceKey() : root,
          v.getProcessInstanceKey(),
          v.getElementInstanceKey(),
          v.getTargetElementId(),
          new Timestamp(v.getDueDate()),
          at(record));
    } else if (record.getIntent() == TimerIntent.TRIGGERED
        || record.getIntent() == TimerIntent.CANCELED) {
      update(
          "update journey_clock set state = ?, ended_at = ? where timer_key = ?",
          record.getIntent() == TimerIntent.TRIGGERED ? "TRIGGERED" : "CANCELED",
          at(record),
          record.getKey());
    }
    if (record.getIntent() == TimerIntent.TRIGGERED) {
      journey(
          record, v.getProcessInstanceKey(), "TIMER_TRIGGERED", v.getTargetElementId(), null, null);
    }
  }

  private void message(Record<?> record, MessageSubscriptionRecordValue v) throws SQLException {
    if (record.getIntent() == MessageSubscriptionIntent.CORRELATED) {
      journey(
          record,
          v.getProcessInstanceKey(),
          "MESSAGE_CORRELATED",
          null,
          v.getMessageName(),
          v.getCorrelationKey());
    }
  }

  private void journey(
      Record<?> record,
      long instanceKey,
      String kind,
      String elementId,
      String elementType,
      String detail)
      throws SQLException {
    Long root = rootOf(instanceKey);
    update(
        "insert into journey_event (root_instance_key, instance_key, occurred_at, source, kind,"
            + " element_id, element_type, detail, engine_position)"
            + " values (?, ?, ?, 'ENGINE', ?, ?, ?, ?, ?)",
        root == null ? instanceKey : root,
        instanceKey,
        at(record),
        kind,
        elementId,
        elementType,
        detail,
        record.getPosition());
  }

  private Long rootOf(long instanceKey) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "select root_instance_key from process_instance where instance_key = ?")) {
      s.setLong(1, instanceKey);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static String kindOf(Intent intent) {
    return switch ((ProcessInstanceIntent) intent) {
      case ELEMENT_ACTIVATED -> "ELEMENT_ACTIVATED";
      case ELEMENT_COMPLETED -> "ELEMENT_COMPLETED";
      default -> "ELEMENT_TERMINATED";
    };
  }

  private static Timestamp at(Record<?> record) {
    return new Timestamp(record.getTimestamp());
  }

  private static Timestamp timestamp(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return Timestamp.from(ZonedDateTime.parse(iso).toInstant());
    } catch (RuntimeException e) {
      try {
        return Timestamp.from(OffsetDateTime.parse(iso).toInstant());
      } catch (RuntimeException ignored) {
        return null;
      }
    }
  }

  private java.sql.Array textArray(List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        if (p == null) {
          s.setNull(i + 1, Types.NULL);
        } else {
          s.setObject(i + 1, p);
        }
      }
      return s.executeUpdate();
    }
  }
}
