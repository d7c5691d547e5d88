package org.homefirst.inbox;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.referral.Hospital;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see and do what: the one rule for the journey page, the inbox, the REST API, the manager
 * console and its exports. Nobody asks a view; every caller asks here.
 *
 * <ul>
 *   <li><b>A patient</b> is visible to the ward staff of the patient's hospital (the team of the
 *       trust, {@link Hospital#wardTeam()}), to whoever referred them, and to the teams that have
 *       (or had) a task in their journey. Nobody else, whatever their other teams.
 *   <li><b>A task</b> is for the teams it names ({@link #TASK_OF_MEMBERS_TEAMS}); only they see,
 *       claim, complete or comment on it.
 *   <li><b>Recording a death or a declined support</b> ends the journey and tells every service and
 *       the GP: only the ward staff of the patient's hospital and the patient's discharge team
 *       (the team the journey routed them to, variable {@code dischargeTeam}) may.
 *   <li><b>Assigning work and the manager console</b> are for team leads ({@link TeamLeads}).
 * </ul>
 *
 * A refusal that concerns a patient is audited as {@link AuditLog.Action#REFUSED_ACCESS} with what
 * was tried; callers outside the UI then answer as if the patient did not exist.
 */
@Component
public class ReferralAccess {

  /**
   * The task rule as SQL, for queries over {@code user_task t} with the member's teams bound as
   * {@code :teams}: queues, counts and the lookup of one task all use it.
   */
  static final String TASK_OF_MEMBERS_TEAMS = "t.candidate_groups && cast(:teams as text[])";

  private final JdbcClient db;
  private final AuditLog audit;
  private final TeamLeads leads;

  ReferralAccess(JdbcClient db, AuditLog audit, TeamLeads leads) {
    this.db = db;
    this.audit = audit;
    this.leads = leads;
  }

  /** Whether the member may see the patient (an unknown referral: no). */
  public boolean canSee(TeamMember member, UUID referralId) {
    return referralId != null && visibleAmong(member, List.of(referralId)).contains(referralId);
  }

  /** Of these referrals, those the member may see (the same rule as {@link #canSee}, in one query). */
  public Set<UUID> visibleAmong(TeamMember member, Collection<UUID> referralIds) {
    if (referralIds.isEmpty()) {
      return Set.of();
    }
    // Three simple selects, not one with ORs, so that each keeps its index on long console lists.
    return Set.copyOf(db.sql(
            """
            select r.id from referral r
            where r.id = any(:ids) and (r.created_by = :user or r.hospital = any(:hospitals))
            union
            select r.id from referral r join user_task t on t.root_instance_key = r.process_instance_key
            where r.id = any(:ids) and\s""" + TASK_OF_MEMBERS_TEAMS)
        .param("ids", referralIds.toArray(UUID[]::new))
        .param("user", member.username())
        .param("hospitals", wardOf(member))
        .param("teams", member.teams().toArray(String[]::new))
        .query(UUID.class)
        .list());
  }

  /**
   * Whether the member may record that the patient died or declined support: ward staff of the
   * patient's hospital, or the patient's discharge team.
   */
  public boolean mayRecordEnding(TeamMember member, UUID referralId) {
    return db.sql(
            """
            select exists (
              select 1 from referral r
              left join process_variable v on v.scope_key = r.process_instance_key and v.name = 'dischargeTeam'
              where r.id = :id and (r.hospital = any(:hospitals) or (v.value::jsonb #>> '{}') = any(:teams)))""")
        .param("id", referralId)
        .param("hospitals", wardOf(member))
        .param("teams", member.teams().toArray(String[]::new))
        .query(Boolean.class)
        .single();
  }

  /** Who may record a death or a declined support for this patient, in words (for a refusal). */
  public String whoMayRecordEnding(UUID referralId) {
    List<String> teams = db.sql(
            """
            select r.hospital, (v.value::jsonb #>> '{}') from referral r
            left join process_variable v on v.scope_key = r.process_instance_key and v.name = 'dischargeTeam'
            where r.id = ?""")
        .param(referralId)
        .query((rs, n) -> Arrays.asList(
            Hospital.ofCode(rs.getString(1)).map(Hospital::wardTeam).orElse(null), rs.getString(2)))
        .optional()
        .orElse(List.of());
    return "the ward staff and the patient's discharge team" + (teams.isEmpty() ? "" : " (" + Teams.names(
        teams.stream().filter(java.util.Objects::nonNull).distinct().toList()) + ")");
  }

  /** Whether the member may assign work to colleagues and open the manager console. */
  public boolean isLead(TeamMember member) {
    return leads.isLead(member);
  }

  /** Audits a look at a patient the member may see ({@code what}: where, e.g. "API: referral details"). */
  public void viewed(TeamMember member, UUID referralId, String what) {
    audit.record(member.username(), AuditLog.Action.VIEW_PATIENT, referralId, null, what);
  }

  /**
   * Audits a refused attempt on a patient: {@code what} says what was tried ("API: read referral").
   * The referral may be unknown (someone trying ids); it is kept as given, to search by.
   */
  public void refused(TeamMember member, UUID referralId, String what) {
    boolean exists = referralId != null && db.sql("select exists (select 1 from referral where id = ?)")
        .param(referralId).query(Boolean.class).single();
    audit.record(member.username(), AuditLog.Action.REFUSED_ACCESS, referralId, null,
        what + (exists ? "" : " (no such referral)"));
  }

  /** Audits an attempt on something that is not a referral id at all (someone trying addresses). */
  public void refused(TeamMember member, String notAnId, String what) {
    String shown = notAnId.length() > 40 ? notAnId.substring(0, 40) + "…" : notAnId;
    audit.record(member.username(), AuditLog.Action.REFUSED_ACCESS, null, null,
        what + " (not a referral id: '" + shown.replaceAll("\\P{Print}", "?") + "')");
  }

  /** The hospitals whose ward staff the member is. */
  private static String[] wardOf(TeamMember member) {
    return Arrays.stream(Hospital.values()).filter(h -> member.isIn(h.wardTeam())).map(Hospital::code)
        .toArray(String[]::new);
  }
}
