package org.homefirst.inbox;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.base.PlainText;
import org.homefirst.base.WhileBusy;
import org.homefirst.delay.Delays;
import org.homefirst.journey.JourneyLog;
import org.homefirst.processes.Processes;
import org.homefirst.referral.Referral;
import org.operaton.bpm.engine.ProcessEngineException;
import org.slf4j.LoggerFactory;
import org.operaton.bpm.engine.exception.NullValueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work queues: open user tasks of the teams a person belongs to, and the actions on them.
 * The UI and the API both go through here, so the rules (who may see, claim and complete what)
 * hold everywhere.
 */
@Service
public class TaskInbox {

  /** Which tasks a queue shows. */
  public sealed interface Queue {
    record Mine() implements Queue {}

    record Team(String team) implements Queue {}

    record AllVisible() implements Queue {}
  }

  private static final String SELECT =
      """
      select t.task_key, t.element_id, coalesce(pe.name, t.element_id) as name, t.form_key,
             t.candidate_groups, t.assignee, t.created_at, t.due_at,
             r.id as referral_id, r.nhs_number, r.given_name || ' ' || r.family_name as patient_name,
             r.borough, r.hospital, r.ward, r.discharge_ready_at, clk.rule as clock, lo.name as locality
      from user_task t
      left join process_element pe on pe.definition_key = t.definition_key and pe.element_id = t.element_id
      left join referral r on r.process_instance_key = t.root_instance_key
      left join locality lo on lo.id = r.locality
      left join lateral (select c.rule from sla_clock c where c.root_instance_key = t.root_instance_key
                         and c.ended_at is null and c.due_at = t.due_at
                         order by c.started_at desc limit 1) clk on t.due_at is not null
      """;

  private final JdbcClient db;
  private final TaskAnswers answers;
  private final TransactionTemplate tx;
  private final JourneyLog journey;
  private final Clock clock;
  private final TaskForms forms;
  private final AuditLog audit;
  private final Delays delays;
  private final StaffDirectory staff;
  private final ReferralAccess access;
  private final Breaches breaches;

  TaskInbox(JdbcClient db, TaskAnswers answers, TransactionTemplate tx, JourneyLog journey, Clock clock, TaskForms forms, AuditLog audit,
      Delays delays, StaffDirectory staff, ReferralAccess access, Breaches breaches) {
    this.breaches = breaches;
    this.db = db;
    this.answers = answers;
    this.tx = tx;
    this.journey = journey;
    this.clock = clock;
    this.forms = forms;
    this.audit = audit;
    this.delays = delays;
    this.staff = staff;
    this.access = access;
  }

  /** Open tasks in a queue, soonest due first, a page at a time. */
  public List<InboxTask> tasks(TeamMember member, Queue queue, int offset, int limit) {
    return tasks(member, queue, TaskFilter.NONE, offset, limit);
  }

  /** Open tasks in a queue narrowed by a filter, soonest due first (no due time last). */
  public List<InboxTask> tasks(TeamMember member, Queue queue, TaskFilter filter, int offset, int limit) {
    if (offset >= FAR_PAGE) {
      // Deep in a long queue (the grid's scrollbar dragged to the end), the far half is read from
      // its end backwards along the same index: the last page costs what the first one does,
      // instead of PostgreSQL walking past every task before it.
      int total = count(member, queue, filter);
      if (offset > total / 2) {
        int fromEnd = Math.max(0, total - offset - limit);
        int size = Math.min(limit, Math.max(0, total - offset));
        List<InboxTask> page = new java.util.ArrayList<>(page(member, queue, filter,
            " order by t.due_at desc nulls first, t.task_key desc", fromEnd, size));
        java.util.Collections.reverse(page);
        return page;
      }
    }
    return page(member, queue, filter, " order by t.due_at nulls last, t.task_key", offset, limit);
  }

  /** From this offset on, a page may be read from the queue's end. */
  static final int FAR_PAGE = 500;

  private List<InboxTask> page(TeamMember member, Queue queue, TaskFilter filter, String order, int offset,
      int limit) {
    return bind(db.sql(SELECT + where(queue, filter) + order + " offset :offset limit :limit"), member, queue, filter)
        .param("offset", offset)
        .param("limit", limit)
        .query(TaskInbox::map)
        .list();
  }

  public int count(TeamMember member, Queue queue) {
    return count(member, queue, TaskFilter.NONE);
  }

