package org.homefirst.platform.engine;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homefirst.processes.Processes;
import org.homefirst.processes.SlaTimers;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.operaton.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The manager console's facts (V60), written as the journey makes them, in the engine's
 * transaction with the rest of {@link EngineProjection}: every step's start and end, every SLA
 * clock, each change of the discharge ready date, discharges, readmissions and CHC cases. Whatever
 * moved the journey (the inbox, the API, a worker, a timer), the engine's history events say so
 * here. A fact that cannot be written fails the engine command: the console never silently misses
 * one.
 *
 * <p>Each fact is one statement; the referral's place and age facts are copied from the referral
 * row inside that statement, and a journey without a referral row (a model started by hand) writes
 * none of the facts that belong to a referral.
 */
final class JourneyFacts {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  /** Where the CHC model starts its cases (chc.bpmn): the Fast Track decision, or the 28-day assessment. */
  private static final String FAST_TRACK_DECISION = "Task_FastTrackDecision";
  private static final String CHC_ASSESSMENT = "SubProcess_ChcAssessment";

  private final JdbcTemplate db;
  /** A definition's elements by id, by definition id (EngineProjection's cache). */
  private final Function<String, Map<String, BpmnElements.Element>> model;
  /** Per definition id: the elements an SLA timer is attached to. */
  private final Map<String, Set<String>> guarded = new ConcurrentHashMap<>();

  JourneyFacts(JdbcTemplate db, Function<String, Map<String, BpmnElements.Element>> model) {
    this.db = db;
    this.model = model;
  }

  void activity(HistoricActivityInstanceEventEntity e, String elementType, boolean start, Timestamp at) {
    if ("multiInstanceBody".equals(e.getActivityType())) {
      return; // the engine's wrapper around a multi-instance activity, not a step of the diagram
    }
    long instance = EngineIds.keyOf(e.getProcessInstanceId());
    if (start) {
      db.update("insert into step_duration (activity_instance_id, root_instance_key, instance_key,"
              + " bpmn_process_id, definition_key, element_id, element_type, started_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?)"
              + " on conflict (activity_instance_id) do nothing",
          e.getActivityInstanceId(), rootOf(e), instance, e.getProcessDefinitionKey(),
          EngineIds.keyOf(e.getProcessDefinitionId()), e.getActivityId(), elementType, at);
      if (Processes.CHC.equals(e.getProcessDefinitionKey())
          && (FAST_TRACK_DECISION.equals(e.getActivityId()) || CHC_ASSESSMENT.equals(e.getActivityId()))) {
        // A positive checklist leads straight into the assessment: its start is the referral.
        db.update("insert into chc_case (referral_id, fast_track, referred_at, borough, instance_key)"
                + " select r.id, ?, ?, r.borough, ? from referral r where r.id = ?",
            FAST_TRACK_DECISION.equals(e.getActivityId()), at, instance, referralOf(e));
      }
      return;
    }
    db.update("update step_duration set ended_at = ? where activity_instance_id = ?", at, e.getActivityInstanceId());
    if (guarded(e.getProcessDefinitionId()).contains(e.getActivityId())) {
      // The guarded work is done (or cancelled with its scope): its clocks stop.
      db.update("update sla_clock set ended_at = ?, canceled = ? where instance_key = ? and attached_element_id = ?"
          + " and ended_at is null", at, e.isCanceled(), instance, e.getActivityId());
    }
  }

  void timer(HistoricJobLogEvent e, Timestamp at) {
    SlaTimers.SlaTimer sla = SlaTimers.BY_TIMER.get(e.getActivityId());
    if (sla == null) {
      return;
    }
    long key = EngineIds.keyOf(e.getJobId());
    if (e.isCreationLog()) {
      BpmnElements.Element timer = model.apply(e.getProcessDefinitionId()).get(e.getActivityId());
      db.update("insert into sla_clock (timer_key, referral_id, root_instance_key, instance_key, rule,"
              + " timer_element_id, attached_element_id, team, borough, hospital, started_at, due_at)"
              + " select ?, r.id, ?, ?, ?, ?, ?, ?, r.borough, r.hospital, ?, ?"
              + " from (select 1) one left join referral r on r.id = cast(? as uuid)"
              + " on conflict (timer_key) do nothing",
          key, rootOf(e), EngineIds.keyOf(e.getProcessInstanceId()), sla.slaName(), sla.timerId(),
          timer == null ? null : timer.attachedTo(), team(sla, EngineIds.keyOf(e.getProcessInstanceId())), at,
          e.getJobDueDate() == null ? at : new Timestamp(e.getJobDueDate().getTime()), referralOf(e));
    } else if (e.isSuccessLog()) {
      db.update("update sla_clock set breached_at = ? where timer_key = ? and breached_at is null", at, key);
    }
  }

