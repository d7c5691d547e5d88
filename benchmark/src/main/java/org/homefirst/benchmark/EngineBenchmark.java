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
 * Journeys of pathway 0 completed per second, closed loop, end to end (the application with its
 * workers, referrals over HTTP, the inbox query) against the same models on a bare engine with no-op
 * handlers; the ratio; journey duration; CPU per journey; intake and task-visible latency; the inbox
 * query at 50,000 open tasks. N patient drivers each take one patient at a time through the whole
 * journey ({@link ClosedLoop}). Prints figures and asserts nothing. Run by scripts/benchmark.sh;
 * settings as system properties: {@code bench.drivers} (4,8,16), {@code bench.workers} (4),
 * {@code bench.poll} (10, ms), {@code bench.warmup} (PT8S), {@code bench.window} (PT30S),
 * {@code bench.queue} (true).
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("bench.referrers") != null || System.getProperty("bench.users") != null) {
      System.out.println("bench.referrers and bench.users are gone: the load is closed loop, set bench.drivers");
    }
    int[] drivers = Arrays.stream(System.getProperty("bench.drivers", "4,8,16").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    int workers = Integer.getInteger("bench.workers", 4);
    long poll = Long.getLong("bench.poll", 10);
    Duration warmUp = Duration.parse(System.getProperty("bench.warmup", "PT8S"));
    Duration window = Duration.parse(System.getProperty("bench.window", "PT30S"));
    boolean queue = Boolean.parseBoolean(System.getProperty("bench.queue", "true"));
    // the home check comes a second after the discharge, not three days
    Map<String, String> clocks = Map.of("homeCheckAfter", "PT1S");
    long began = System.nanoTime();

    List<ClosedLoop.Result> bare = new ArrayList<>();
    List<ClosedLoop.Result> endToEnd = new ArrayList<>();
    List<QueueAtScale.Timing> queueTimings = List.of();
    List<String> notes = new ArrayList<>();
    notes.add(String.format("load average (1 min) at start %.1f", loadAverage()));

    Path bareData = Files.createTempDirectory("homefirst-bench-bare-");
    try (BareEngine engine = new BareEngine(bareData, clocks, workers, 200)) {
      for (int n : drivers) {
        System.out.printf("bare engine: %d drivers, %s warm-up, %s measured%n", n, warmUp, window);
        long retried = engine.retriedCompletions();
        ClosedLoop.Result r = new ClosedLoop(engine, n, poll).run(warmUp, window);
        bare.add(r);
        notes.add(String.format("bare engine, %d drivers: %s; %d external-task completions retried after an optimistic "
            + "locking failure (parallel branches joining); load average %.1f", n, counts(r),
            engine.retriedCompletions() - retried, loadAverage()));
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
      for (int n : drivers) {
        System.out.printf("end to end: %d drivers, %s warm-up, %s measured%n", n, warmUp, window);
        long before = dropped.count();
        long beforeLocking = dropped.optimisticLocking();
        ClosedLoop.Result r = new ClosedLoop(app, n, poll).run(warmUp, window);
        endToEnd.add(r);
        notes.add(String.format("end to end, %d drivers: %s; %d job outcomes not taken by the engine (%d optimistic "
            + "locking), each task locked 5 min, its journey stalled; load average %.1f", n, counts(r),
            dropped.count() - before, dropped.optimisticLocking() - beforeLocking, loadAverage()));
      }
      if (queue) {
        System.out.println("queue: 50,000 open tasks added in a transaction rolled back afterwards");
        queueTimings = QueueAtScale.measure(app.context());
      }
    } finally {
      delete(appData);
    }

    print(drivers, workers, poll, warmUp, window, bare, endToEnd, queueTimings);
    System.out.println();
    notes.forEach(System.out::println);
    System.out.printf("whole run %.0f s%n", (System.nanoTime() - began) / 1e9);
  }

  private static String counts(ClosedLoop.Result r) {
    String s = String.format("%d journeys started and %d completed in the window (the system counted %d completed), "
        + "%d given up (nothing seen for %d s)", r.started(), r.completed(), r.systemCompleted(), r.stalled(),
        ClosedLoop.GIVE_UP_SECONDS);
    if (r.refused() > 0) {
      s += String.format(", %d refused, first: %s", r.refused(), r.firstRefusal());
    }
    return s + "; at the end the drivers were waiting for: " + String.join(", ", r.atEnd());
  }

  private static void print(int[] drivers, int workers, long poll, Duration warmUp, Duration window,
      List<ClosedLoop.Result> bare, List<ClosedLoop.Result> endToEnd, List<QueueAtScale.Timing> queue) {
    System.out.println();
    System.out.printf("Home First engine benchmark, closed loop: N patient drivers each take one pathway 0 journey "
        + "at a time from referral to completion; %d external-task threads; queue looked at every %d ms; %ds warm-up, "
        + "%ds measured per row; %d cores, Java %s%n", workers, poll, warmUp.toSeconds(), window.toSeconds(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    System.out.println();
    System.out.println("| drivers | journeys/s end to end | journeys/s bare engine | ratio e2e/bare "
        + "| journey ms p50 / p99 e2e | journey ms p50 / p99 bare | CPU ms/journey e2e (bare) "
        + "| of it PostgreSQL e2e (bare) | queries/journey e2e (bare) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int i = 0; i < drivers.length; i++) {
      ClosedLoop.Result e = endToEnd.get(i);
      ClosedLoop.Result b = bare.get(i);
      System.out.printf("| %d | %.2f | %.2f | %.2f | %s | %s | %.0f (%.0f) | %.0f%% (%.0f%%) | %.0f (%.0f) |%n",
          drivers[i],
          e.journeysPerSecond(), b.journeysPerSecond(), e.journeysPerSecond() / b.journeysPerSecond(),
          e.journey().p50p99(), b.journey().p50p99(), e.cpuMillisPerJourney(), b.cpuMillisPerJourney(),
          100 * e.postgresCpuSeconds() / e.cpuSeconds(), 100 * b.postgresCpuSeconds() / b.cpuSeconds(),
          e.pollsPerJourney(), b.pollsPerJourney());
    }
    System.out.println();
    System.out.println("Latency, ms p50 / p99. Intake: the HTTP round trip of POST /api/v1/referrals (bare: starting "
        + "the instance). Task visible: from the intake's answer or the return of the previous completion until the "
        + "queue query first returns the task (looked for at once, then every " + poll + " ms); the last row, until the "
        + "referral shows COMPLETED (bare: no instance running).");
    System.out.println();
    System.out.println("| drivers | measured | p50 / p99 end to end | p50 / p99 bare engine | samples e2e (bare) |");
    System.out.println("|---|---|---|---|---|");
    for (int i = 0; i < drivers.length; i++) {
      ClosedLoop.Result e = endToEnd.get(i);
      ClosedLoop.Result b = bare.get(i);
      row(drivers[i], "intake", e.intake(), b.intake());
      for (String transition : e.visible().keySet()) {
        row(drivers[i], (transition.endsWith(ClosedLoop.END) ? "" : "task visible: ") + transition + note(transition),
            e.visible().get(transition), b.visible().get(transition));
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

  private static void row(int drivers, String what, Latencies e2e, Latencies bare) {
    System.out.printf("| %d | %s | %s | %s | %d (%d) |%n", drivers, what, e2e.p50p99(), bare.p50p99(), e2e.count(),
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
