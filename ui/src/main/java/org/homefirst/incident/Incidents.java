package org.homefirst.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyLog;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journeys stuck on an incident (a partner call that used up its retries, a step the engine could
 * not take), told in words, and their retry by the people who run the service: the teams in
 * {@code homefirst.incidents.operator-teams} (default {@code managers}). Every retry and every
 * refusal is audited. The engine resolves the incident when the retried step is taken up again.
 */
@Service
public class Incidents {

  private static final Logger log = LoggerFactory.getLogger(Incidents.class);

  /** An open incident as an operator reads it. */
  public record OpenIncident(long key, Instant since, UUID referralId, String nhsNumber, String patient,
      String step, String cause, String kind) {}

  private final JdbcClient db;
  private final ExternalTaskService externalTasks;
  private final ManagementService management;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final JourneyLog journey;
  private final List<String> operatorTeams;

  Incidents(JdbcClient db, ExternalTaskService externalTasks, ManagementService management, TransactionTemplate tx,
      AuditLog audit, JourneyLog journey,
      @Value("${homefirst.incidents.operator-teams:managers}") List<String> operatorTeams) {
    this.db = db;
    this.externalTasks = externalTasks;
    this.management = management;
    this.tx = tx;
    this.audit = audit;
    this.journey = journey;
    this.operatorTeams = operatorTeams;
  }

  public boolean mayOperate(TeamMember member) {
    return operatorTeams.stream().anyMatch(member::isIn);
  }

  public List<String> operatorTeams() {
    return operatorTeams;
  }

  /** The open incidents, oldest first. Only for operators; a refusal is audited. */
  public List<OpenIncident> open(TeamMember member) {
    refuseUnlessOperator(member, "incidents");
    return open((UUID) null);
  }

  /** The open incidents of one patient's journey, oldest first. Only for operators; a refusal is audited. */
  public List<OpenIncident> openOn(TeamMember member, UUID referralId) {
    refuseUnlessOperator(member, "incidents of referral " + referralId);
    return open(referralId);
  }

  /**
   * How many steps of a patient's journey wait for an operator: anyone who may see the patient is
   * told why it does not move, without the operator's detail.
   */
  public int openCountOn(UUID referralId) {
    return db.sql("""
            select count(*) from incident i join referral r on r.process_instance_key = i.root_instance_key
            where r.id = ? and i.state = 'ACTIVE'""")
        .param(referralId).query(Integer.class).single();
  }

  private List<OpenIncident> open(UUID referralId) {
    return db.sql("""
            select i.incident_key, i.created_at, r.id, r.nhs_number, r.given_name || ' ' || r.family_name as patient,
                   coalesce(pe.name, i.element_id) as step, i.error_type, i.error_message
            from incident i
            left join referral r on r.process_instance_key = i.root_instance_key
            left join process_instance pi on pi.instance_key = i.instance_key
            left join process_element pe on pe.definition_key = pi.definition_key and pe.element_id = i.element_id
            where i.state = 'ACTIVE' and (cast(:referral as uuid) is null or r.id = cast(:referral as uuid))
            order by i.created_at, i.incident_key""")
        .param("referral", referralId)
        .query((rs, n) -> new OpenIncident(rs.getLong(1), rs.getTimestamp(2).toInstant(),
            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6),
            causeInWords(rs.getString(7), rs.getString(6), rs.getString(8)), rs.getString(7)))
        .list();
  }

  public int openCount() {
    return db.sql("select count(*) from incident where state = 'ACTIVE'").query(Integer.class).single();
  }

  /**
   * Gives the stuck step one more try: the partner call or engine job is taken up again at once.
   *
   * @throws IncidentRefused if the member is not an operator, or the incident is no longer open
   */
  public void retry(TeamMember member, long incidentKey) {
    refuseUnlessOperator(member, "retry incident " + incidentKey);
    Optional<Object[]> incident = db.sql("""
            select i.error_type, i.job_key, r.id from incident i
            left join referral r on r.process_instance_key = i.root_instance_key
            where i.incident_key = ? and i.state = 'ACTIVE'""")
        .param(incidentKey)
        .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, Long.class), rs.getObject(3, UUID.class)})
        .optional();
    if (incident.isEmpty()) {
      throw new IncidentRefused("This incident is no longer open: someone retried it, or the journey moved on");
    }
    String type = (String) incident.get()[0];
    Long job = (Long) incident.get()[1];
    UUID referral = (UUID) incident.get()[2];
    if (job == null) {
      throw new IncidentRefused("This incident has no step the engine can retry; see the journey for its cause");
    }
    try {
      tx.executeWithoutResult(status -> {
        if ("failedExternalTask".equals(type)) {
          externalTasks.setRetries(Long.toString(job), 1);
        } else {
          management.setJobRetries(Long.toString(job), 1);
        }
        audit.record(member.username(), AuditLog.Action.RETRY_INCIDENT, referral, null, "incident " + incidentKey);
        if (referral != null) {
          journey.record(referral, "INCIDENT_RETRIED", member.username(), "incident " + incidentKey);
        }
      });
    } catch (ProcessEngineException e) {
      // The engine's words are for the log; the operator is told what to do.
      log.warn("Retry of incident {} refused by the engine: {}", incidentKey, e.toString());
      throw new IncidentRefused("The workflow engine could not retry this step just now (the journey may have"
          + " moved on); reload the list and try again");
    }
  }

  private void refuseUnlessOperator(TeamMember member, String what) {
    if (!mayOperate(member)) {
      audit.record(member.username(), AuditLog.Action.REFUSED, null, null, what);
      throw new IncidentRefused("Incidents are handled by " + String.join(" and ", operatorTeams) + " only");
    }
  }

  /** What went wrong, for a person: which step, why, and what a retry does. */
  static String causeInWords(String type, String step, String message) {
    String why = message == null || message.isBlank() ? "no reason was given" : message.strip();
    String where = step == null ? "A step" : "\u201c" + step + "\u201d";
    return switch (String.valueOf(type)) {
      // A partner's system down, or a call it cannot make (data missing): the message says which.
      case "failedExternalTask" -> where + " stopped, and its retries are used up: " + why
          + ". Retry once the cause is fixed (the partner's system back, or what the step needs put right).";
      case "failedJob" -> where + " could not be taken by the workflow engine: " + why
          + ". Retry once the cause is fixed.";
      default -> where + " stopped (" + type + "): " + why + ".";
    };
  }
}