  void variable(HistoricVariableUpdateEventEntity e, Timestamp at) {
    // The journey's own variables: not a call activity's local copies of what a called process
    // held when it ended (outputs are passed as locals of the call activity, and may be stale).
    boolean root = (e.getRootProcessInstanceId() == null
        || e.getRootProcessInstanceId().equals(e.getProcessInstanceId()))
        && (e.getExecutionId() == null || e.getExecutionId().equals(e.getProcessInstanceId()));
    String process = e.getProcessDefinitionKey();
    switch (e.getVariableName()) {
      case "dischargeReadyAt" -> {
        if (root) {
          dischargeReady(e, at);
        }
      }
      case "dischargedAt" -> {
        if (root && value(e) != null) {
          discharged(e, instant(e));
        }
      }
      case "stillAtHomeAt91Days" -> {
        // Decided by pathway 1's 91-day check; the copies the journey passes on say nothing new.
        if (Processes.PATHWAY_1.equals(process) && value(e) instanceof Boolean home) {
          db.update("update discharge set still_at_home_day_91 = ? where id = (select d.id from discharge d"
              + " where d.referral_id = ? order by d.discharged_at desc limit 1)", home, referralOf(e));
        }
      }
      case "readmissions" -> {
        if (root && value(e) instanceof Number) {
          readmitted(e, at);
        }
      }
      case "dstSetting" -> {
        if (Processes.CHC.equals(process) && value(e) instanceof String setting) {
          db.update("update chc_case set dst_setting = ?, dst_at = ? where instance_key = ?", setting, at,
              EngineIds.keyOf(e.getProcessInstanceId()));
        }
      }
      case "chcOutcome" -> {
        if (Processes.CHC.equals(process) && value(e) instanceof String outcome) {
          db.update("update chc_case set outcome = ?, decided_at = ? where instance_key = ? and decided_at is null",
              outcome, at, EngineIds.keyOf(e.getProcessInstanceId()));
        }
      }
      default -> {}
    }
  }

  /**
   * A new discharge ready date, or none (criteria to reside met again, readmission); repeats are one
   * change. With it, who asked for it (the engine's authenticated user of this command: the
   * application sets it for the person or API client whose referral or event this is) and the step
   * of the model that changed it (none at the journey's start: the date came with the referral).
   */
  private void dischargeReady(HistoricVariableUpdateEventEntity e, Timestamp at) {
    Timestamp ready = value(e) == null ? null : instant(e);
    var execution = Context.getBpmnExecutionContext() == null ? null
        : Context.getBpmnExecutionContext().getExecution();
    String step = execution == null ? null : execution.getActivityId();
    db.update("insert into discharge_ready_change (referral_id, discharge_ready_at, changed_at, changed_by,"
            + " changed_in)"
            + " select r.id, cast(? as timestamptz), ?, ?, ? from referral r where r.id = ?"
            + " and (select c.discharge_ready_at from discharge_ready_change c where c.referral_id = r.id"
            + " order by c.changed_at desc, c.id desc limit 1) is distinct from cast(? as timestamptz)",
        ready, at, Context.getCommandContext().getAuthenticatedUserId(), step, referralOf(e), ready);
  }

  /**
   * A discharge with what was in force when it was recorded: the latest discharge ready date, the
   * journey's pathway and where that pathway takes the patient. The models do not record a
   * destination; it follows from the pathway as the national definitions have it (0 and 1 home,
   * with reablement on 1; 2 a community rehab bed; 3 a care home or interim bed).
   */
  private void discharged(HistoricVariableUpdateEventEntity e, Timestamp dischargedAt) {
    long root = rootOf(e);
    db.update("""
        insert into discharge (referral_id, discharged_at, discharge_ready_at, pathway, destination, out_of_hours,
          borough, hospital, age_at_discharge, reablement)
        select r.id, ?,
          (select c.discharge_ready_at from discharge_ready_change c where c.referral_id = r.id
            order by c.changed_at desc, c.id desc limit 1),
          p.pathway,
          case p.pathway when 0 then 'home' when 1 then 'home' when 2 then 'community-rehab-bed'
            when 3 then 'care-home-or-interim-bed' end,
          (select case v.value when 'true' then true when 'false' then false end from process_variable v
            where v.root_instance_key = ? and v.name = 'dischargeOutOfHours' order by v.updated_at desc limit 1),
          r.borough, r.hospital,
          extract(year from age((cast(? as timestamptz) at time zone 'Europe/London')::date, r.date_of_birth))::int,
          coalesce(p.pathway = 1, false)
        from referral r
        left join lateral (select nullif(v.value, 'null')::numeric::int as pathway from process_variable v
          where v.scope_key = ? and v.name = 'pathway') p on true
        where r.id = ?
        on conflict (referral_id, discharged_at) do nothing""",
        dischargedAt, root, dischargedAt, root, referralOf(e));
  }

