package org.homefirst.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.homefirst.base.Formats;
import org.homefirst.processes.Processes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a breach review (the tasks of {@code homefirst-sla-escalation}) is about, so a team lead can
 * act without opening the journey: the rule that was breached, in words; when the work was due;
 * who holds the patient now ({@link PatientHolders}); what to do.
 */
@Component
class Breaches {

  static final String TEAM_LEAD_REVIEW = "Task_TeamLeadReview";
  static final String MADE_REVIEW = "Task_MadeReview";
  private static final Set<String> REVIEWS = Set.of(TEAM_LEAD_REVIEW, MADE_REVIEW);

  /** A breach in words: {@code dueAt} is null when the breached clock is not known. */
  public record Breach(String rule, Instant dueAt, String holder, String whatToDo) {}

  private final JdbcClient db;
  private final SlaRules rules;
  private final PatientHolders holders;

  Breaches(JdbcClient db, SlaRules rules, PatientHolders holders) {
    this.db = db;
    this.rules = rules;
    this.holders = holders;
  }

  boolean isReview(InboxTask task) {
    return REVIEWS.contains(task.elementId());
  }

  /**
   * The breach a review is about: the escalation's slaName, and the clock of that rule in the
   * process that escalated (the escalation's parent), the latest one that fired.
   */
  Optional<Breach> of(InboxTask task) {
    if (!isReview(task)) {
      return Optional.empty();
    }
    record Clock(String slaName, String timer, Timestamp dueAt) {}
    Clock clock = db.sql("""
            select v.value::jsonb #>> '{}', c.timer_element_id, c.due_at
            from user_task t
            join process_instance p on p.instance_key = t.instance_key
            left join process_variable v on v.scope_key = t.instance_key and v.name = 'slaName'
            left join lateral (select c.timer_element_id, c.due_at from sla_clock c
                               where c.instance_key = p.parent_instance_key and c.rule = v.value::jsonb #>> '{}'
                               order by c.breached_at desc nulls last, c.started_at desc limit 1) c on true
            where t.task_key = ? and t.bpmn_process_id = ?""")
        .params(task.key(), Processes.SLA_ESCALATION)
        .query((rs, n) -> new Clock(rs.getString(1), rs.getString(2), rs.getTimestamp(3)))
        .optional().orElse(new Clock(null, null, null));
    String rule = clock.timer() != null ? rules.ofClock(clock.timer()).orElse(clock.slaName())
        : clock.slaName() != null ? rules.ofSlaName(clock.slaName()).orElse(clock.slaName())
        : "an SLA rule (not recorded)";
    PatientHolders.Holder holder = task.referralId() == null ? null : holders.of(task.referralId());
    String holderWords = holder == null ? "not known (no patient on this task)" : holder.name() + " (" + holder.why() + ")";
    return Optional.of(new Breach(rule, clock.dueAt() == null ? null : clock.dueAt().toInstant(), holderWords,
        whatToDo(task, holder)));
  }

  private static String whatToDo(InboxTask task, PatientHolders.Holder holder) {
    String who = holder == null ? "whoever holds the patient" : holder.name();
    if (MADE_REVIEW.equals(task.elementId())) {
      return "Bring it to the multi-agency discharge event (MADE): agree with " + who
          + " who does what by when, and record the outcome.";
    }
    return "Find out with " + who + " why the work is late and agree what happens next, then record whether it is"
        + " resolved. If it is not resolved" + (task.dueAt() == null ? "" : " by " + Formats.dateTime(task.dueAt()))
        + ", it goes to the multi-agency discharge event (MADE).";
  }
}
