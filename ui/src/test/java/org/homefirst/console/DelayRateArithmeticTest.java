package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of delayed days per 100,000 adults, without the stack. */
class DelayRateArithmeticTest {

  @Test
  void theWorkedExampleOfTheDomainGuideComesOutExactly() {
    // docs/domain.md: 360.6 / 198,408 x 100,000 = 181.7
    BigDecimal rate = DelayMeasures.perHundredThousand(new BigDecimal("360.6"), 198_408);
    assertThat(DelayMeasures.rounded(rate)).isEqualByComparingTo("181.7");
    // Kept at full precision until shown: 181.7467037619450828595621144308697...
    assertThat(rate.toPlainString()).startsWith("181.746703761945");
  }

  @Test
  void roundingIsHalfUpToOneDecimalOnlyForDisplay() {
    assertThat(DelayMeasures.rounded(new BigDecimal("32.15"))).isEqualByComparingTo("32.2");
    assertThat(DelayMeasures.rounded(new BigDecimal("32.149999"))).isEqualByComparingTo("32.1");
    assertThat(DelayMeasures.rounded(null)).isNull();
  }

  @Test
  void aPeriodIsTheSumOfItsMonthlyRatesAtFullPrecision() {
    // 0.04 + 0.04 + 0.04 = 0.12 -> 0.1; the sum of the rounded months (0.0 each) would say 0.0.
    List<DelayMeasures.MonthRate> months = List.of(month("0.04"), month("0.04"), month("0.04"));
    assertThat(DelayMeasures.rounded(DelayMeasures.sumOfMonthlyRates(months))).isEqualByComparingTo("0.1");
  }

  @Test
  void aPeriodWithAMonthWithoutAnEstimateHasNoRate() {
    assertThat(DelayMeasures.sumOfMonthlyRates(List.of(month("1.0"), month(null)))).isNull();
  }

  private static DelayMeasures.MonthRate month(String rate) {
    return new DelayMeasures.MonthRate("lbh", "Havering", YearMonth.of(2018, 1), 1,
        rate == null ? null : new BigDecimal(rate), List.of(new DelayMeasures.Denominator(200_246,
            LocalDate.of(2018, 1, 1), LocalDate.of(2018, 1, 31), "ONS")), rate == null ? 1 : 0);
  }
}
