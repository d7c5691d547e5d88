package org.homefirst.inbox;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.command.ClientStatusException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.journey.JourneyLog;
import org.homefirst.referral.Referral;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

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
             r.borough, r.hospital, r.ward, r.discharge_ready_at
      from user_task t
      left join process_element pe on pe.definition_key = t.definition_key and pe.element_id = t.element_id
      left join referral r on r.process_instance_key = t.root_instance_key
      """;

  private final JdbcClient db;
  private final ZeebeClient engine;
  private final JourneyLog journey;
  private final Clock clock;

  TaskInbox(JdbcClient db, ZeebeClient engine, JourneyLog journey, Clock clock) {
    this.db = db;
    this.engine = engine;
    this.journey = journey;
    this.clock = clock;
  }

  /** Open tasks in a queue, soonest due first, a page at a time. */
  public List<InboxTask> tasks(TeamMember member, Queue queue, int offset, int limit) {
    return db.sql(SELECT + where(queue) + " order by t.due_at nulls last, t.task_key offset :offset limit :limit")
        .param("teams", member.teams().toArray(String[]::new))
        .param("user", member.username())
        .param("team", queue instanceof Queue.Team t ? t.team() : "")
        .param("offset", offset)
        .param("limit", limit)
        .query(TaskInbox::map)
        .list();
  }

  public int count(TeamMember member, Queue queue) {
    return db.sql("select count(*) from user_task t " + where(queue))
        .param("teams", member.teams().toArray(String[]::new))
        .param("user", member.username())
        .param("team", queue instanceof Queue.Team t ? t.team() : "")
        .query(Integer.class)
        .single();
  }

  private static String where(Queue queue) {
    String visible = "where t.state = 'CREATED' and t.candidate_groups && cast(:teams as text[])";
    return switch (queue) {
      case Queue.Mine m -> visible + " and t.assignee = :user";
      case Queue.Team t -> visible + " and :team = any(t.candidate_groups)";
      case Queue.AllVisible a -> visible;
    };
  }

  /** An open task the member may see, or empty (also when it belongs to other teams). */
  public Optional<InboxTask> find(TeamMember member, long taskKey) {
    return db.sql(SELECT + " where t.task_key = :key and t.state = 'CREATED' and t.candidate_groups && cast(:teams as text[])")
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

  public void claim(TeamMember member, long taskKey) {
    InboxTask task = visible(member, taskKey);
    int updated =
        db.sql("update user_task set assignee = ?, claimed_at = ? where task_key = ? and state = 'CREATED' and (assignee is null or assignee = ?)")
            .params(member.username(), Timestamp.from(clock.instant()), taskKey, member.username())
            .update();
    if (updated == 0) {
      throw new TaskRefused("This task is already claimed by " + assigneeOf(taskKey));
    }
    journey.record(task.referralId(), "TASK_CLAIMED", task.elementId(), member.username(), task.name());
  }

  public void unclaim(TeamMember member, long taskKey) {
    InboxTask task = visible(member, taskKey);
    int updated =
        db.sql("update user_task set assignee = null, claimed_at = null where task_key = ? and state = 'CREATED' and assignee = ?")
            .params(taskKey, member.username())
            .update();
    if (updated == 0) {
      throw new TaskRefused("Only the person who claimed this task can release it");
    }
    journey.record(task.referralId(), "TASK_UNCLAIMED", task.elementId(), member.username(), task.name());
  }

  /**
   * Completes a task with the values of its form. The member must hold the claim; invalid values
   * are refused with field errors and change nothing.
   */
  public void complete(TeamMember member, long taskKey, Map<String, Object> values) {
    InboxTask task = visible(member, taskKey);
    if (!member.username().equals(task.assignee())) {
      throw new TaskRefused(
          task.assignee() == null ? "Claim the task before completing it" : "This task is claimed by " + task.assignee());
    }
    Map<String, String> problems = TaskForms.problems(task.formKey(), values);
    if (!problems.isEmpty()) {
      throw new TaskRefused("Some answers need attention", problems);
    }
    try {
      engine.newCompleteCommand(taskKey).variables(values).requestTimeout(Duration.ofSeconds(15)).send().join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == io.grpc.Status.Code.NOT_FOUND) {
        db.sql("update user_task set state = 'CANCELED', ended_at = ? where task_key = ? and state = 'CREATED'")
            .params(Timestamp.from(clock.instant()), taskKey)
            .update();
        throw new TaskRefused("This task was closed in the meantime (the journey moved on)");
      }
      throw new TaskRefused("The workflow engine did not accept the completion: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new TaskRefused("The workflow engine is not reachable; nothing was lost, try again shortly");
    }
    db.sql("update user_task set state = 'COMPLETED', ended_at = ?, completed_by = ? where task_key = ?")
        .params(Timestamp.from(clock.instant()), member.username(), taskKey)
        .update();
    journey.record(task.referralId(), "TASK_COMPLETED", task.elementId(), member.username(), summary(values));
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
        ready == null ? null : ready.toInstant());
  }
}