  /** A readmission counted by the journey, when the message said (else now), after the latest discharge. */
  private void readmitted(HistoricVariableUpdateEventEntity e, Timestamp at) {
    db.update("""
        insert into readmission (referral_id, readmitted_at, discharge_id)
        select r.id, x.at, (select d.id from discharge d where d.referral_id = r.id and d.discharged_at <= x.at
          order by d.discharged_at desc limit 1)
        from referral r
        cross join lateral (select coalesce((select cast(v.value::jsonb #>> '{}' as timestamptz) from process_variable v
          where v.scope_key = ? and v.name = 'readmittedAt' and v.value <> 'null'), cast(? as timestamptz)) as at) x
        where r.id = ?
        on conflict (referral_id, readmitted_at) do nothing""",
        rootOf(e), at, referralOf(e));
  }

  /**
   * The team that holds the clock's work: the team its escalation would go to ({@code escalateTo},
   * for a task that is the task's own team, see SlaTimersTest), read from the journey's variables as
   * this projection keeps them. Not evaluated on the engine's executions: loading executions from
   * inside a history handler put them in the command's cache while it was deleting a scope (a
   * pathway change), and the flush then failed on the executions' foreign keys.
   */
  private String team(SlaTimers.SlaTimer sla, long instanceKey) {
    return teamOf(sla.escalateTo(), name -> {
      List<String> values = db.queryForList(
          "select value::jsonb #>> '{}' from process_variable where instance_key = ? and name = ?"
              + " order by (scope_key = instance_key) desc limit 1", String.class, instanceKey, name);
      return values.isEmpty() ? null : values.get(0);
    });
  }

  /** {@code dischargeTeam}, {@code "chc"} or {@code "council-" + borough}: the forms escalateTo takes. */
  static String teamOf(String expression, Function<String, String> variable) {
    StringBuilder team = new StringBuilder();
    for (String part : expression.split("\\+")) {
      String p = part.strip();
      String value = p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1) : variable.apply(p);
      if (value == null) {
        return null;
      }
      team.append(value);
    }
    return team.toString();
  }

  private Set<String> guarded(String definitionId) {
    return guarded.computeIfAbsent(definitionId, id -> model.apply(id).values().stream()
        .filter(element -> SlaTimers.BY_TIMER.containsKey(element.id()) && element.attachedTo() != null)
        .map(BpmnElements.Element::attachedTo).collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * The referral of the journey: its business key, from the engine's cache of this command (at the
   * start of a journey the referral row does not name its instance yet), else by the instance.
   */
  private UUID referralOf(HistoryEvent e) {
    ExecutionEntity instance = Context.getCommandContext().getDbEntityManager()
        .getCachedEntity(ExecutionEntity.class, e.getProcessInstanceId());
    String businessKey = instance == null ? null : instance.getBusinessKey();
    if (businessKey != null) {
      try {
        return UUID.fromString(businessKey);
      } catch (IllegalArgumentException notAReferral) {
        return null;
      }
    }
    List<UUID> ids = db.queryForList("select id from referral where process_instance_key = ?", UUID.class,
        rootOf(e));
    return ids.isEmpty() ? null : ids.get(0);
  }

  private static long rootOf(HistoryEvent e) {
    String root = e.getRootProcessInstanceId() != null ? e.getRootProcessInstanceId() : e.getProcessInstanceId();
    return EngineIds.keyOf(root);
  }

  /** A variable's value as Java: text, true/false, a whole number, a date; null for none. */
  private static Object value(HistoricVariableUpdateEventEntity e) {
    return switch (String.valueOf(e.getSerializerName())) {
      case "string" -> e.getTextValue();
      case "boolean" -> e.getLongValue() == null ? null : e.getLongValue() != 0;
      case "integer", "short", "long" -> e.getLongValue();
      case "double" -> e.getDoubleValue();
      case "date" -> e.getLongValue() == null ? null : new Timestamp(e.getLongValue());
      default -> null;
    };
  }

  /** A date-time variable as the models keep them: ISO 8601 with an offset, or local time in London. */
  private static Timestamp instant(HistoricVariableUpdateEventEntity e) {
    Object value = value(e);
    if (value instanceof Timestamp t) {
      return t;
    }
    String text = String.valueOf(value);
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
          ZonedDateTime::from, LocalDateTime::from);
      return Timestamp.from(parsed instanceof LocalDateTime local ? local.atZone(LONDON).toInstant()
          : ZonedDateTime.from(parsed).toInstant());
    } catch (DateTimeParseException ex) {
      throw new IllegalStateException(e.getVariableName() + " = '" + text + "' is not a date-time", ex);
    }
  }
}
