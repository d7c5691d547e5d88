package org.homefirst.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.homefirst.benchmark.JourneySystem.Referred;

/**
 * One closed-loop measurement on a system: N patient drivers, each taking one patient at a time
 * through the whole journey. A driver refers the patient, then, acting as the team, waits for each
 * of the journey's user tasks to become visible in the system's queue (looked for at once, then every
 * {@code pollMillis}), claims and completes it with the form's values, and when the last one is done
 * waits until the system says the journey is completed; then it refers the next patient. The engine,
 * the workers and the home-check timer do everything in between. Journeys in flight never exceed N,
 * so the work never piles up: the figure is how many journeys N patients in flight complete per second.
 *
 * <p>A journey that makes no progress for {@value #GIVE_UP_SECONDS} s (a task or the end not seen) is
 * given up and counted as stalled; its driver takes the next patient.
 */
final class ClosedLoop {

  static final int GIVE_UP_SECONDS = 60;
  static final String END = "journey completed";

  /** What one run measured. */
  record Result(String system, int drivers, double seconds, long completed, long systemCompleted, long started,
      double cpuSeconds, double postgresCpuSeconds, long polls, Latencies journey, Latencies intake,
      Map<String, Latencies> visible, long stalled, long refused, String firstRefusal, List<String> atEnd) {

    double journeysPerSecond() {
      return completed / seconds;
    }

    double cpuMillisPerJourney() {
      return completed == 0 ? Double.NaN : cpuSeconds * 1000 / completed;
    }

    double pollsPerJourney() {
      return completed == 0 ? Double.NaN : (double) polls / completed;
    }
  }

  /** A journey given up: nothing seen for too long. */
  private static final class Stalled extends Exception {
    Stalled(String what) {
      super(what, null, false, false);
    }
  }

  private final JourneySystem system;
  private final int drivers;
  private final long pollMillis;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong stalled = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicReference<String> firstRefusal = new AtomicReference<>();
  private final Latencies journey = new Latencies();
  private final Latencies intake = new Latencies();
  private final Map<String, Latencies> visible = new LinkedHashMap<>();
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile boolean running = true;
  /** What each driver is waiting for and since when (nanoTime), for the note at the end. */
  private final Map<String, String> waitingFor = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Long> waitingSince = new java.util.concurrent.ConcurrentHashMap<>();

  ClosedLoop(JourneySystem system, int drivers, long pollMillis) {
    this.system = system;
    this.drivers = drivers;
    this.pollMillis = pollMillis;
    for (int i = 0; i <= PathwayZero.STEPS.size(); i++) {
      visible.put(transition(i), new Latencies());
    }
  }

  /** The name of the wait before step i (i = STEPS.size(): the wait for the journey's end). */
  static String transition(int step) {
    String from = step == 0 ? "intake" : PathwayZero.STEPS.get(step - 1).elementId();
    String to = step == PathwayZero.STEPS.size() ? END : PathwayZero.STEPS.get(step).elementId();
    return from + " -> " + to;
  }

  private boolean inWindow(long nanos) {
    return nanos >= windowStart && nanos < windowEnd;
  }

  Result run(Duration warmUp, Duration window) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < drivers; i++) {
      String user = "bench.user" + i;
      threads.add(Thread.ofPlatform().name("driver-" + i).start(() -> drive(user)));
    }
    Thread.sleep(warmUp.toMillis());
    long systemBefore = system.journeysCompleted();
    long pollsBefore = polls.get();
    Cpu.Reading cpuBefore = system.cpu();
    windowStart = System.nanoTime();
    windowEnd = windowStart + window.toNanos();
    Thread.sleep(window.toMillis());
    Cpu.Reading cpu = system.cpu().minus(cpuBefore);
    long pollsInWindow = polls.get() - pollsBefore;
    long systemCompleted = system.journeysCompleted() - systemBefore;
    double seconds = (System.nanoTime() - windowStart) / 1e9;
    long now = System.nanoTime();
    List<String> atEnd = waitingFor.keySet().stream().sorted().map(d -> String.format("%s %.1f s",
        waitingFor.get(d), (now - waitingSince.get(d)) / 1e9)).toList();
    running = false; // drivers leave their journeys where they are
    for (Thread t : threads) {
      t.join(30_000);
    }
    return new Result(system.name(), drivers, seconds, completed.get(), systemCompleted, started.get(), cpu.total(),
        cpu.postgres(), pollsInWindow, journey, intake, visible, stalled.get(), refused.get(), firstRefusal.get(),
        atEnd);
  }

  private void drive(String user) {
    while (running) {
      try {
        journey(user);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Stalled e) {
        if (running) {
          stalled.incrementAndGet();
        }
      } catch (Exception e) {
        if (running) {
          refused.incrementAndGet();
          firstRefusal.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    }
  }

  /** One patient, from referral to the journey's end. */
  private void journey(String user) throws Exception {
    long begun = System.nanoTime();
    waiting(user, "intake", begun);
    Referred referral = system.refer(PathwayZero.nhsNumber());
    long cause = System.nanoTime();
    if (inWindow(begun)) {
      intake.add(cause - begun);
      started.incrementAndGet();
    }
    for (int i = 0; i < PathwayZero.STEPS.size() && running; i++) {
      PathwayZero.Step step = PathwayZero.STEPS.get(i);
      waiting(user, step.elementId(), cause);
      String task = awaitTask(referral, step.elementId(), i, cause);
      if (task == null) {
        return;
      }
      system.claimAndComplete(user, task, step.values().get());
      cause = System.nanoTime();
    }
    // the last task is done: wait until the system says the journey is completed
    waiting(user, END, cause);
    long deadline = cause + Duration.ofSeconds(GIVE_UP_SECONDS).toNanos();
    while (running) {
      polls.incrementAndGet();
      if (system.journeyCompleted(referral)) {
        long done = System.nanoTime();
        if (inWindow(done)) {
          completed.incrementAndGet();
          journey.add(done - begun);
        }
        if (inWindow(cause)) {
          visible.get(transition(PathwayZero.STEPS.size())).add(done - cause);
        }
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new Stalled(END);
      }
      Thread.sleep(pollMillis);
    }
  }

  private void waiting(String driver, String what, long since) {
    waitingSince.put(driver, since);
    waitingFor.put(driver, what);
  }

  /** The task once the queue shows it (null when the run ends first); records how long it took. */
  private String awaitTask(Referred referral, String elementId, int step, long cause) throws Exception {
    long deadline = cause + Duration.ofSeconds(GIVE_UP_SECONDS).toNanos();
    while (running) {
      polls.incrementAndGet();
      String task = system.openTask(referral, elementId);
      if (task != null) {
        if (inWindow(cause)) {
          visible.get(transition(step)).add(System.nanoTime() - cause);
        }
        return task;
      }
      if (System.nanoTime() > deadline) {
        throw new Stalled(elementId);
      }
      Thread.sleep(pollMillis);
    }
    return null;
  }
}
