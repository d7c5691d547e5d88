package org.homefirst.demo;

import java.time.Clock;
import java.time.LocalDate;
import org.homefirst.base.Formats;
import org.homefirst.console.DelayCensus;
import org.homefirst.console.HistoryGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A few months of completed journeys up to yesterday, generated once on the demo's first start,
 * so every chart and return of the manager console has something to show before anyone has
 * worked a case. Off unless {@code homefirst.demo.history.enabled} (on in the demo profile).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "homefirst.demo.history.enabled", havingValue = "true")
class DemoHistory implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

  private final HistoryGenerator generator;
  private final DelayCensus census;
  private final Clock clock;
  private final int months;
  private final int referrals;
  private final long seed;

  DemoHistory(HistoryGenerator generator, DelayCensus census, Clock clock,
      @Value("${homefirst.demo.history.months:4}") int months,
      @Value("${homefirst.demo.history.referrals:2400}") int referrals,
      @Value("${homefirst.demo.history.seed:11}") long seed) {
    this.generator = generator;
    this.census = census;
    this.clock = clock;
    this.months = months;
    this.referrals = referrals;
    this.seed = seed;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (generator.exists()) {
      return;
    }
    LocalDate today = LocalDate.now(clock.withZone(Formats.LONDON));
    HistoryGenerator.Generated g;
    try {
      g = generator.generate(new HistoryGenerator.Plan(today.minusMonths(months), today, referrals, seed));
    } catch (RuntimeException e) {
      // The demo is still a demo without its history: start, and say why the charts are empty.
      log.warn("No demo history generated: {}", e.getMessage());
      return;
    }
    if (g.referrals() == 0) {
      return; // another node generated it meanwhile
    }
    // The census rows were written directly: the delay measures read them through the tally.
    for (LocalDate d = today.minusMonths(months); d.isBefore(today); d = d.plusDays(1)) {
      census.rollUp(d);
    }
    log.info("Generated demo history: {} completed referrals from {} to {} ({} rows in {} ms)", g.referrals(),
        today.minusMonths(months), today.minusDays(1), g.totalRows(), g.took().toMillis());
  }
}
