package org.homefirst.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.homefirst.processes.Processes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who holds a patient, derived from the workflow: the team whose task is open, else the partner
 * whose decision is awaited, else the step the journey is at. The manager console shows it for
 * every patient in hospital; a breach review names it for the patient it is about. A breach
 * review itself (the SLA escalation's tasks) holds nobody: it is about the late step.
 */
@Component
public class PatientHolders {

  /** Who the patient is waiting on, and how we know: a team's task, a partner's decision, a step. */
  public record Holder(String name, Kind kind, String why) {
    public enum Kind { TEAM, PARTNER, STEP, NONE }
  }

  /** What the holders are derived from, per referral: open tasks' teams, awaited partners, open steps. */
  public record Facts(Map<UUID, List<String>> teams, Map<UUID, String> partners, Map<UUID, String> steps) {

    public Holder of(UUID referralId) {
      return holder(teams.get(referralId), partners.get(referralId), steps.getOrDefault(referralId, ""));
    }
  }

  private static final String OPEN = "r.status = 'OPEN'";

  private final JdbcClient db;

  PatientHolders(JdbcClient db) {
    this.db = db;
  }

  /** The facts for every open referral. */
  public Facts ofOpenReferrals() {
    return facts(OPEN, null);
  }

  /** Who holds one patient now. */
  public Holder of(UUID referralId) {
    return facts("r.id = :id", referralId).of(referralId);
  }

  private Facts facts(String which, UUID id) {
    return new Facts(openTaskTeams(which, id), awaitedPartners(which, id), openSteps(which, id));
  }

  public static Holder holder(List<String> taskTeams, String partner, String step) {
    if (taskTeams != null && !taskTeams.isEmpty()) {
      return new Holder(Teams.names(taskTeams), Holder.Kind.TEAM, "their task is open");
    }
    if (partner != null) {
      return new Holder(partner, Holder.Kind.PARTNER, "a decision is awaited");
    }
    if (step != null && !step.isBlank()) {
      return new Holder("Journey step: " + step, Holder.Kind.STEP, "no task or request open");
    }
    return new Holder("No open step", Holder.Kind.NONE, "the journey has no open step");
  }

  /** The candidate teams of each referral's open user tasks (first seen first). */
  private Map<UUID, List<String>> openTaskTeams(String which, UUID id) {
    Map<UUID, List<String>> out = new LinkedHashMap<>();
    eachRow("""
            select r.id, g.team
            from referral r
            join user_task t on t.root_instance_key = r.process_instance_key and t.state = 'CREATED'
              and t.bpmn_process_id <> :escalation
            cross join lateral unnest(t.candidate_groups) with ordinality as g(team, n)
            where %s
            order by r.id, t.created_at, t.task_key, g.n""".formatted(which), id, (referral, team) -> {
          List<String> teams = out.computeIfAbsent(referral, k -> new ArrayList<>());
          if (!teams.contains(team)) {
            teams.add(team);
          }
        });
    return out;
  }

  /** The partner system whose decision each referral awaits, in words (the oldest request). */
  private Map<UUID, String> awaitedPartners(String which, UUID id) {
    Map<UUID, String> out = new LinkedHashMap<>();
    eachRow("""
            select p.referral_id, p.system
            from partner_referral p join referral r on r.id = p.referral_id
            where %s and p.status in ('requested', 'in-progress')
            order by p.created_at, p.id""".formatted(which), id,
        (referral, system) -> out.putIfAbsent(referral, partnerName(system)));
    return out;
  }

  public static String partnerName(String system) {
    if (system == null) {
      return "";
    }
    if (system.startsWith("council-")) {
      return Teams.name(system) + " (council system)";
    }
    return switch (system) {
      case "nelft" -> "NELFT (community health system)";
      case "voluntary" -> "Voluntary service";
      default -> system;
    };
  }

  /**
   * The step each referral's journey is at: its newest open activity that is work, not a
   * container (sub-process, call activity) nor a timer or gateway waiting for a condition.
   */
  private Map<UUID, String> openSteps(String which, UUID id) {
    Map<UUID, String> out = new LinkedHashMap<>();
    eachRow("""
            select distinct on (r.id) r.id, coalesce(pe.name, s.element_id)
            from referral r
            join step_duration s on s.root_instance_key = r.process_instance_key and s.ended_at is null
              and s.bpmn_process_id <> :escalation
            left join process_element pe on pe.definition_key = s.definition_key and pe.element_id = s.element_id
            where %s
            order by r.id,
                     (lower(s.element_type) in ('subprocess', 'callactivity', 'multiinstancebody', 'process')) ,
                     s.started_at desc""".formatted(which), id, out::put);
    // Before step durations were kept (or if none is open), the open user task names the step.
    eachRow("""
            select distinct on (r.id) r.id, coalesce(pe.name, t.element_id)
            from referral r
            join user_task t on t.root_instance_key = r.process_instance_key and t.state = 'CREATED'
              and t.bpmn_process_id <> :escalation
            left join process_element pe on pe.definition_key = t.definition_key and pe.element_id = t.element_id
            where %s
            order by r.id, t.created_at desc""".formatted(which), id, out::putIfAbsent);
    return out;
  }

  /** Hands each row of a query of (referral id, text) to {@code row}, in the query's order. */
  private void eachRow(String sql, UUID id, BiConsumer<UUID, String> row) {
    var spec = db.sql(sql).param("escalation", Processes.SLA_ESCALATION);
    if (id != null) {
      spec = spec.param("id", id);
    }
    spec.query(rs -> {
      row.accept(rs.getObject(1, UUID.class), rs.getString(2));
    });
  }
}
