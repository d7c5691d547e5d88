package org.homefirst.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.homefirst.HomeFirstApplication;
import org.homefirst.console.DelayCensus;
import org.homefirst.console.HistoryGenerator;
import org.homefirst.console.ConsolePages;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The manager console at scale: generates a history of {@code bench.referrals} completed referrals
 * (1,000,000 by default, over {@code bench.years} years up to yesterday) into a fresh database of
 * the application, reopens the newest {@code bench.open} (1,500) as today's caseload, then times
 * each console page's calls as its view makes them ({@link ConsolePages}), and each page as a whole: {@code bench.runs} timed runs after two
 * warm-up runs, median and p95 in milliseconds. Prints figures and asserts nothing. Run by
 * scripts/console-benchmark.sh. {@code bench.keep=true} keeps the database directory (printed) for
 * a look with psql.
 */
public final class ConsoleBenchmark {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private ConsoleBenchmark() {}

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
      if (reuse == null) {
        reopen(db, Integer.getInteger("bench.open", 1_500));
      }
      if (reuse != null) {
        System.out.println("reusing the history in " + reuse + " (the generation figures below are not measured)");
      }
      String size = db.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single();

      List<ConsolePages.Call> calls = ConsolePages.of(app);
      List<double[]> timings = new ArrayList<>();
      for (ConsolePages.Call c : calls) {
        System.out.printf("timing %s: %s%n", c.page(), c.what());
        timings.add(time(c.run(), runs));
      }
      // A page answers when all its calls have: timed as one, in the order the view makes them.
      Map<String, List<ConsolePages.Call>> pages = new LinkedHashMap<>();
      calls.forEach(c -> pages.computeIfAbsent(c.page(), k -> new ArrayList<>()).add(c));
      Map<String, double[]> pageTimings = new LinkedHashMap<>();
      pages.forEach((page, its) -> pageTimings.put(page, time(() -> {
        List<Object> answers = new ArrayList<>();
        its.forEach(c -> answers.add(c.run().get()));
        return answers;
      }, runs)));

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
      System.out.printf("Pages (all the calls a page makes on opening), ms over %d runs after 2 warm-up runs:%n%n",
          runs);
      System.out.println("| page | median | p95 |");
      System.out.println("|---|---|---|");
      pageTimings.forEach((page, t) -> System.out.printf("| %s | %.1f | %.1f |%n", page, t[0], t[1]));
      System.out.println();
      System.out.printf("Calls, ms over %d runs after 2 warm-up runs:%n%n", runs);
      System.out.println("| page | call | median | p95 | rows |");
      System.out.println("|---|---|---|---|---|");
      for (int i = 0; i < calls.size(); i++) {
        double[] t = timings.get(i);
        System.out.printf("| %s | %s | %.1f | %.1f | %.0f |%n", calls.get(i).page(), calls.get(i).what(), t[0], t[1],
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

  /**
   * The generator writes completed journeys only; a console also faces today's caseload. The newest
   * {@code open} generated referrals become patients still in hospital: discharge removed, their
   * latest clock running (started 0-47 hours ago, its target kept) and their latest step open. Rows
   * that real running journeys would have, written directly: what the Now page and the breach
   * prediction read.
   */
  private static void reopen(JdbcClient db, int open) {
    db.sql("""
        create unlogged table bench_open as
        select id, process_instance_key as root from referral
        where created_by = 'history-generator' order by created_at desc limit ?""").param(open).update();
    db.sql("update referral set status = 'OPEN', closed_at = null where id in (select id from bench_open)").update();
    db.sql("delete from readmission where discharge_id in (select d.id from discharge d join bench_open o "
        + "on o.id = d.referral_id)").update();
    db.sql("delete from discharge where referral_id in (select id from bench_open)").update();
    int clocks = db.sql("""
        update sla_clock c set ended_at = null, breached_at = null,
          started_at = now() - interval '1 hour' * (abs(c.timer_key) % 48),
          due_at = now() - interval '1 hour' * (abs(c.timer_key) % 48) + (c.due_at - c.started_at)
        where c.timer_key in (select distinct on (c2.root_instance_key) c2.timer_key from sla_clock c2
                              join bench_open o on o.root = c2.root_instance_key
                              order by c2.root_instance_key, c2.started_at desc)""").update();
    db.sql("""
        update step_duration s set ended_at = null
        where s.activity_instance_id in (select distinct on (s2.root_instance_key) s2.activity_instance_id
                                         from step_duration s2 join bench_open o on o.root = s2.root_instance_key
                                         order by s2.root_instance_key, s2.started_at desc)""").update();
    db.sql("drop table bench_open").update();
    db.sql("analyze referral").update();
    db.sql("analyze sla_clock").update();
    System.out.printf("reopened %,d referrals as today's caseload, %,d clocks running%n", open, clocks);
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

}
