package org.homefirst.retention;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import org.junit.jupiter.api.Test;

/** A retention period left out or written as nothing stops the start, rather than purging at once. */
class RetentionPeriodsTest {

  @Test
  void everyPeriodMustBeSetAndLongerThanZero() {
    new RetentionPeriods(Period.ofYears(8), Period.ofYears(20), Period.ofYears(8), 100);

    assertThatThrownBy(() -> new RetentionPeriods(null, Period.ofYears(20), Period.ofYears(8), 100))
        .hasMessageContaining("every period must be set");
    assertThatThrownBy(() -> new RetentionPeriods(Period.ofYears(8), Period.ZERO, Period.ofYears(8), 100))
        .hasMessageContaining("longer than zero");
    assertThatThrownBy(() -> new RetentionPeriods(Period.ofYears(8), Period.ofYears(20), Period.ofYears(-1), 100))
        .hasMessageContaining("longer than zero");
    assertThatThrownBy(() -> new RetentionPeriods(Period.ofYears(8), Period.ofYears(20), Period.ofYears(8), 0))
        .hasMessageContaining("batch");
  }
}
