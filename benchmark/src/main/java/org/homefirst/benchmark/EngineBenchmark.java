package org.homefirst.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Journeys of pathway 0 completed per second end to end (the application with its workers, referrals
 * over HTTP, simulated users) against the same models on a bare engine with no-op handlers; the ratio;
 * CPU per journey; intake and task-visible latency; the inbox query at 50,000 open tasks. Prints
 * figures and asserts nothing. Run by scripts/benchmark.sh; settings as system properties:
 * {@code bench.referrers} (8,16), {@code bench.users} (4), {@code bench.workers} (4),
 * {@code bench.warmup} (PT8S), {@code bench.window} (PT20S), {@code bench.queue} (true).
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] referrers = Arrays.stream(System.getProperty("bench.referrers", "8,16").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    int users = Integer.getInteger("bench.users", 4);
    int workers = Integer.getInteger("bench.workers", 4);
    Duration warmUp = Duration.parse(System.getProperty("bench.warmup", "PT8S"));
    Duration window = Duration.parse(System.getProperty("bench.window", "PT20S"));
    boolean queue = Boolean.parseBoolean(System.getProperty("bench.queue", "true"));
    // the home check comes a second after the discharge, not three days
    Map<String, String> clocks = Map.of("homeCheckAfter", "PT1S");

    List<LoadRun.Result> bare = new ArrayList<>();
    List<LoadRun.Result> endToEnd = new ArrayList<>();
    List<QueueAtScale.Timing> queueTimings = List.of();
    List<String> notes = new ArrayList<>();
    notes.add(String.format("load average (1 min) at start %.1f", loadAverage()));

    Path bareData = Files.createTempDirectory("homefirst-bench-bare-");
    try (BareEngine engine = new BareEngine(bareData, clocks, workers, 200)) {
      for (int k : referrers) {
        System.out.printf("bare engine: %d referrers, %d users, %s warm-up, %s measured%n", k, users, warmUp, window);
        long retried = engine.retriedCompletions();
        bare.add(new LoadRun(engine, k, users).run(warmUp, window));
        notes.add(String.format("bare engine, %d referrers: %d external-task completions retried after an optimistic "
            + "locking failure (parallel branches joining); load average %.1f", k, engine.retriedCompletions() - retried,
            loadAverage()));
      }
    } finally {
      delete(bareData);
    }

    Path appData = Files.createTempDirectory("homefirst-bench-app-");
    try (EndToEnd app = new EndToEnd(appData, Map.of(
        "homefirst.clocks.homeCheckAfter", clocks.get("homeCheckAfter"),
        "homefirst.workers.threads", workers,
        "logging.level.root", "warn"))) {
      DroppedOutcomes dropped = DroppedOutcomes.attach();
      for (int k : referrers) {
        System.out.printf("end to end: %d referrers, %d users, %s warm-up, %s measured%n", k, users, warmUp, window);
        long before = dropped.count();
        long beforeLocking = dropped.optimisticLocking();
        endToEnd.add(new LoadRun(app, k, users).run(warmUp, window));
        notes.add(String.format("end to end, %d referrers: %d job outcomes not taken by the engine (%d optimistic "
            + "locking: parallel branches joining), each task locked 5 min, its journey stalled; load average %.1f", k,
            dropped.count() - before, dropped.optimisticLocking() - beforeLocking, loadAverage()));
      }
      if (queue) {
        System.out.println("queue: 50,000 open tasks added in a transaction rolled back afterwards");
        queueTimings = QueueAtScale.measure(app.context());
      }
    } finally {
      delete(appData);
    }

    print(referrers, users, workers, window, bare, endToEnd, queueTimings);
    System.out.println();
    notes.forEach(System.out::println);
  }

  private static void print(int[] referrers, int users, int workers, Duration window, List<LoadRun.Result> bare,
      List<LoadRun.Result> endToEnd, List<QueueAtScale.Timing> queue) {
    System.out.println();
    System.out.printf("Home First engine benchmark: pathway 0 journeys, %d simulated users, %d external-task threads, "
        + "%ds measured per row, %d cores, Java %s%n", users, workers, window.toSeconds(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    System.out.println();
    System.out.println("| referrers | journeys/s end to end | journeys/s bare engine | ratio | referrals/s e2e (bare) "
        + "| CPU ms/journey e2e (bare) | of it PostgreSQL | open user tasks at end e2e (bare) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int i = 0; i < referrers.length; i++) {
      LoadRun.Result e = endToEnd.get(i);
      LoadRun.Result b = bare.get(i);
      System.out.printf("| %d | %.1f | %.1f | %.2f | %.1f (%.1f) | %.0f (%.0f) | %.0f%% (%.0f%%) | %d (%d) |%n", referrers[i],
          e.journeysPerSecond(), b.journeysPerSecond(), e.journeysPerSecond() / b.journeysPerSecond(),
          e.referralsPerSecond(), b.referralsPerSecond(), e.cpuMillisPerJourney(), b.cpuMillisPerJourney(),
          100 * e.postgresCpuSeconds() / e.cpuSeconds(), 100 * b.postgresCpuSeconds() / b.cpuSeconds(),
          e.openTasksAtEnd(), b.openTasksAtEnd());
    }
    System.out.println();
    System.out.println("Latency, ms p50 / p99 (end to end; bare engine in brackets). Intake: the HTTP round trip of "
        + "POST /api/v1/referrals (bare: starting the instance). Task visible: from the intake's answer or the return of "
        + "the previous completion until the queue query first returns the task (looked for at once, then every "
        + LoadRun.RECHECK_MILLIS + " ms).");
    System.out.println();
    System.out.println("| referrers | measured | p50 / p99 end to end | p50 / p99 bare engine | samples e2e (bare) |");
    System.out.println("|---|---|---|---|---|");
    for (int i = 0; i < referrers.length; i++) {
      LoadRun.Result e = endToEnd.get(i);
      LoadRun.Result b = bare.get(i);
      row(referrers[i], "intake", e.intake(), b.intake());
      for (String transition : e.visible().keySet()) {
        row(referrers[i], "task visible: " + transition + note(transition), e.visible().get(transition),
            b.visible().get(transition));
      }
    }
    for (LoadRun.Result r : Stream.concat(bare.stream(), endToEnd.stream()).toList()) {
      if (r.refused() > 0 || r.lost() > 0) {
        System.out.printf("%s, %d referrers: %d refused, %d given up (not visible in 60 s); first: %s%n", r.system(),
            r.referrers(), r.refused(), r.lost(), r.firstRefusal());
      }
    }
    if (!queue.isEmpty()) {
      System.out.println();
      System.out.println("Inbox query (TaskInbox, offset paging) with 50,000 more open tasks, median of 5, ms:");
      System.out.println();
      System.out.println("| queue | tasks | count | first page (50) | last page (50) |");
      System.out.println("|---|---|---|---|---|");
      for (QueueAtScale.Timing t : queue) {
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", t.queue(), t.tasks(), t.countMillis(), t.firstPageMillis(),
            t.lastPageMillis());
      }
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String note(String transition) {
    return switch (transition) {
      case "Task_ConfirmPathway -> Task_PlanDischarge" -> " (2 worker jobs between)";
      case "Task_ConfirmDischarge -> Task_HomeCheck" -> " (2 worker jobs + 1 s timer)";
      case "Task_Triage -> Task_ConfirmPathway", "Task_PlanDischarge -> Task_ConfirmDischarge" -> " (same transaction)";
      default -> "";
    };
  }

  private static void row(int referrers, String what, Latencies e2e, Latencies bare) {
    System.out.printf("| %d | %s | %s | %s | %d (%d) |%n", referrers, what, e2e.p50p99(), bare.p50p99(), e2e.count(),
        bare.count());
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
