package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homefirst.StackTest;
import org.homefirst.inbox.ReferralAccess;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyView;
import org.homefirst.patient.NhsNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A small seeded history on the real database holds together: every census row is what the
 * census definition gives from the generated DRD changes, discharges and delays (and none is
 * missing), discharges come after the DRD in force, NHS numbers pass the Modulus 11 check, the
 * steps and clocks are elements of the deployed models, the discharge team can see its patients
 * (and only those), and the pathway mix, readmissions and ages have the intended shape.
 * The period (2012) is far from any other test's fixtures, and the rows are removed afterwards.
 */
class HistoryGeneratorTest extends StackTest {

  private static final LocalDate FROM = LocalDate.of(2012, 1, 1);
  private static final LocalDate TO = LocalDate.of(2012, 4, 1);
  private static final String MINE = "select id from referral where created_by = 'history-generator'";

  @Autowired HistoryGenerator generator;
  @Autowired ReferralAccess access;
  @Autowired ApplicationContext context;

  @AfterEach
  void removeGeneratedHistory() {
    String roots = "select process_instance_key from referral where created_by = 'history-generator'";
    for (String table : List.of("delay_census", "discharge_ready_change", "delay", "readmission", "discharge",
        "chc_case", "sla_clock")) {
      db.sql("delete from " + table + " where referral_id in (" + MINE + ")").update();
    }
    for (String table : List.of("step_duration", "user_task", "process_instance")) {
      db.sql("delete from " + table + " where root_instance_key in (" + roots + ")").update();
    }
    db.sql("delete from referral where created_by = 'history-generator'").update();
  }

