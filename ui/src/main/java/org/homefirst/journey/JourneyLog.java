package org.homefirst.journey;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.homefirst.referral.Referral;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one shared record of a patient's journey: engine steps written by the projection (in the engine's transaction) and
 * people's actions written here, read back together in time order.
 */
@Service
public class JourneyLog {

  private final JdbcClient db;
  private final Clock clock;

  JourneyLog(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public void record(UUID referralId, String kind, String actor, String detail) {
    record(referralId, kind, null, actor, detail);
  }

  public void record(UUID referralId, String kind, String elementId, String actor, String detail) {
    record(referralId, kind, elementId, actor, detail, clock.instant());
  }

  /**
   * Records an action at the time it was taken: a completion is stamped when it was sent, so the
   * timeline shows it before the steps the engine took because of it (exported meanwhile).
   */
  public void record(UUID referralId, String kind, String elementId, String actor, String detail, java.time.Instant at) {
    db.sql(
            """
            insert into journey_event (referral_id, root_instance_key, occurred_at, source, kind,
              element_id, actor, detail)
            values (?, (select process_instance_key from referral where id = ?), ?, 'APP', ?, ?, ?, ?)""")
        .params(referralId, referralId, Timestamp.from(at), kind, elementId, actor, detail)
        .update();
  }

  /** A process instance of the journey with its diagram and the elements active in it now. */
  public record Position(long instanceKey, String processId, String bpmnXml, List<String> activeElementIds,
      List<String> activeElementNames) {

    /** The process's name from its model (e.g. "Pathway 1: home with support"), else its id. */
    public String processName() {
      if (bpmnXml == null) {
        return processId;
      }
      java.util.regex.Matcher tag = java.util.regex.Pattern
          .compile("<(?:\\w+:)?process\\s[^>]*\\bid=\"" + java.util.regex.Pattern.quote(processId) + "\"[^>]*>")
          .matcher(bpmnXml);
      if (tag.find()) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\\bname=\"([^\"]*)\"").matcher(tag.group());
        if (name.find()) {
          return name.group(1);
        }
      }
      return processId;
    }
  }

  /** A clock of the journey that is running: a timer event of its models, by id and name, and when it runs out. */
  public record RunningClock(String timerId, String name, java.time.Instant dueAt) {}

  /** The journey's running clocks (every called process's too), soonest first. */
  public List<RunningClock> runningClocks(Referral referral) {
    if (referral.processInstanceKey() == null) {
      return List.of();
    }
    return db.sql("""
            select c.element_id, coalesce(pe.name, c.element_id) as name, c.due_at
            from journey_clock c
            left join process_instance pi on pi.instance_key = c.instance_key
            left join process_element pe on pe.definition_key = pi.definition_key and pe.element_id = c.element_id
            where c.root_instance_key = ? and c.state = 'RUNNING'
            order by c.due_at, c.timer_key""")
        .param(referral.processInstanceKey())
        .query((rs, n) -> new RunningClock(rs.getString("element_id"), rs.getString("name"),
            rs.getTimestamp("due_at").toInstant()))
        .list();
  }

  /** Where the journey is now: the root process and every active called process, with active elements. */
  public List<Position> positionOf(Referral referral) {
    if (referral.processInstanceKey() == null) {
      return List.of();
    }
    return db.sql(
            """
            select pi.instance_key, pi.bpmn_process_id, pi.definition_key, pd.bpmn_xml
            from process_instance pi join process_definition pd on pd.definition_key = pi.definition_key
            where pi.root_instance_key = :root and (pi.instance_key = :root or pi.state = 'ACTIVE')
            order by pi.started_at, pi.instance_key""")
        .param("root", referral.processInstanceKey())
        .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)})
        .list()
        .stream()
        .map(row -> {
          long key = (Long) row[0];
          List<String[]> active =
              db.sql(
                      """
                      select e.element_id, coalesce(min(pe.name), e.element_id) from journey_event e
                      left join process_element pe on pe.definition_key = :def and pe.element_id = e.element_id
                      where e.instance_key = :key and e.source = 'ENGINE' and e.element_id is not null
                        and e.element_id <> :process
                        and e.kind in ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
                      group by e.element_id
                      having sum(case when e.kind = 'ELEMENT_ACTIVATED' then 1 else -1 end) > 0
                      order by max(e.id)""")
                  .param("def", row[2])
                  .param("key", key)
                  .param("process", row[1])
                  .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                  .list();
          return new Position(key, (String) row[1], (String) row[3],
              active.stream().map(a -> a[0]).toList(), active.stream().map(a -> a[1]).toList());
        })
        .toList();
  }

  /** The latest value (JSON text) of each of these journey variables that is set, by name. */
  public java.util.Map<String, String> variables(Referral referral, java.util.Collection<String> names) {
    java.util.Map<String, String> values = new java.util.HashMap<>();
    if (referral.processInstanceKey() == null) {
      return values;
    }
    db.sql("""
            select distinct on (name) name, value from process_variable
            where root_instance_key = ? and name = any(?) order by name, updated_at desc""")
        .params(referral.processInstanceKey(), names.toArray(String[]::new))
        .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(e -> values.put(e.getKey(), e.getValue()));
    return values;
  }

  /** Who completed the latest task of this element in the journey (e.g. the trusted assessor), if any. */
  public java.util.Optional<String> completedBy(Referral referral, String elementId) {
    if (referral.processInstanceKey() == null) {
      return java.util.Optional.empty();
    }
    return db.sql("""
            select completed_by from user_task where root_instance_key = ? and element_id = ?
            and state = 'COMPLETED' and completed_by is not null order by ended_at desc limit 1""")
        .params(referral.processInstanceKey(), elementId)
        .query(String.class)
        .optional();
  }

  /** The latest value (JSON text) of a journey variable, if set. */
  public java.util.Optional<String> variable(Referral referral, String name) {
    if (referral.processInstanceKey() == null) {
      return java.util.Optional.empty();
    }
    return db.sql("select value from process_variable where root_instance_key = ? and name = ? order by updated_at desc limit 1")
        .params(referral.processInstanceKey(), name)
        .query(String.class)
        .optional();
  }

  /** The facts {@link JourneyState} tells the patient's state from: the journey's own variables and steps. */
  JourneyState.Facts stateFacts(Referral referral) {
    if (referral.processInstanceKey() == null) {
      return new JourneyState.Facts(referral.status(), null, null, false, 0, false, null);
    }
    return db.sql("""
            select
              (select v.value from process_variable v where v.scope_key = :root and v.name = 'pathway') as pathway,
              (select v.value from process_variable v where v.scope_key = :root and v.name = 'dischargedAt')
                as discharged,
              (select v.value from process_variable v where v.scope_key = :root and v.name = 'readmissions')
                as readmissions,
              (select v.value::jsonb #>> '{}' from process_variable v where v.root_instance_key = :root
                 and v.name = 'plannedDischargeAt' and v.value <> 'null' order by v.updated_at desc limit 1) as planned,
              exists (select 1 from user_task t where t.root_instance_key = :root and t.element_id = 'Task_Triage'
                 and t.state = 'CREATED') as triage,
              (select min(e.element_id) from journey_event e where e.root_instance_key = :root
                 and e.element_id in (:died, :declined)) as ending,
              exists (select 1 from journey_event h where h.root_instance_key = :root and h.element_id = :home
                 and h.kind = 'ELEMENT_COMPLETED' and h.occurred_at >= (select max(c.occurred_at)
                   from journey_event c where c.root_instance_key = :root and c.element_id = 'Call_Pathway2'
                   and c.kind = 'ELEMENT_ACTIVATED')) as home_from_bed""")
        .param("root", referral.processInstanceKey())
        .param("died", JourneyState.DIED)
        .param("declined", JourneyState.DECLINED)
        .param("home", JourneyState.HOME_FROM_REHAB_BED)
        .query((rs, n) -> {
          String pathway = rs.getString("pathway");
          String discharged = rs.getString("discharged");
          String readmissions = rs.getString("readmissions");
          String planned = rs.getString("planned");
          return new JourneyState.Facts(referral.status(), rs.getString("ending"),
              number(pathway) == null ? null : number(pathway).intValue(),
              discharged != null && !discharged.equals("null"),
              number(readmissions) == null ? 0 : number(readmissions).intValue(),
              rs.getBoolean("triage"), instant(planned), rs.getBoolean("home_from_bed"));
        })
        .single();
  }

  private static Double number(String json) {
    try {
      return json == null || json.equals("null") ? null : Double.valueOf(json.replace("\"", ""));
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static java.time.Instant instant(String text) {
    try {
      return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException notADateTime) {
      return null;
    }
  }

  /**
   * One change of the discharge ready date: the date from then on (null: the patient meets the
   * criteria to reside again, or was readmitted), when, by whom and in which step of the model.
   */
  record DischargeReadyChange(java.time.Instant changedAt, java.time.Instant dischargeReadyAt, String by,
      String stepId, String stepName) {}

  /** Every change of the referral's discharge ready date, oldest first. */
  List<DischargeReadyChange> dischargeReadyHistory(Referral referral) {
    return db.sql("""
            select c.changed_at, c.discharge_ready_at, c.changed_by, c.changed_in,
                   (select min(pe.name) from process_element pe where pe.element_id = c.changed_in) as step
            from discharge_ready_change c where c.referral_id = ?
            order by c.changed_at, c.id""")
        .param(referral.id())
        .query((rs, n) -> {
          Timestamp ready = rs.getTimestamp(2);
          return new DischargeReadyChange(rs.getTimestamp(1).toInstant(), ready == null ? null : ready.toInstant(),
              rs.getString(3), rs.getString(4), rs.getString(5));
        })
        .list();
  }

  /**
   * One message to or from a partner system about a referral: a call (each attempt, with its
   * HTTP status, time taken and correlation id), a notification, or an e-mail in the outbox.
   */
  public record PartnerMessage(java.time.Instant at, String system, String what, String outcome, String detail) {}

  /** Every exchange with partners about a referral, oldest first. */
  public List<PartnerMessage> partnerMessages(Referral referral) {
    return db.sql(
            """
            select at, system, what, outcome, detail from (
              select x.at, x.system, x.operation || case when x.attempt > 1 then ' (attempt ' || x.attempt || ')' else '' end as what,
                     x.outcome || coalesce(' · HTTP ' || x.response_status, '') || ' · ' || x.duration_ms || ' ms' as outcome,
                     concat_ws(' · ', x.request_summary, x.error, 'correlation ' || x.correlation_id) as detail, x.id as n, 1 as kind
              from partner_exchange x where x.referral_id = :id
              union all
              select n.created_at, n.channel, n.kind || ' to ' || n.recipient, n.status || coalesce(' · HTTP ' || n.response_code, ''),
                     coalesce(n.last_error, ''), n.id, 2
              from notification n where n.referral_id = :id
              union all
              select o.created_at, o.system, 'e-mail to ' || o.recipient || ': ' || o.subject, o.status,
                     concat_ws(' · ', case when o.attempts > 0 then o.attempts || ' attempts' end, o.last_error), o.id, 3
              from partner_outbox o where o.referral_id = :id
            ) m order by at, kind, n""")
        .param("id", referral.id())
        .query((rs, n) -> new PartnerMessage(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5)))
        .list();
  }

  /** Id of the newest event of a referral's journey (0 when none): cheap "has anything changed?". */
  public long lastEventId(Referral referral) {
    return db.sql("select coalesce(max(id), 0) from journey_event where referral_id = :id or (:key is not null and root_instance_key = :key)")
        .param("id", referral.id())
        .param("key", referral.processInstanceKey())
        .query(Long.class)
        .single();
  }

  /** Engine steps that matter to people (not gateways or the process itself), and all actions. */
  public List<JourneyEntry> of(Referral referral) {
    return steps(referral).stream().filter(e -> !"PROCESS".equals(e.elementType())).toList();
  }

  /**
   * Every step of the journey in one query: as {@link #of}, and the ends of its process instances
   * (so the timeline can say how the journey and each called process ended), with the teams and
   * form of user tasks and the partner's decision a message brought.
   */
  List<JourneyEntry> steps(Referral referral) {
    return db.sql(
            """
            select e.occurred_at, e.source, e.kind, e.element_id,
                   coalesce(pe.name,
                            (select min(p2.name) from process_element p2 where e.source = 'APP' and p2.element_id = e.element_id),
                            e.element_id,
                            case when e.kind = 'MESSAGE_CORRELATED' then e.element_type end) as element_name, e.actor, e.detail,
                   e.element_type, e.instance_key, ut.candidate_groups, ut.form_key,
                   pr.system as partner, pr.status as partner_status, pr.withdrawn_by_job, pr.status_reason
            from journey_event e
            left join process_instance pi on pi.instance_key = e.instance_key
            left join process_element pe
              on pe.definition_key = pi.definition_key and pe.element_id = e.element_id
            left join lateral (
              select t.candidate_groups, t.form_key from user_task t
              where t.root_instance_key = :key and t.element_id = e.element_id
                and (e.kind = 'TASK_COMPLETED' or (e.kind = 'ELEMENT_ACTIVATED' and e.element_type = 'USER_TASK'))
                and (e.instance_key is null or t.instance_key = e.instance_key)
              order by abs(extract(epoch from t.created_at - e.occurred_at)) limit 1) ut on true
            left join partner_referral pr on e.kind = 'MESSAGE_CORRELATED' and pr.idempotency_key = e.detail
            where (e.referral_id = :id or (:key is not null and e.root_instance_key = :key))
              and (e.source <> 'ENGINE' or e.element_type is null
                   or e.element_type not in ('EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'INCLUSIVE_GATEWAY',
                                             'EVENT_BASED_GATEWAY', 'PROCESS', 'SEQUENCE_FLOW')
                   or (e.element_type = 'PROCESS' and e.kind <> 'ELEMENT_ACTIVATED'))
            order by e.occurred_at, e.id""")
        .param("id", referral.id())
        .param("key", referral.processInstanceKey())
        .query(
            (rs, n) -> {
              java.sql.Array teams = rs.getArray("candidate_groups");
              String partnerStatus = rs.getString("partner_status");
              JourneyEntry.PartnerDecision decision = partnerStatus == null ? null : new JourneyEntry.PartnerDecision(
                  rs.getString("partner"), accepted(partnerStatus, rs.getObject("withdrawn_by_job") != null),
                  rs.getString("status_reason"));
              return new JourneyEntry(
                  rs.getTimestamp("occurred_at").toInstant(),
                  rs.getString("source"),
                  rs.getString("kind"),
                  rs.getString("element_id"),
                  rs.getString("element_name"),
                  rs.getString("actor"),
                  rs.getString("detail"),
                  rs.getString("element_type"),
                  rs.getObject("instance_key", Long.class),
                  teams == null ? List.of() : java.util.Arrays.asList((String[]) teams.getArray()),
                  rs.getString("form_key"),
                  decision);
            })
        .list();
  }

  /**
   * What a decided partner referral's status says the partner answered: a rejection, or a
   * cancellation by the partner, is a decline; a referral we withdrew later was accepted first.
   */
  private static boolean accepted(String status, boolean withdrawnByUs) {
    return !(status.equals("rejected") || (status.equals("cancelled") && !withdrawnByUs));
  }
}
