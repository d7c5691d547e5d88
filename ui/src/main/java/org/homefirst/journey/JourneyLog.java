package org.homefirst.journey;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.homefirst.referral.Referral;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one shared record of a patient's journey: engine steps written by the exporter and
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
    db.sql(
            """
            insert into journey_event (referral_id, root_instance_key, occurred_at, source, kind,
              element_id, actor, detail)
            values (?, (select process_instance_key from referral where id = ?), ?, 'APP', ?, ?, ?, ?)""")
        .params(referralId, referralId, Timestamp.from(clock.instant()), kind, elementId, actor, detail)
        .update();
  }

  /** Engine steps that matter to people (not gateways or the process itself), and all actions. */
  public List<JourneyEntry> of(Referral referral) {
    return db.sql(
            """
            select e.occurred_at, e.source, e.kind, e.element_id,
                   coalesce(pe.name, e.element_id) as element_name, e.actor, e.detail
            from journey_event e
            left join process_instance pi on pi.instance_key = e.instance_key
            left join process_element pe
              on pe.definition_key = pi.definition_key and pe.element_id = e.element_id
            where (e.referral_id = :id or (:key is not null and e.root_instance_key = :key))
              and (e.source <> 'ENGINE' or e.element_type is null
                   or e.element_type not in ('EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'INCLUSIVE_GATEWAY',
                                             'EVENT_BASED_GATEWAY', 'PROCESS', 'SEQUENCE_FLOW'))
            order by e.occurred_at, e.id""")
        .param("id", referral.id())
        .param("key", referral.processInstanceKey())
        .query(
            (rs, n) ->
                new JourneyEntry(
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("source"),
                    rs.getString("kind"),
                    rs.getString("element_id"),
                    rs.getString("element_name"),
                    rs.getString("actor"),
                    rs.getString("detail")))
        .list();
  }
}