  public int count(TeamMember member, Queue queue, TaskFilter filter) {
    String join = filter.needsReferral() ? " join referral r on r.process_instance_key = t.root_instance_key " : " ";
    return bind(db.sql("select count(*) from user_task t" + join + where(queue, filter)), member, queue, filter)
        .query(Integer.class)
        .single();
  }

  private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, TeamMember member, Queue queue, TaskFilter f) {
    spec = spec.param("teams", member.teams().toArray(String[]::new))
        .param("user", member.username())
        .param("team", queue instanceof Queue.Team t ? t.team() : "");
    if (TaskFilter.present(f.borough())) spec = spec.param("borough", f.borough());
    if (TaskFilter.present(f.hospital())) spec = spec.param("hospital", f.hospital());
    if (TaskFilter.present(f.ward())) spec = spec.param("ward", f.ward());
    if (TaskFilter.present(f.locality())) spec = spec.param("locality", f.locality());
    if (TaskFilter.present(f.taskType())) spec = spec.param("taskType", f.taskType());
    if (f.overdueOnly()) spec = spec.param("now", Timestamp.from(clock.instant()));
    if (f.pathway() != null) spec = spec.param("pathway", String.valueOf(f.pathway()));
    if (TaskFilter.present(f.search())) {
      String digits = f.search().replaceAll("[\\s-]", "");
      if (digits.matches("\\d+")) {
        spec = spec.param("nhs", digits + "%");
      } else {
        spec = spec.param("name", f.search().trim().toLowerCase().replace("%", "").replace("_", "") + "%");
      }
    }
    return spec;
  }

  private static String where(Queue queue, TaskFilter f) {
    StringBuilder w = new StringBuilder("where t.state = 'CREATED' and " + ReferralAccess.TASK_OF_MEMBERS_TEAMS);
    w.append(switch (queue) {
      case Queue.Mine m -> " and t.assignee = :user";
      case Queue.Team t -> " and :team = any(t.candidate_groups)";
      case Queue.AllVisible a -> "";
    });
    if (TaskFilter.present(f.borough())) w.append(" and r.borough = :borough");
    if (TaskFilter.present(f.hospital())) w.append(" and r.hospital = :hospital");
    if (TaskFilter.present(f.ward())) w.append(" and r.ward = :ward");
    if (TaskFilter.present(f.locality())) w.append(" and r.locality = :locality");
    if (TaskFilter.present(f.taskType())) w.append(" and t.element_id = :taskType");
    // A breach review is about work already overdue, whatever its own due time.
    if (f.overdueOnly()) w.append(" and (t.due_at < :now or t.bpmn_process_id = '" + Processes.SLA_ESCALATION + "')");
    if (f.pathway() != null) {
      w.append(" and exists (select 1 from process_variable v where v.root_instance_key = t.root_instance_key"
          + " and v.name = 'pathway' and v.value = :pathway)");
    }
    if (TaskFilter.present(f.search())) {
      String digits = f.search().replaceAll("[\\s-]", "");
      w.append(digits.matches("\\d+")
          ? " and r.nhs_number like :nhs"
          : " and (lower(r.family_name) like :name or lower(r.given_name) like :name"
              + " or lower(r.given_name || ' ' || r.family_name) like :name)");
    }
    return w.toString();
  }

  /** The kinds of task (element id and name) people can filter by. */
  public List<TaskType> taskTypes() {
    return db.sql(
            """
            select element_id, min(coalesce(name, element_id)) as name from process_element
            where element_type = 'userTask' group by element_id order by 2""")
        .query((rs, n) -> new TaskType(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** A kind of user task: its element id in the models and its name. */
  public record TaskType(String elementId, String name) {}

  /** Redbridge's localities (and its community triage), for the locality filter. */
  public List<LocalityChoice> localities() {
    return db.sql("select id, name from locality order by name")
        .query((rs, n) -> new LocalityChoice(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** A locality whose team takes Redbridge's community handoffs: its id and name. */
  public record LocalityChoice(String id, String name) {}

  /** Wards with open referrals, for the ward filter. */
  public List<String> wards() {
    return db.sql("select distinct ward from referral where status = 'OPEN' order by ward limit 500")
        .query(String.class)
        .list();
  }

  /** An open task the member may see, or empty (also when it belongs to other teams). */
  public Optional<InboxTask> find(TeamMember member, long taskKey) {
    return db.sql(SELECT + " where t.task_key = :key and t.state = 'CREATED' and " + ReferralAccess.TASK_OF_MEMBERS_TEAMS)
        .param("key", taskKey)
        .param("teams", member.teams().toArray(String[]::new))
        .query(TaskInbox::map)
        .optional();
  }

  public List<InboxTask> openTasksOf(Referral referral) {
    if (referral.processInstanceKey() == null) {
      return List.of();
    }
    return db.sql(SELECT + " where t.root_instance_key = :root and t.state = 'CREATED' order by t.due_at nulls last")
        .param("root", referral.processInstanceKey())
        .query(TaskInbox::map)
        .list();
  }

  // Each change below, its journey entry and its audit row commit together: a claim nobody could
  // audit does not happen, and an audit row never tells of a change that rolled back.

  public void claim(TeamMember member, long taskKey) {
    InboxTask task = visible(member, taskKey);
    mayAct(member, task);
    tx.executeWithoutResult(status -> {
      int updated = db.sql("""
              update user_task set assignee = ?, claimed_at = ?
              where task_key = ? and state = 'CREATED' and (assignee is null or assignee = ?)""")
          .params(member.username(), Timestamp.from(clock.instant()), taskKey, member.username())
          .update();
      if (updated == 0) {
        throw new TaskRefused("This task is already claimed by " + assigneeOf(taskKey));
      }
      journey.record(task.referralId(), "TASK_CLAIMED", task.elementId(), member.username(), task.name());
      audit.record(member.username(), AuditLog.Action.CLAIM, task.referralId(), taskKey, task.name());
    });
  }

  public void unclaim(TeamMember member, long taskKey) {
    InboxTask task = visible(member, taskKey);
    tx.executeWithoutResult(status -> {
      int updated = db.sql("""
              update user_task set assignee = null, claimed_at = null
              where task_key = ? and state = 'CREATED' and assignee = ?""")
          .params(taskKey, member.username())
          .update();
      if (updated == 0) {
        throw new TaskRefused("Only the person who claimed this task can release it");
      }
      journey.record(task.referralId(), "TASK_UNCLAIMED", task.elementId(), member.username(), task.name());
      audit.record(member.username(), AuditLog.Action.UNCLAIM, task.referralId(), taskKey, task.name());
    });
  }

  /** Adds a comment to the task's journey, for every team involved to read. */
  public void comment(TeamMember member, long taskKey, String text) {
    InboxTask task = visible(member, taskKey);
    if (text == null || text.isBlank()) {
      throw new TaskRefused("Write a comment first", Map.of("comment", "write a comment first"));
    }
    if (text.length() > 2000) {
      throw new TaskRefused("The comment is too long", Map.of("comment", "at most 2000 characters"));
    }
    String hidden = PlainText.problemInText(text, "the comment");
    if (hidden != null) {
      throw new TaskRefused("The comment cannot be saved as it is", Map.of("comment", hidden));
    }
    tx.executeWithoutResult(status -> {
      journey.record(task.referralId(), "COMMENT_ADDED", task.elementId(), member.username(), text.strip());
      audit.record(member.username(), AuditLog.Action.COMMENT, task.referralId(), taskKey, text.strip());
    });
  }

  /**
   * Records a delay to the patient's discharge from a task: reason, attribution (NHS, social care,
   * both) and setting (acute, non-acute). Invalid values are refused with field errors.
   */
  public void recordDelay(TeamMember member, long taskKey, String reason, String attribution, String setting, String note) {
    InboxTask task = visible(member, taskKey);
    if (task.referralId() == null) {
      throw new TaskRefused("This task belongs to no referral, so a delay cannot be recorded against a patient");
    }
    Map<String, String> problems = delays.problems(reason, attribution, setting, note);
    if (!problems.isEmpty()) {
      throw new TaskRefused("Some answers need attention", problems);
    }
    WhileBusy.run(() -> tx.executeWithoutResult(status -> delays.record(task.referralId(), taskKey,
            task.elementId(), member.username(), reason, attribution, setting, note)),
        busy -> new TaskRefused("The journey was busy and nothing was saved; submit again"));
  }

  /** Team leads only: gives an open task of one of their teams to a colleague in the task's teams. */
  public void assign(TeamMember lead, long taskKey, String assignee) {
    if (!access.isLead(lead)) {
      throw new TaskRefused("Only team leads can assign work to colleagues");
    }
    InboxTask task = visible(lead, taskKey);
    if (assignee == null || assignee.isBlank()) {
      throw new TaskRefused("Choose a colleague", Map.of("assignee", "choose a colleague"));
    }
    if (!staff.isMemberOfAny(assignee, task.candidateGroups())) {
      throw new TaskRefused(assignee + " is not in the team of this task (" + String.join(", ", task.candidateGroups()) + ")",
          Map.of("assignee", "not a member of " + String.join(", ", task.candidateGroups())));
    }
    String detail = task.name() + " to " + assignee + (task.assignee() == null ? "" : " (was " + task.assignee() + ")");
    tx.executeWithoutResult(status -> {
      db.sql("update user_task set assignee = ?, claimed_at = ? where task_key = ? and state = 'CREATED'")
          .params(assignee, Timestamp.from(clock.instant()), taskKey)
          .update();
      journey.record(task.referralId(), "TASK_ASSIGNED", task.elementId(), lead.username(), detail);
      audit.record(lead.username(), AuditLog.Action.ASSIGN, task.referralId(), taskKey, detail);
    });
  }

  /**
   * Team leads only: reassigns several tasks to one colleague. Each task is checked on its own;
   * returns the refusals by task key (empty when all were reassigned).
   */
  public Map<Long, String> reassign(TeamMember lead, java.util.Collection<Long> taskKeys, String assignee) {
    if (!access.isLead(lead)) {
      throw new TaskRefused("Only team leads can reassign work");
    }
    Map<Long, String> refused = new java.util.LinkedHashMap<>();
    for (Long key : taskKeys) {
      try {
        assign(lead, key, assignee);
      } catch (TaskRefused r) {
        refused.put(key, r.getMessage());
      }
    }
    return refused;
  }

  public boolean isLead(TeamMember member) {
    return access.isLead(member);
  }

  /** Colleagues who could take a task of these teams. */
  public List<String> colleagues(java.util.Collection<String> teams) {
    return staff.membersOf(teams);
  }

  /**
   * The journey variables a task sees, as the engine holds them (JSON values): those of the
   * journey itself, overridden by those of the task's own process (a pathway, an assessment).
   */
  public Map<String, Object> variablesOf(InboxTask task) {
    Map<String, Object> values = new java.util.HashMap<>();
    db.sql(
            """
            select v.name, v.value from user_task t
            join process_variable v on v.instance_key = t.instance_key or v.scope_key = t.root_instance_key
            where t.task_key = ?
            order by (v.instance_key = t.instance_key), v.updated_at""")
        .param(task.key())
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .list()
        .forEach(row -> values.put(row[0], parse(row[1])));
    return values;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (java.io.IOException e) {
      return json;
    }
  }

  /** A journey variable's value in words, for a task's context: a choice's label, else as {@code fallback} says. */
  String contextInWords(String variable, Object value, java.util.function.Function<Object, String> fallback) {
    return forms.choiceInWords(variable, value).orElseGet(() -> fallback.apply(value));
  }

  /** The form definition of a task type, if there is one. */
  public java.util.Optional<FormDefinition> formOf(InboxTask task) {
    return forms.formOf(task.formKey());
  }

  /** Opens a task by key: the task when visible (the view is audited), else empty (the refusal is audited). */
  public Optional<InboxTask> open(TeamMember member, long taskKey) {
    Optional<InboxTask> task = find(member, taskKey);
    if (task.isPresent()) {
      audit.record(member.username(), AuditLog.Action.VIEW_TASK, task.get().referralId(), taskKey, task.get().name());
    } else {
      audit.record(member.username(), AuditLog.Action.REFUSED, null, taskKey, "task not open or not in the member's teams");
    }
    return task;
  }

  public boolean canSee(TeamMember member, UUID referralId) {
    return access.canSee(member, referralId);
  }

  /**
   * Completes a task with the values of its form. The member must hold the claim; invalid values
   * are refused with field errors and change nothing.
   */
  public void complete(TeamMember member, long taskKey, Map<String, Object> values) {
    InboxTask task = visible(member, taskKey);
    mayAct(member, task);
    if (!member.username().equals(task.assignee())) {
      throw new TaskRefused(
          task.assignee() == null ? "Claim the task before completing it" : "This task is claimed by " + task.assignee());
    }
    Map<String, String> problems = forms.problems(task.formKey(), task.elementId(), values, variablesOf(task));
    if (!problems.isEmpty()) {
      throw new TaskRefused("Some answers need attention", problems);
    }
    java.time.Instant sent = clock.instant();
    // The engine's completion, our projection of it, the journey entry and the audit row commit
    // together: a task is completed once, by one person, or not at all. Another step of the same
    // journey finishing at that moment rolls it all back; it is then given again (and refused if
    // the task has gone meanwhile).
    try {
      WhileBusy.run(() -> tx.executeWithoutResult(status -> {
        answers.give(member.username(), taskKey, values);
        db.sql("update user_task set completed_by = ? where task_key = ?").params(member.username(), taskKey)
            .update();
        journey.record(task.referralId(), "TASK_COMPLETED", task.elementId(), member.username(), summary(values),
            sent);
        audit.record(member.username(), AuditLog.Action.COMPLETE, task.referralId(), taskKey,
            task.name() + ": " + summary(values));
        if (Delays.FORM_KEY.equals(task.formKey()) && task.referralId() != null) {
          delays.record(task.referralId(), taskKey, task.elementId(), member.username(),
              (String) values.get("delayReason"), (String) values.get("delayAttribution"),
              (String) values.get("delaySetting"), null);
        }
      }), busy -> new TaskRefused("The journey was busy and nothing was saved; submit again"));
    } catch (NullValueException closed) {
      throw new TaskRefused("This task was closed in the meantime (the journey moved on)");
    } catch (ProcessEngineException e) {
      // The engine's words (ids, SQL) are for the log; the person is told what happened and what to do.
      LoggerFactory.getLogger(TaskInbox.class).warn("Completion of task {} refused by the engine: {}", taskKey,
          e.toString());
      throw new TaskRefused("The workflow engine could not take this completion just now, so nothing was saved;"
          + " submit again, and if it keeps happening tell the service desk");
    }
  }

  /** The council's s117 agreement, and the variable naming who agreed the ICB's share (section-117.bpmn). */
  static final String S117_COUNCIL_AGREEMENT = "Task_CouncilAgreeFunding";
  static final String S117_ICB_DECIDED_BY = "s117IcbDecidedBy";

  /**
   * Rules on who may take on a task beyond its team (refusals audited): a breach review is for team
   * leads; the council's s117 agreement is not for the person who agreed the ICB's share.
   */
  private void mayAct(TeamMember member, InboxTask task) {
    if (breaches.isReview(task) && !access.isLead(member)) {
      audit.record(member.username(), AuditLog.Action.REFUSED, task.referralId(), task.key(),
          task.name() + ": breach reviews are for team leads");
      throw new TaskRefused("Only team leads can take on a breach review. You can read it and add a comment;"
          + " ask your team lead to act on it.");
    }
    if (S117_COUNCIL_AGREEMENT.equals(task.elementId())
        && member.username().equals(variablesOf(task).get(S117_ICB_DECIDED_BY))) {
      audit.record(member.username(), AuditLog.Action.REFUSED, task.referralId(), task.key(),
          task.name() + ": the same person agreed the ICB's share");
      throw new TaskRefused("You agreed the ICB's share of this s117 funding, so the council's agreement must"
          + " come from someone else in the council team.");
    }
  }

  /** What a breach review is about, when the task is one (empty otherwise). */
  Optional<Breaches.Breach> breachOf(InboxTask task) {
    return breaches.of(task);
  }

  private InboxTask visible(TeamMember member, long taskKey) {
    return find(member, taskKey)
        .orElseThrow(() -> new TaskRefused("This task is not open, or not in one of your teams' queues"));
  }

  private String assigneeOf(long taskKey) {
    return db.sql("select coalesce(assignee, 'nobody') from user_task where task_key = ?")
        .param(taskKey)
        .query(String.class)
        .optional()
        .orElse("someone else");
  }

  private static String summary(Map<String, Object> values) {
    return values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private static InboxTask map(ResultSet rs, int row) throws SQLException {
    Array groups = rs.getArray("candidate_groups");
    Timestamp due = rs.getTimestamp("due_at");
    Timestamp ready = rs.getTimestamp("discharge_ready_at");
    return new InboxTask(
        rs.getLong("task_key"),
        rs.getString("element_id"),
        rs.getString("name"),
        rs.getString("form_key"),
        groups == null ? List.of() : Arrays.asList((String[]) groups.getArray()),
        rs.getString("assignee"),
        rs.getTimestamp("created_at").toInstant(),
        due == null ? null : due.toInstant(),
        rs.getObject("referral_id", UUID.class),
        rs.getString("nhs_number"),
        rs.getString("patient_name"),
        rs.getString("borough"),
        rs.getString("hospital"),
        rs.getString("ward"),
        ready == null ? null : ready.toInstant(),
        rs.getString("clock"),
        rs.getString("locality"));
  }
}
