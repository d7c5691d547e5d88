package org.homefirst.audit;

import jakarta.annotation.PostConstruct;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit log: every view of a patient and every action on a task, written as it happens and
 * never changed: the application's database role may only add rows, a trigger refuses any change
 * (V70), and rows leave only past their retention ({@code purge_expired_audit}). Admins and
 * managers search it ({@link AuditView}).
 */
@Service
public class AuditLog {

  /** What people did; the names stored in {@code audit_event.action}. */
  public enum Action {
    VIEW_PATIENT("Viewed patient"), VIEW_TASK("Opened task"), CLAIM("Claimed task"), UNCLAIM("Released task"),
    COMPLETE("Completed task"), COMMENT("Commented"), RECORD_DELAY("Recorded delay"), ASSIGN("Assigned task"),
    REFUSED("Refused access"), SEARCH_AUDIT("Searched audit log"), RECORD_EVENT("Recorded on journey"),
    RETRY_INCIDENT("Retried incident"), CONSOLE_PATIENT_LIST("Listed patients in the manager console"),
    CHANGE_SLA_TARGET("Changed an SLA target"), CHANGE_LOCALITY("Changed a postcode's locality"), CHANGE_POPULATION("Changed a population estimate"),
    SUBMIT_RETURN("Froze and submitted a return"), EXPORT("Exported"),
    PURGE("Removed records past their retention"),
    SAVE_MODEL_DRAFT("Saved a model draft"), REVIEW_MODEL_DRAFT("Reviewed a model draft"),
    DEPLOY_MODEL("Deployed a model from the designer workspace"),
    MIGRATE_JOURNEYS("Moved running journeys to another model version"),
    // A patient's record asked for (page, API read or write) by someone the access rule refuses.
    REFUSED_ACCESS("Refused a patient's record");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    /** What the audit page calls it; the stored code stays the enum's name. */
    public String label() {
      return label;
    }

    /** The label of a stored code, or the code itself when it is not one of ours. */
    public static String labelOf(String code) {
      for (Action a : values()) {
        if (a.name().equals(code)) {
          return a.label;
        }
      }
      return code;
    }
  }

  /** Search criteria; nulls mean "any". {@code patient} is an NHS number or a referral id. */
  public record Query(String actor, Action action, String patient, Instant from, Instant to) {
    public static final Query ALL = new Query(null, null, null, null, null);
  }

  private final JdbcClient db;
  private final Clock clock;

  AuditLog(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Refuses to start when the application's database role could change the log: it owns the table,
   * is a superuser, or may update, delete or truncate (two roles: README "Audit and retention").
   */
  @PostConstruct
  void refuseAnAlterableLog() {
    db.sql("""
            select r.rolname, r.rolsuper or pg_get_userbyid(c.relowner) = current_user
                   or has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE')
                   or has_table_privilege(c.oid, 'TRUNCATE')
            from pg_class c, pg_roles r
            where c.oid = cast('audit_event' as regclass) and r.rolname = current_user""")
        .query((rs, n) -> {
          if (rs.getBoolean(2)) {
            throw new IllegalStateException("The application's database role " + rs.getString(1)
                + " could change the audit log: connect as a role that may only add to it (README \"Audit and"
                + " retention\")");
          }
          return rs.getString(1);
        })
        .single();
  }

  /**
   * Adds a row, in the caller's transaction when there is one: an action and its audit row commit
   * together or not at all.
   */
  public void record(String actor, Action action, UUID referralId, Long taskKey, String detail) {
    db.sql("insert into audit_event (occurred_at, actor, action, referral_id, task_key, detail) values (?, ?, ?, ?, ?, ?)")
        .params(Timestamp.from(clock.instant()), actor, action.name(), referralId, taskKey, detail)
        .update();
  }

  /**
   * Removes at most {@code batch} audit rows past their retention, oldest first, and says how many:
   * the database decides which (its {@code audit_retention}), so no caller can pick younger rows.
   */
  public int purgeExpired(int batch) {
    return db.sql("select purge_expired_audit(?)").param(batch).query(Integer.class).single();
  }

  public List<AuditEvent> search(Query q, int offset, int limit) {
    return bind(
            db.sql(
                """
                select a.id, a.occurred_at, a.actor, a.action, a.referral_id, r.nhs_number, a.task_key, a.detail
                from audit_event a left join referral r on r.id = a.referral_id
                """
                    + where(q)
                    + " order by a.occurred_at desc, a.id desc offset :offset limit :limit"),
            q)
        .param("offset", offset)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new AuditEvent(
                    rs.getLong("id"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getObject("referral_id", UUID.class),
                    rs.getString("nhs_number"),
                    (Long) rs.getObject("task_key"),
                    rs.getString("detail")))
        .list();
  }

  public int count(Query q) {
    return bind(db.sql("select count(*) from audit_event a " + where(q)), q).query(Integer.class).single();
  }

  private static String where(Query q) {
    StringBuilder w = new StringBuilder("where true");
    if (present(q.actor())) {
      w.append(" and a.actor = :actor");
    }
    if (q.action() != null) {
      w.append(" and a.action = :action");
    }
    if (present(q.patient())) {
      w.append(
          " and a.referral_id in (select id from referral where nhs_number = :nhs or cast(id as text) = :patient)");
    }
    if (q.from() != null) {
      w.append(" and a.occurred_at >= :from");
    }
    if (q.to() != null) {
      w.append(" and a.occurred_at < :to");
    }
    return w.toString();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec s, Query q) {
    if (present(q.actor())) {
      s = s.param("actor", q.actor().trim());
    }
    if (q.action() != null) {
      s = s.param("action", q.action().name());
    }
    if (present(q.patient())) {
      s = s.param("nhs", q.patient().replaceAll("[\\s-]", "")).param("patient", q.patient().trim().toLowerCase());
    }
    if (q.from() != null) {
      s = s.param("from", Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      s = s.param("to", Timestamp.from(q.to()));
    }
    return s;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  Instant now() {
    return clock.instant();
  }
}
