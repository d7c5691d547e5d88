package org.homefirst.inbox;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see a patient: people in a team that has (or had) a task in the patient's journey.
 * The journey page, delays and comments all ask here, so the rule is one rule.
 */
@Component
public class ReferralAccess {

  private final JdbcClient db;

  ReferralAccess(JdbcClient db) {
    this.db = db;
  }

  public boolean canSee(TeamMember member, UUID referralId) {
    return db.sql(
            """
            select exists (
              select 1 from referral r join user_task t on t.root_instance_key = r.process_instance_key
              where r.id = ? and t.candidate_groups && cast(? as text[]))""")
        .params(referralId, member.teams().toArray(String[]::new))
        .query(Boolean.class)
        .single();
  }

  /** Of these referrals, those the member may see (the same rule as {@link #canSee}, in one query). */
  public Set<UUID> visibleAmong(TeamMember member, Collection<UUID> referralIds) {
    if (referralIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(db.sql(
            """
            select distinct r.id from referral r join user_task t on t.root_instance_key = r.process_instance_key
            where r.id = any(?) and t.candidate_groups && cast(? as text[])""")
        .params(referralIds.toArray(UUID[]::new), member.teams().toArray(String[]::new))
        .query(UUID.class)
        .list());
  }
}
