package org.homefirst.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.homefirst.inbox.TeamMember;
import org.springframework.context.ApplicationContext;

/**
 * Each console page's loads as the page makes them, for the benchmark: the calls its view makes on
 * opening with its default period, through the same services, as a manager of every team. In the
 * console's package (though in the benchmark's jar) because those services are package-private.
 */
public final class ConsolePages {

  /** One call a page makes; a page's answer time is the sum of its calls. */
  public record Call(String page, String what, Supplier<Object> run) {}

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad", "lbr-hospital-sw",
      "chc", "nelft-irs", "nelft-reablement", "lbr-reablement", "lbbd-crisis", "council-lbbd", "council-lbh",
      "council-lbr"));

  private ConsolePages() {}

  public static List<Call> of(ApplicationContext app) {
    Clock clock = app.getBean(Clock.class);
    List<Call> calls = new ArrayList<>();

    NowPicture now = app.getBean(NowPicture.class);
    calls.add(new Call("Now", "the live picture (counts, bands, holders)", () -> now.now(MANAGER).inHospital()));

    SlaPerformance slas = app.getBean(SlaPerformance.class);
    SlaPerformance.Filter month = SlaPerformance.Filter.lastDays(clock, 30);
    SlaPerformance.Filter year = SlaPerformance.Filter.lastDays(clock, 365);
    calls.add(new Call("SLAs", "per rule, last 30 days", () -> slas.rules(MANAGER, month)));
    calls.add(new Call("SLAs", "by team, last 30 days",
        () -> slas.breakdown(MANAGER, month, SlaPerformance.Dimension.TEAM)));
    calls.add(new Call("SLAs", "trend by month", () -> slas.trend(MANAGER, month)));
    calls.add(new Call("SLAs", "breach list", () -> slas.breaches(MANAGER, month).rows()));
    calls.add(new Call("SLAs", "breach prediction (open clocks)", () -> slas.predictions(MANAGER, month).rows()));
    calls.add(new Call("SLAs (background, every 5 min)", "breach prediction: reading the past clocks",
        () -> slas.readHistory(clock.instant()).clocks()));
    calls.add(new Call("SLAs, a year", "per rule, last 365 days", () -> slas.rules(MANAGER, year)));
    calls.add(new Call("SLAs, a year", "by borough, last 365 days",
        () -> slas.breakdown(MANAGER, year, SlaPerformance.Dimension.BOROUGH)));
    calls.add(new Call("SLAs, a year", "trend by month", () -> slas.trend(MANAGER, year)));

    DelayMeasures delays = app.getBean(DelayMeasures.class);
    LocalDate yesterday = LocalDate.now(clock.withZone(org.homefirst.base.Formats.LONDON)).minusDays(1);
    DelayMeasures.Scope quarter = new DelayMeasures.Scope(yesterday.withDayOfMonth(1).minusMonths(2), yesterday, null);
    DelayMeasures.Scope twelveMonths = new DelayMeasures.Scope(yesterday.withDayOfMonth(1).minusMonths(11), yesterday,
        null);
    PopulationEstimates population = app.getBean(PopulationEstimates.class);
    for (var scope : List.of(quarter, twelveMonths)) {
      String page = scope == quarter ? "Delays" : "Delays, 12 months";
      calls.add(new Call(page, "census coverage", () -> List.of(delays.coverage(MANAGER, scope))));
      calls.add(new Call(page, "reason group x attribution",
          () -> delays.byReasonGroupAndAttribution(MANAGER, scope)));
      calls.add(new Call(page, "per month by reason group",
          () -> delays.perMonth(MANAGER, scope, DelayMeasures.By.REASON_GROUP)));
      calls.add(new Call(page, "by each of six breakdowns", () -> {
        List<Object> all = new ArrayList<>();
        for (DelayMeasures.By by : DelayMeasures.By.values()) {
          all.addAll(delays.by(MANAGER, scope, by));
        }
        return all;
      }));
      calls.add(new Call(page, "per 100,000 adults by borough and month",
          () -> delays.perHundredThousandAdults(MANAGER, scope)));
      calls.add(new Call(page, "delayed now, population estimates", () -> {
        List<Object> all = new ArrayList<>(delays.delayedNow(MANAGER, scope.borough()).rows());
        all.addAll(population.list(MANAGER));
        return all;
      }));
    }

    Returns returns = app.getBean(Returns.class);
    for (ReturnKind kind : ReturnKind.values()) {
      ReturnPeriod period = kind.defaultPeriod(returns.today());
      calls.add(new Call("Returns", kind.label() + ", " + period.from() + " to " + period.to(),
          () -> returns.compute(MANAGER, kind, period, ReturnScope.ALL).figures()));
    }

    DiagramHeat heat = app.getBean(DiagramHeat.class);
    calls.add(new Call("Where journeys wait", "heat on the discharge journey", () -> heat.steps(MANAGER,
        heat.model(MANAGER, "homefirst-discharge-journey").orElseThrow())));
    return calls;
  }
}
