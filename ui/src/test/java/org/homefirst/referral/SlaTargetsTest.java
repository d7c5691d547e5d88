package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.homefirst.processes.SlaTimers;
import org.junit.jupiter.api.Test;

/** What a manager may enter as an SLA target, and the words they get back when it cannot be used. */
class SlaTargetsTest {

  @Test
  void aTargetIsAPositiveDurationOfAtMostAYear() {
    assertThat(SlaTargets.problem("PT24H")).isNull();
    assertThat(SlaTargets.problem("p2d")).as("lower case is fine").isNull();
    assertThat(SlaTargets.problem("PT90M")).isNull();
    assertThat(SlaTargets.problem("P366D")).isNull();
    assertThat(SlaTargets.problem(" ")).startsWith("Enter the new target");
    assertThat(SlaTargets.problem(null)).startsWith("Enter the new target");
    assertThat(SlaTargets.problem("24 hours")).contains("is not a duration").contains("PT24H");
    assertThat(SlaTargets.problem("P1M")).as("months have no fixed length").contains("is not a duration");
    assertThat(SlaTargets.problem("PT0S")).isEqualTo("A target must be longer than zero");
    assertThat(SlaTargets.problem("-PT1H")).isEqualTo("A target must be longer than zero");
    assertThat(SlaTargets.problem("P367D")).contains("more than a year");
  }

  @Test
  void targetsAreKeptInTheFormTheWordingReads() {
    assertThat(SlaTargets.normal(Duration.parse("PT48H"))).isEqualTo("P2D");
    assertThat(SlaTargets.normal(Duration.parse("P1DT12H"))).isEqualTo("PT36H");
    assertThat(SlaTargets.normal(Duration.parse("PT90M"))).isEqualTo("PT1H30M");
  }

  @Test
  void everySlaClockIsATargetButNotTheNationalNinetyOneDaysNorTheDailyPrompts() {
    SlaTimers.ALL.forEach(t -> assertThat(SlaTargets.EDITABLE).contains(t.clock()));
    assertThat(SlaTargets.EDITABLE).doesNotContain("followUpAfter", "delayPromptEvery", "dischargeHoursFrom",
        "dischargeHoursTo");
  }
}
