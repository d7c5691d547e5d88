package org.homefirst.retention;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long each kind of record is kept ({@code homefirst.retention.*}, ISO 8601 periods); defaults
 * and their source in application.yaml and README "Audit and retention".
 *
 * @param journey a referral journey that ended, counted from its end
 * @param mentalHealthJourney a journey with Section 117 aftercare, counted from its end
 * @param audit each audit row, counted from when it was written (the database holds its own copy,
 *     set at start, and applies it: {@code audit_retention})
 * @param batch journeys removed per transaction
 */
@ConfigurationProperties("homefirst.retention")
public record RetentionPeriods(Period journey, Period mentalHealthJourney, Period audit, int batch) {

  public RetentionPeriods {
    for (Period p : new Period[] {journey, mentalHealthJourney, audit}) {
      if (p == null || p.isNegative() || p.isZero()) {
        throw new IllegalArgumentException("homefirst.retention: every period must be set and longer than zero");
      }
    }
    if (batch <= 0) {
      throw new IllegalArgumentException("homefirst.retention.batch must be at least 1");
    }
  }
}
