package org.homefirst.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.homefirst.HomeFirstApplication;
import org.homefirst.console.DelayCensus;
import org.homefirst.console.HistoryGenerator;
import org.homefirst.console.SlaPerformance;
import org.homefirst.inbox.TeamMember;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The manager console at scale: generates a history of {@code bench.referrals} completed referrals
 * (1,000,000 by default, over {@code bench.years} years up to yesterday) into a fresh database of
 * the application, then times each console page's queries: {@code bench.runs} timed runs after two
 * warm-up runs, median and p95 in milliseconds. Prints figures and asserts nothing. Run by
 * scripts/console-benchmark.sh. {@code bench.keep=true} keeps the database directory (printed) for
 * a look with psql.
 */
public final class ConsoleBenchmark {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private ConsoleBenchmark() {}

  /** One page's query, timed. */
  private record Query(String page, String what, Supplier<Object> run) {}

  public static void main(String[] args) throws Exception {
    int referrals = Integer.getInteger("bench.referrals", 1_000_000);
    double years = Double.parseDouble(System.getProperty("bench.years", "3.5"));
    int runs = Integer.getInteger("bench.runs", 15);
    String reuse = System.getProperty("bench.reuse");
    boolean keep = Boolean.getBoolean("bench.keep") || reuse != null;
    Path data = reuse != null ? Path.of(reuse) : Files.createTempDirectory("homefirst-bench-console-");
    Map<String, Object> settings = new HashMap<>(Map.of(
        "server.port", 0,
        "homefirst.demo-data", false,
        "homefirst.demo.history.enabled", false,
        "homefirst.database.directory", data.toString(),
        "homefirst.database.port", 0,
        // Generation is a bulk load: no fsync. The timed queries only read.
        "homefirst.database.durable", false,
        "vaadin.productionMode", true,
        "vaadin.launch-browser", false,
        "spring.main.banner-mode", "off",
        "logging.level.root", "warn"));
    String[] arguments = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HomeFirstApplication.class)
        .profiles("demo").run(arguments)) {
      JdbcClient db = app.getBean(JdbcClient.class);
      LocalDate today = LocalDate.now(LONDON);
      LocalDate from = today.minusDays(Math.round(years * 365.25));
      System.out.printf("generating %,d referrals from %s to %s%n", referrals, from, today.minusDays(1));
      HistoryGenerator generator = app.getBean(HistoryGenerator.class);
      HistoryGenerator.Generated g = reuse != null && generator.exists()
          ? new HistoryGenerator.Generated(referrals, Map.of(), java.time.Duration.ofMillis(1))
          : generator.generate(new HistoryGenerator.Plan(from, today, referrals, 1));
      long rolling = System.nanoTime();
      DelayCensus census = app.getBean(DelayCensus.class);
      for (LocalDate d = from; d.isBefore(today) && reuse == null; d = d.plusDays(1)) {
        census.rollUp(d);
      }
      System.out.printf("census tally of the generated days: %.0f s%n", (System.nanoTime() - rolling) / 1e9);
      if (reuse != null) {
        System.out.println("reusing the history in " + reuse + " (the generation figures below are not measured)");
      }
      String size = db.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single();

      List<Query> queries = new ArrayList<>(ConsoleQueries.of(db, today));
      queries.addAll(ConsoleServices.of(app, today));
      List<double[]> timings = new ArrayList<>();
      for (Query q : queries) {
        System.out.printf("timing %s: %s%n", q.page(), q.what());
        timings.add(time(q.run(), runs));
      }

      System.out.println();
      System.out.printf("Home First console benchmark: %,d generated referrals (%s to %s), %d cores, Java %s, "
              + "load average %.1f%n", g.referrals(), from, today.minusDays(1),
          Runtime.getRuntime().availableProcessors(), Runtime.version(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.printf("Generation: %.0f s for %,d rows (%,.0f rows/s), database %s%n", g.took().toMillis() / 1e3,
          g.totalRows(), g.totalRows() / (g.took().toMillis() / 1e3), size);
      System.out.println();
      System.out.println("| table | rows |");
      System.out.println("|---|---|");
      g.rows().forEach((t, n) -> System.out.printf("| %s | %,d |%n", t, n));
      System.out.println();
      System.out.printf("Queries, ms over %d runs after 2 warm-up runs:%n%n", runs);
      System.out.println("| page | query | median | p95 | rows |");
      System.out.println("|---|---|---|---|---|");
      for (int i = 0; i < queries.size(); i++) {
        double[] t = timings.get(i);
        System.out.printf("| %s | %s | %.1f | %.1f | %.0f |%n", queries.get(i).page(), queries.get(i).what(), t[0], t[1],
            t[2]);
      }
      if (keep) {
        System.out.println("database kept in " + data);
      }
    } finally {
      if (!keep) {
        try (var files = Files.walk(data)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** Median, p95 (ms) and the size of the answer. */
  private static double[] time(Supplier<Object> query, int runs) {
    Object answer = query.get();
    query.get();
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      answer = query.get();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(millis);
    int p95 = (int) Math.ceil(0.95 * runs) - 1;
    double size = answer instanceof List<?> l ? l.size() : answer instanceof Number n ? n.doubleValue() : 1;
    return new double[] {millis[runs / 2], millis[Math.min(runs - 1, p95)], size};
  }

  /** The console's services as its pages call them, as a manager of every team. */
  static final class ConsoleServices {

    private ConsoleServices() {}

    static List<Query> of(ConfigurableApplicationContext app, LocalDate today) {
      SlaPerformance slas = app.getBean(SlaPerformance.class);
      TeamMember manager = new TeamMember("manager", Set.of("managers", "jad", "lbr-hospital-sw", "chc", "nelft-irs",
          "nelft-reablement", "lbr-reablement", "lbbd-crisis", "council-lbbd", "council-lbh", "council-lbr"));
      SlaPerformance.Filter month = new SlaPerformance.Filter(today.minusDays(30), today, null, null, null);
      SlaPerformance.Filter year = new SlaPerformance.Filter(today.withDayOfMonth(1).minusMonths(12), today, null, null,
          null);
      List<Query> list = new ArrayList<>();
      list.add(new Query("SLAs (service)", "SlaPerformance.rules, last 30 days", () -> slas.rules(manager, month)));
      list.add(new Query("SLAs (service)", "SlaPerformance.breakdown by borough, last 30 days",
          () -> slas.breakdown(manager, month, SlaPerformance.Dimension.BOROUGH)));
      list.add(new Query("SLAs (service)", "SlaPerformance.trend, 12 months", () -> slas.trend(manager, year)));
      list.add(new Query("SLAs (service)", "SlaPerformance.breaches, last 30 days",
          () -> slas.breaches(manager, month).rows()));
      list.add(new Query("SLAs (service)", "SlaPerformance.predictions (open clocks)",
          () -> slas.predictions(manager, month).rows()));
      list.add(new Query("SLAs (service)", "SlaPerformance.stepHeat of the journey, last 30 days",
          () -> List.copyOf(slas.stepHeat(manager, "homefirst-discharge-journey", month).values())));
      return list;
    }
  }

  /** Each console page's measures as SQL, as the pages' services are written (then their own calls). */
  static final class ConsoleQueries {

    private ConsoleQueries() {}

    static List<Query> of(JdbcClient db, LocalDate today) {
      LocalDate monthStart = today.withDayOfMonth(1).minusMonths(1);
      LocalDate monthEnd = monthStart.plusMonths(1);
      LocalDate yearStart = today.withDayOfMonth(1).minusMonths(12);
      int q = (monthStart.getMonthValue() - 1) / 3;
      LocalDate quarterStart = LocalDate.of(monthStart.getYear(), q * 3 + 1, 1);
      LocalDate quarterEnd = quarterStart.plusMonths(3);
      List<Query> list = new ArrayList<>();
      list.add(new Query("SLAs", "per rule, last 12 months: met, p50/p90, breaches by month", () -> db.sql("""
          select rule, date_trunc('month', ended_at at time zone 'Europe/London') as month, count(*),
                 avg(case when ended_at <= due_at then 1.0 else 0 end),
                 percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ended_at - started_at)),
                 count(*) filter (where ended_at > due_at)
          from sla_clock
          where ended_at >= (?::date)::timestamp at time zone 'Europe/London'
            and ended_at < (?::date)::timestamp at time zone 'Europe/London'
          group by 1, 2""").params(yearStart, today).query().listOfRows()));
      list.add(new Query("SLAs", "per rule, last month: met, p50/p90, breaches", () -> db.sql("""
          select rule, count(*), avg(case when ended_at <= due_at then 1.0 else 0 end),
                 percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ended_at - started_at)),
                 count(*) filter (where ended_at > due_at)
          from sla_clock
          where ended_at >= (?::date)::timestamp at time zone 'Europe/London'
            and ended_at < (?::date)::timestamp at time zone 'Europe/London'
          group by 1""").params(monthStart, monthEnd).query().listOfRows()));
      list.add(new Query("SLAs", "per rule, last month, one borough", () -> db.sql("""
          select rule, count(*), avg(case when ended_at <= due_at then 1.0 else 0 end),
                 percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from ended_at - started_at))
          from sla_clock
          where borough = 'lbh' and ended_at >= (?::date)::timestamp at time zone 'Europe/London'
            and ended_at < (?::date)::timestamp at time zone 'Europe/London'
          group by 1""").params(monthStart, monthEnd).query().listOfRows()));
      list.add(new Query("SLAs", "step heat of the journey model, last month", () -> db.sql("""
          select element_id, count(*), avg(extract(epoch from ended_at - started_at)),
                 percentile_cont(0.9) within group (order by extract(epoch from ended_at - started_at))
          from step_duration
          where bpmn_process_id = 'homefirst-discharge-journey' and ended_at >= ? and ended_at < ?
          group by 1""").params(monthStart.atStartOfDay(LONDON).toOffsetDateTime(),
          monthEnd.atStartOfDay(LONDON).toOffsetDateTime()).query().listOfRows()));
      list.add(new Query("Delays", "delayed days per borough per month, 12 months", () -> db.sql("""
          select borough, date_trunc('month', census_date), count(*) from delay_census
          where census_date >= ? and census_date < ? group by 1, 2""").params(yearStart, today)
          .query().listOfRows()));
      list.add(new Query("Delays", "delayed days per borough per month, 12 months (tally, V63)", () -> db.sql("""
          select borough, date_trunc('month', census_date), sum(days) from delay_census_tally
          where census_date >= ? and census_date < ? group by 1, 2""").params(yearStart, today)
          .query().listOfRows()));
      list.add(new Query("Delays", "delayed days by reason group x attribution x setting, 12 months (tally, V63)",
          () -> db.sql("""
          select date_trunc('month', census_date), national_code, attribution, setting, sum(days)
          from delay_census_tally where census_date >= ? and census_date < ? group by 1, 2, 3, 4""")
          .params(yearStart, today).query().listOfRows()));
      list.add(new Query("Delays", "per 100,000 adults per borough per month, 12 months (tally, V63)", () -> db.sql("""
          select c.borough, date_trunc('month', c.census_date), sum(c.days * 100000.0 / p.population)
          from (select borough, census_date, sum(days) as days from delay_census_tally
                where census_date >= ? and census_date < ? group by 1, 2) c
          join population_estimate p on p.borough = c.borough and p.age_band = '18+'
            and c.census_date >= p.valid_from and (p.valid_to is null or c.census_date <= p.valid_to)
          group by 1, 2""").params(yearStart, today).query().listOfRows()));
      list.add(new Query("Delays", "delayed days by reason group x attribution, last month", () -> db.sql("""
          select national_code, attribution, setting, count(*) from delay_census
          where census_date >= ? and census_date < ? group by 1, 2, 3""").params(monthStart, monthEnd)
          .query().listOfRows()));
      list.add(new Query("Delays", "per 100,000 adults per borough per month, 12 months", () -> db.sql("""
          select c.borough, date_trunc('month', c.census_date), sum(c.days * 100000.0 / p.population)
          from (select borough, census_date, count(*) as days from delay_census
                where census_date >= ? and census_date < ? group by 1, 2) c
          join population_estimate p on p.borough = c.borough and p.age_band = '18+'
            and c.census_date >= p.valid_from and (p.valid_to is null or c.census_date <= p.valid_to)
          group by 1, 2""").params(yearStart, today).query().listOfRows()));
      list.add(new Query("Delays", "who was delayed yesterday (patient list)", () -> db.sql("""
          select c.referral_id, r.nhs_number, r.family_name, c.reason, c.attribution, c.days_since_ready
          from delay_census c join referral r on r.id = c.referral_id
          where c.census_date = ? order by c.days_since_ready desc limit 200""").param(today.minusDays(1))
          .query().listOfRows()));
      list.add(new Query("Returns", "DRD delay bands and mean, last quarter", () -> db.sql("""
          select case when delay = 0 then '0' when delay = 1 then '1' when delay <= 3 then '2-3' when delay <= 6 then '4-6'
                      when delay <= 13 then '7-13' when delay <= 20 then '14-20' else '21+' end, count(*), avg(delay)
          from (select (discharged_at at time zone 'Europe/London')::date
                       - (discharge_ready_at at time zone 'Europe/London')::date as delay
                from discharge where discharge_ready_at is not null and age_at_discharge >= 18
                  and discharged_at >= (?::date)::timestamp at time zone 'Europe/London'
                  and discharged_at < (?::date)::timestamp at time zone 'Europe/London') d
          group by 1""").params(quarterStart, quarterEnd).query().listOfRows()));
      list.add(new Query("Returns", "CHC standard decided within 28 days, DSTs in hospital, last quarter", () -> db.sql("""
          select count(*) filter (where decided_at <= referred_at + interval '28 days'), count(*),
                 count(*) filter (where dst_setting = 'acute'), count(dst_setting)
          from chc_case where not fast_track
            and decided_at >= (?::date)::timestamp at time zone 'Europe/London'
            and decided_at < (?::date)::timestamp at time zone 'Europe/London'""").params(quarterStart, quarterEnd)
          .query().listOfRows()));
      list.add(new Query("Returns", "readmissions within 30 days, pathway mix, last quarter", () -> db.sql("""
          select d.pathway, count(*), count(x.id)
          from discharge d left join readmission x on x.discharge_id = d.id
            and x.readmitted_at <= d.discharged_at + interval '30 days'
          where d.discharged_at >= (?::date)::timestamp at time zone 'Europe/London'
            and d.discharged_at < (?::date)::timestamp at time zone 'Europe/London'
          group by 1""").params(quarterStart, quarterEnd).query().listOfRows()));
      list.add(new Query("Returns", "still at home on day 91 (65+), a quarter 4 months ago", () -> db.sql("""
          select count(*) filter (where still_at_home_day_91), count(still_at_home_day_91), count(*) from discharge
          where reablement and age_at_discharge >= 65
            and discharged_at >= (?::date)::timestamp at time zone 'Europe/London'
            and discharged_at < (?::date)::timestamp at time zone 'Europe/London'""")
          .params(quarterStart.minusMonths(6), quarterEnd.minusMonths(6)).query().listOfRows()));
      list.add(new Query("Now", "open SLA clocks due within 4 h or breached", () -> db.sql("""
          select count(*) filter (where due_at < now()), count(*) from sla_clock
          where ended_at is null and due_at < now() + interval '4 hours'""").query().listOfRows()));
      list.add(new Query("Now", "waiting by pathway and days since DRD (open referrals)", () -> db.sql("""
          select r.id, current_date - (r.discharge_ready_at at time zone 'Europe/London')::date
          from referral r where r.status = 'OPEN' and r.discharge_ready_at is not null""").query().listOfRows()));
      return list;
    }
  }
}