  @Test
  void aSeededHistoryIsConsistentWithItsOwnDefinitions() {
    assertThat(generator.exists()).isFalse();
    HistoryGenerator.Generated generated = generator.generate(new HistoryGenerator.Plan(FROM, TO, 400, 42));
    assertThat(generated.referrals()).isEqualTo(400);
    assertThat(generator.exists()).isTrue();
    assertThat(count(MINE)).isEqualTo(400);
    assertThat(generated.rows().get("delay_census")).isPositive();

    // Completed referrals in the period, with valid NHS numbers and mostly older people.
    assertThat(count(MINE + " and (status <> 'COMPLETED' or closed_at < created_at or created_at < ?::date"
        + " or closed_at is null)", FROM)).isZero();
    List<String> numbers = db.sql("select nhs_number from referral where created_by = 'history-generator'")
        .query(String.class).list();
    assertThat(numbers).allMatch(NhsNumber::isValid);
    int older = count(MINE + " and extract(year from age(created_at, date_of_birth)) >= 65");
    assertThat(older).isBetween(300, 380);
    assertThat(count(MINE + " and extract(year from age(created_at, date_of_birth)) < 18")).isZero();

    // The census, recomputed here by its definition in SQL, is exactly the generated census.
    String expected = """
        select g::date as census_date, r.id as referral_id, c.discharge_ready_at, d.reason, d.attribution, d.setting,
               (g::date - (c.discharge_ready_at at time zone 'Europe/London')::date) as days_since_ready
        from referral r
        cross join lateral generate_series(
            (select min(changed_at at time zone 'Europe/London')::date from discharge_ready_change where referral_id = r.id),
            (select max(discharged_at at time zone 'Europe/London')::date from discharge where referral_id = r.id),
            interval '1 day') g
        cross join lateral (select ((g::date + 1)::timestamp at time zone 'Europe/London') as midnight) m
        cross join lateral (select discharge_ready_at from discharge_ready_change x
            where x.referral_id = r.id and x.changed_at <= m.midnight order by x.changed_at desc, x.id desc limit 1) c
        left join lateral (select reason, attribution, setting from delay y
            where y.referral_id = r.id and y.recorded_at <= m.midnight order by y.recorded_at desc, y.id desc limit 1) d
          on true
        where r.created_by = 'history-generator' and c.discharge_ready_at is not null
          and not exists (select 1 from discharge z where z.referral_id = r.id
              and z.discharged_at > c.discharge_ready_at and z.discharged_at <= m.midnight)""";
    String census = """
        select census_date, referral_id, reason, attribution, setting, days_since_ready from delay_census
        where referral_id in (%s)""".formatted(MINE);
    String definition = "select census_date, referral_id, reason, attribution, setting, days_since_ready from ("
        + expected + ") e";
    assertThat(count("(" + census + ") except (" + definition + ")")).as("census rows the definition does not give")
        .isZero();
    assertThat(count("(" + definition + ") except (" + census + ")")).as("delayed days missing from the census")
        .isZero();
    assertThat(count("select 1 from delay_census where referral_id in (" + MINE + ") and (national_code is distinct"
        + " from (select national_code from delay_reason_group g where g.reason = delay_census.reason)"
        + " or provider <> case when setting = 'non-acute' then 'nelft' when hospital like 'bhrut%' then 'bhrut'"
        + " else 'barts' end)")).isZero();
    // Reasons come from the national mapping; some delayed days have none recorded, as in life.
    assertThat(count("select 1 from delay where referral_id in (" + MINE + ")"
        + " and reason not in (select reason from delay_reason_group)")).isZero();
    assertThat(count("select 1 from delay_census where referral_id in (" + MINE + ") and reason is null"))
        .isPositive();

    // Every discharge leaves after the DRD in force then, and that is the DRD it records.
    assertThat(count("""
        select 1 from discharge d where d.referral_id in (%s) and (d.discharge_ready_at is distinct from
          (select discharge_ready_at from discharge_ready_change c where c.referral_id = d.referral_id
             and c.changed_at < d.discharged_at order by c.changed_at desc, c.id desc limit 1)
          or d.discharged_at <= d.discharge_ready_at)""".formatted(MINE))).isZero();
    // Readmissions follow their discharge within 30 days.
    assertThat(count("select 1 from readmission x join discharge d on d.id = x.discharge_id where x.referral_id in ("
        + MINE + ") and (x.readmitted_at <= d.discharged_at or x.readmitted_at > d.discharged_at + interval '30 days'"
        + " or d.referral_id <> x.referral_id)")).isZero();
    assertThat(count("select 1 from readmission where referral_id in (" + MINE + ")")).isBetween(12, 60);

    // Pathway mix of first discharges near 50/45/4/1 %.
    Map<Integer, Integer> mix = db.sql("""
        select pathway, count(*) from discharge d where referral_id in (%s)
          and discharged_at = (select min(discharged_at) from discharge f where f.referral_id = d.referral_id)
        group by pathway""".formatted(MINE))
        .query((rs, n) -> Map.entry(rs.getInt(1), rs.getInt(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(mix.get(0)).isBetween(170, 230);
    assertThat(mix.get(1)).isBetween(150, 210);
    assertThat(mix.getOrDefault(2, 0) + mix.getOrDefault(3, 0)).isBetween(5, 40);

    // Steps, tasks and clocks are elements of the deployed models, under the right definition.
    String roots = "select process_instance_key from referral where created_by = 'history-generator'";
    String strangeSteps = "select distinct s.bpmn_process_id || ' ' || s.element_id || ' ' || s.definition_key"
        + " from step_duration s where root_instance_key in (" + roots + ") and not exists ("
        + "select 1 from process_element e join process_definition p on p.definition_key = e.definition_key"
        + " where e.definition_key = s.definition_key and e.element_id = s.element_id"
        + " and p.bpmn_process_id = s.bpmn_process_id)";
    assertThat(db.sql(strangeSteps).query(String.class).list()).isEmpty();
    assertThat(count("select 1 from sla_clock c join process_instance i on i.instance_key = c.instance_key"
        + " where c.referral_id in (" + MINE + ") and not exists (select 1 from process_element e"
        + " where e.definition_key = i.definition_key and e.element_id in (c.timer_element_id, c.attached_element_id)"
        + " group by e.definition_key having count(*) = 2)")).isZero();
    assertThat(count("select 1 from sla_clock where referral_id in (" + MINE + ") and (breached_at is not null)"
        + " <> (ended_at > due_at)")).isZero();
    double triageMet = db.sql("select avg(case when ended_at <= due_at then 1.0 else 0 end) from sla_clock"
        + " where rule = 'triage' and referral_id in (" + MINE + ")").query(Double.class).single();
    assertThat(triageMet).isBetween(0.8, 0.99);
    assertThat(count("select 1 from referral r where created_by = 'history-generator' and not exists ("
        + "select 1 from process_instance i where i.instance_key = r.process_instance_key"
        + " and i.bpmn_process_id = 'homefirst-discharge-journey' and i.state = 'COMPLETED')")).isZero();
    assertThat(count("select 1 from referral where created_by = 'history-generator' and process_instance_key >= 0"))
        .isZero();

    // The discharge team sees its patients, and only those: JAD has Barking & Dagenham and Havering.
    Set<UUID> all = Set.copyOf(db.sql(MINE).query(UUID.class).list());
    Set<UUID> jads = Set.copyOf(db.sql(MINE + " and borough in ('lbbd', 'lbh')").query(UUID.class).list());
    assertThat(access.visibleAmong(JAD, all)).isEqualTo(jads);
    assertThat(access.visibleAmong(REDBRIDGE, all)).hasSize(all.size() - jads.size());

    // A generated patient's journey page opens like any other.
    MockVaadin.setup(new Routes().autoDiscoverViews("org.homefirst"));
    try {
      SecurityContextHolder.getContext().setAuthentication(
          new TestingAuthenticationToken("jad.coordinator", "demo", TeamMember.TEAM_PREFIX + "jad"));
      JourneyView view = context.getAutowireCapableBeanFactory().createBean(JourneyView.class);
      view.setParameter(null, jads.iterator().next().toString());
      UI.getCurrent().add(view);
      assertThat(view.getPageTitle()).isNotBlank();
    } finally {
      MockVaadin.tearDown();
      SecurityContextHolder.clearContext();
    }
  }

  @Test
  void theSameSeedGivesTheSamePatients() {
    generator.generate(new HistoryGenerator.Plan(FROM, TO, 30, 7));
    List<String> first = patients();
    removeGeneratedHistory();
    generator.generate(new HistoryGenerator.Plan(FROM, TO, 30, 7));
    assertThat(patients()).hasSizeGreaterThanOrEqualTo(30).isEqualTo(first);
  }

  @Test
  void twoNodesStartingTogetherGenerateOneHistory() throws Exception {
    var plan = new HistoryGenerator.Plan(FROM, TO, 40, 9);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var a = pool.submit(() -> generator.generate(plan));
      var b = pool.submit(() -> generator.generate(plan));
      assertThat(a.get().referrals() + b.get().referrals()).isEqualTo(40);
    }
    assertThat(count("select 1 from referral where created_by = 'history-generator'")).isEqualTo(40);
  }

  private List<String> patients() {
    return db.sql("""
        select r.id || r.nhs_number || r.created_at || d.discharged_at || d.pathway from referral r
        join discharge d on d.referral_id = r.id where r.created_by = 'history-generator'
        order by 1""").query(String.class).list();
  }

  private int count(String sql, Object... params) {
    return db.sql("select count(*) from (" + sql + ") q").params(params).query(Integer.class).single();
  }
}
