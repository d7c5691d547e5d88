package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.console.DelayMeasures.By;
import org.homefirst.console.DelayMeasures.Figure;
import org.homefirst.console.DelayMeasures.MonthRate;
import org.homefirst.console.DelayMeasures.Scope;
import org.homefirst.console.PopulationEstimates.Draft;
import org.homefirst.console.PopulationEstimates.InvalidEstimate;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delayed days and delayed days per 100,000 adults on census rows written by hand (Havering,
 * December 2017 and January 2018: {@link DelayFixtures#havering}), and the population estimates
 * behind the rates.
 */
class DelayMeasuresTest extends StackTest {

  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad", "lbr-hospital-sw"));
  /** A lead of the console who sees only JAD's patients. */
  static final TeamMember JAD_LEAD = new TeamMember("jad.lead", Set.of("managers", "jad"));
  static final Scope DEC_JAN = new Scope(LocalDate.of(2017, 12, 1), LocalDate.of(2018, 1, 31), "lbh");
  static final Scope DECEMBER = new Scope(LocalDate.of(2017, 12, 1), LocalDate.of(2017, 12, 31), "lbh");

  static UUID p1;
  static UUID p2;
  static UUID p3;

  @Autowired DelayMeasures measures;
  @Autowired PopulationEstimates estimates;
  @Autowired DelayCensus census;

  @BeforeAll
  static void havering(@Autowired JdbcClient db, @Autowired DelayCensus census) {
    List<UUID> patients = DelayFixtures.havering(db, census);
    p1 = patients.get(0);
    p2 = patients.get(1);
    p3 = patients.get(2);
  }

  @Test
  void delayedDaysPer100000AdultsUseTheEstimateInForceEachMonth() {
    List<MonthRate> months = measures.perHundredThousandAdults(MANAGER, DEC_JAN);
    assertThat(months).extracting(MonthRate::month, MonthRate::days, m -> DelayMeasures.rounded(m.rate()))
        .containsExactly(tuple(YearMonth.of(2017, 12), 42L, new BigDecimal("21.2")),
            tuple(YearMonth.of(2018, 1), 22L, new BigDecimal("11.0")));
    assertThat(months.get(0).rate().toPlainString()).startsWith("21.168501270110");
    assertThat(months.get(0).denominators()).extracting(DelayMeasures.Denominator::population,
        DelayMeasures.Denominator::from, DelayMeasures.Denominator::to)
        .containsExactly(tuple(198_408, LocalDate.of(2017, 12, 1), LocalDate.of(2017, 12, 31)));
    assertThat(months.get(1).denominators()).extracting(DelayMeasures.Denominator::population)
        .containsExactly(200_246);
    assertThat(DelayMeasures.rounded(DelayMeasures.sumOfMonthlyRates(months))).isEqualByComparingTo("32.2");
  }

  @Test
  void delayedDaysByReasonGroupAndAttribution() {
    assertThat(measures.byReasonGroupAndAttribution(MANAGER, DECEMBER))
        .extracting(g -> g.code(), g -> g.nhs(), g -> g.socialCare(), g -> g.both(), g -> g.notRecorded(),
            g -> g.total())
        .containsExactly(tuple("B", 5L, 0L, 0L, 0L, 5L), tuple("D", 0L, 31L, 0L, 0L, 31L),
            tuple("F", 0L, 0L, 1L, 0L, 1L), tuple(null, 0L, 0L, 0L, 5L, 5L));
  }

  @Test
  void delayedDaysBySettingProviderLocalReasonAndAttribution() {
    assertThat(measures.by(MANAGER, DECEMBER, By.SETTING)).extracting(Figure::key, Figure::days)
        .containsExactly(tuple("acute", 36L), tuple(null, 5L), tuple("non-acute", 1L));
    assertThat(measures.by(MANAGER, DECEMBER, By.PROVIDER)).extracting(Figure::key, Figure::label, Figure::days)
        .containsExactly(tuple("bhrut", "BHRUT (King George, Queen's)", 41L),
            tuple("nelft", "NELFT (non-acute)", 1L));
    assertThat(measures.by(MANAGER, DEC_JAN, By.REASON)).extracting(Figure::label, Figure::days)
        .containsExactly(tuple("Awaiting care / nursing home placement", 51L),
            tuple("Awaiting CHC funding decision", 5L), tuple(DelayMeasures.NOT_RECORDED, 5L),
            tuple("Housing / accommodation", 2L), tuple("Equipment", 1L));
    assertThat(measures.by(MANAGER, DEC_JAN, By.ATTRIBUTION)).extracting(Figure::label, Figure::days)
        .containsExactly(tuple("Social care", 51L), tuple("NHS", 7L), tuple("Not recorded", 5L),
            tuple("Both NHS and social care", 1L));
    assertThat(measures.perMonth(MANAGER, DEC_JAN, By.REASON_GROUP))
        .extracting(m -> m.month().toString(), DelayMeasures.MonthFigure::key, DelayMeasures.MonthFigure::days)
        .containsExactly(tuple("2017-12", "D", 31L), tuple("2017-12", "B", 5L), tuple("2017-12", null, 5L),
            tuple("2017-12", "F", 1L), tuple("2018-01", "D", 20L), tuple("2018-01", "I", 2L));
    assertThat(measures.perDay(MANAGER, DECEMBER)).filteredOn(d -> d.date().getDayOfMonth() == 31)
        .extracting(DelayMeasures.DayFigure::days).containsExactly(2L);
  }

  @Test
  void thePatientsBehindAFigureAreThoseTheMemberMaySeeAndTheListingIsAudited() {
    var all = measures.patientsBehind(MANAGER, DECEMBER, By.PROVIDER, "bhrut");
    assertThat(all.rows()).extracting(DelayMeasures.PatientDays::referralId, DelayMeasures.PatientDays::days,
            DelayMeasures.PatientDays::reason)
        .containsExactly(tuple(p1, 31L, "Awaiting care / nursing home placement"),
            tuple(p2, 10L, "Awaiting CHC funding decision"));
    assertThat(measures.patientsBehind(MANAGER, DECEMBER, By.REASON_GROUP, null).rows())
        .extracting(DelayMeasures.PatientDays::referralId).containsExactly(p2);

    // P3's journey is Redbridge's team's: a JAD lead sees the figure, not the patient.
    var jads = measures.patientsBehind(JAD_LEAD, DECEMBER, By.SETTING, "non-acute");
    assertThat(jads.rows()).isEmpty();
    assertThat(jads.hidden()).isEqualTo(1);
    assertThat(db.sql("""
            select count(*) from audit_event where actor = 'jad.lead' and action = 'CONSOLE_PATIENT_LIST'
              and detail like '%Non-acute%0 shown, 1 outside%'""").query(Integer.class).single()).isEqualTo(1);

    assertThatThrownBy(() -> measures.patientsBehind(JAD, DECEMBER, By.SETTING, "acute"))
        .isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> measures.by(JAD, DECEMBER, By.SETTING)).isInstanceOf(ConsoleRefused.class);
  }

  @Test
  void aDenominatorChangingMidMonthIsHonouredDayByDay() {
    // Redbridge, February 2019: 233,000 (V60 seed) to the 14th, 250,000 from the 15th, back to
    // 233,000 from 1 March (both added here as a manager would). A patient delayed 10-20 Feb:
    // 5 days / 233,000 x 100,000 + 6 days / 250,000 x 100,000 = 2.14592 + 2.4 = 4.54592 -> 4.5
    // (one denominator for the month would give 4.7 or 4.4).
    DelayFixtures f = new DelayFixtures(db);
    UUID patient = f.referral("lbr", "barts-whipps", "lbr-hospital-sw", null);
    f.censusDays(patient, LocalDate.of(2019, 2, 10), LocalDate.of(2019, 2, 20), "housing", "social-care", "acute");
    Scope february = new Scope(LocalDate.of(2019, 2, 1), LocalDate.of(2019, 2, 28), "lbr");
    february.from().datesUntil(february.to().plusDays(1)).forEach(census::rollUp);

    PopulationEstimates.Estimate higher = estimates.add(MANAGER,
        new Draft("lbr", null, 250_000, LocalDate.of(2019, 2, 15), null, "test: a revised estimate"));
    estimates.add(MANAGER, new Draft("lbr", "18+", 233_000, LocalDate.of(2019, 3, 1), null, "test: back again"));

    MonthRate month = measures.perHundredThousandAdults(MANAGER, february).getFirst();
    assertThat(month.days()).isEqualTo(11);
    assertThat(DelayMeasures.rounded(month.rate())).isEqualByComparingTo("4.5");
    assertThat(month.denominators()).extracting(DelayMeasures.Denominator::population,
            DelayMeasures.Denominator::from, DelayMeasures.Denominator::to)
        .containsExactly(tuple(233_000, LocalDate.of(2019, 2, 1), LocalDate.of(2019, 2, 14)),
            tuple(250_000, LocalDate.of(2019, 2, 15), LocalDate.of(2019, 2, 28)));

    // Estimates for the same days are refused, in words; nothing changes.
    assertThatThrownBy(() -> estimates.add(MANAGER,
        new Draft("lbr", null, 240_000, LocalDate.of(2019, 2, 20), null, "test")))
        .isInstanceOf(InvalidEstimate.class).hasMessageContaining("correct that one instead");
    assertThatThrownBy(() -> estimates.correct(MANAGER, higher.id(),
        new Draft(null, null, 250_000, LocalDate.of(2019, 2, 15), LocalDate.of(2019, 3, 5), "test")))
        .isInstanceOf(InvalidEstimate.class).hasMessageContaining("overlap the estimate of 233000");
    assertThatThrownBy(() -> estimates.add(MANAGER, new Draft("lbr", null, 0, null, null, " ")))
        .isInstanceOf(InvalidEstimate.class)
        .satisfies(e -> assertThat(((InvalidEstimate) e).problems()).containsOnlyKeys("population", "validFrom",
            "source"));
    // A typo corrected: the rate follows.
    estimates.correct(MANAGER, higher.id(),
        new Draft(null, null, 240_000, LocalDate.of(2019, 2, 15), LocalDate.of(2019, 2, 28), "test: typo fixed"));
    // 5 / 233,000 x 100,000 + 6 / 240,000 x 100,000 = 2.14592 + 2.5 = 4.64592 -> 4.6
    assertThat(DelayMeasures.rounded(measures.perHundredThousandAdults(MANAGER, february).getFirst().rate()))
        .isEqualByComparingTo("4.6");

    assertThat(db.sql("""
            select detail from audit_event where actor = 'manager' and action = 'CHANGE_POPULATION'
              and detail like '%Redbridge%' and detail like '%test%' order by id""").query(String.class).list())
        .hasSize(3)
        .satisfies(details -> assertThat(details.getFirst()).contains("added Redbridge 18+: 250000 from 2019-02-15")
            .contains("closed 233000 on 2019-02-14"))
        .satisfies(details -> assertThat(details.getLast()).contains("corrected").contains("to 240000"));
    assertThat(estimates.list(MANAGER)).filteredOn(e -> e.borough().equals("lbr"))
        .extracting(PopulationEstimates.Estimate::population, PopulationEstimates.Estimate::validFrom,
            PopulationEstimates.Estimate::validTo)
        .containsExactly(tuple(233_000, LocalDate.of(2017, 4, 1), LocalDate.of(2019, 2, 14)),
            tuple(240_000, LocalDate.of(2019, 2, 15), LocalDate.of(2019, 2, 28)),
            tuple(233_000, LocalDate.of(2019, 3, 1), null));
  }

  @Test
  void onlyConsoleUsersSeeOrChangePopulationEstimates() {
    assertThatThrownBy(() -> estimates.list(JAD)).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> estimates.add(JAD,
        new Draft("lbbd", null, 1, LocalDate.of(2020, 1, 1), null, "a guess")))
        .isInstanceOf(ConsoleRefused.class);
    assertThat(db.sql("""
            select count(*) from audit_event where actor = ? and action = 'REFUSED'
              and detail like '%population estimate%'""").param(JAD.username()).query(Integer.class).single())
        .isGreaterThanOrEqualTo(2);
    assertThat(db.sql("select count(*) from population_estimate where source = 'a guess'").query(Integer.class)
        .single()).isZero();
  }
}
