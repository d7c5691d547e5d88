package org.homefirst.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The patient's state in words, from the journey's facts alone (no stack). */
class JourneyStateTest {

  private static JourneyState state(String status, String ending, Integer pathway, boolean discharged,
      int readmissions, boolean triage, Instant planned) {
    return JourneyState.of(new JourneyState.Facts(status, ending, pathway, discharged, readmissions, triage, planned));
  }

  @Test
  void inHospitalTheStateFollowsTriageThePathwayAndThePlan() {
    assertThat(state("OPEN", null, null, false, 0, true, null))
        .isEqualTo(new JourneyState("awaiting-triage", "In hospital, awaiting triage"));
    assertThat(state("OPEN", null, null, false, 0, false, null).code()).isEqualTo("deciding-pathway");
    assertThat(state("OPEN", null, 2, false, 0, false, null).words())
        .isEqualTo("In hospital, discharge being planned on pathway 2 (community rehab bed)");
    assertThat(state("OPEN", null, 1, false, 0, false, Instant.parse("2026-12-01T10:00:00Z")).words())
        .isEqualTo("In hospital, discharge planned for 01/12/2026 10:00 on pathway 1 (home with support)");
    assertThat(state("OPEN", null, null, false, 1, true, null).words())
        .isEqualTo("Back in hospital (readmitted), awaiting triage");
  }

  @Test
  void afterDischargeTheStateSaysWhereThePathwayTookThePatient() {
    assertThat(state("OPEN", null, 0, true, 0, false, null).words()).isEqualTo("At home, no new support (pathway 0)");
    assertThat(state("OPEN", null, 1, true, 0, false, null).words()).isEqualTo("At home with reablement (pathway 1)");
    assertThat(state("OPEN", null, 2, true, 0, false, null).words()).isEqualTo("In a community rehab bed (pathway 2)");
    assertThat(state("OPEN", null, 3, true, 0, false, null).code()).isEqualTo("care-home");
  }

  @Test
  void anEndedJourneySaysHowItEnded() {
    assertThat(state("COMPLETED", JourneyState.DIED, 1, true, 0, false, null).code()).isEqualTo("died");
    assertThat(state("COMPLETED", JourneyState.DECLINED, null, false, 0, false, null).code()).isEqualTo("declined");
    assertThat(state("CANCELLED", null, null, false, 0, true, null).code()).isEqualTo("withdrawn");
    assertThat(state("COMPLETED", null, 1, true, 0, false, null).words())
        .isEqualTo("Closed: discharged home with reablement (pathway 1)");
  }
}
