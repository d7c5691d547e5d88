package org.homefirst.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.homefirst.benchmark.JourneySystem.Referred;

/**
 * One measurement on a system: K referrers refer patients as fast as they are acknowledged, and
 * simulated users work each journey's user tasks through the system's queue. Users finish journeys
 * already under way before triaging new ones (later steps first), as a team would.
 *
 * <p>Task-visible latency: from the moment the cause was acknowledged (the intake's answer, or the
 * return of the previous task's completion) until the system's queue query first returns the task.
 * It is looked for at once, then every {@value #RECHECK_MILLIS} ms by the next free user.
 */
final class LoadRun {

  static final long RECHECK_MILLIS = 10;
  private static final long GIVE_UP_NANOS = Duration.ofSeconds(60).toNanos();

  /** What one run measured. */
  record Result(String system, int referrers, int users, double seconds, long referred, long completed, double cpuSeconds,
      double postgresCpuSeconds, Latencies intake, Map<String, Latencies> visible, long openTasksAtEnd,
      long refused, String firstRefusal, long lost) {

    double journeysPerSecond() {
      return completed / seconds;
    }

    double referralsPerSecond() {
      return referred / seconds;
    }

    double cpuMillisPerJourney() {
      return completed == 0 ? Double.NaN : cpuSeconds * 1000 / completed;
    }
  }

  /** A journey's next user task, found (task known) or still to appear. */
  private static final class Work implements Delayed, Comparable<Delayed> {
    final Referred referral;
    final int step;
    final long causeNanos;
    final long seq;
    String taskId;
    long dueNanos;

    Work(Referred referral, int step, long causeNanos, long seq) {
      this.referral = referral;
      this.step = step;
      this.causeNanos = causeNanos;
      this.seq = seq;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Work w = (Work) o;
      if (taskId != null) { // the ready queue: later steps first, then oldest first
        return step != w.step ? Integer.compare(w.step, step) : Long.compare(seq, w.seq);
      }
      return Long.compare(dueNanos, w.dueNanos);
    }
  }

  private final JourneySystem system;
  private final int referrers;
  private final int users;
  private final PriorityBlockingQueue<Work> ready = new PriorityBlockingQueue<>();
  private final DelayQueue<Work> waiting = new DelayQueue<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong referred = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicReference<String> firstRefusal = new AtomicReference<>();
  private final Latencies intake = new Latencies();
  private final Map<String, Latencies> visible = new LinkedHashMap<>();
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile boolean running = true;

  LoadRun(JourneySystem system, int referrers, int users) {
    this.system = system;
    this.referrers = referrers;
    this.users = users;
    visible.put("intake -> " + PathwayZero.STEPS.getFirst().elementId(), new Latencies());
    for (int i = 1; i < PathwayZero.STEPS.size(); i++) {
      visible.put(transition(i), new Latencies());
    }
  }

  private static String transition(int step) {
    return PathwayZero.STEPS.get(step - 1).elementId() + " -> " + PathwayZero.STEPS.get(step).elementId();
  }

  private Latencies visibleAt(int step) {
    return step == 0 ? visible.values().iterator().next() : visible.get(transition(step));
  }

  private boolean inWindow(long nanos) {
    return nanos >= windowStart && nanos < windowEnd;
  }

  Result run(Duration warmUp, Duration window) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < referrers; i++) {
      threads.add(Thread.ofPlatform().name("referrer-" + i).start(this::refer));
    }
    for (int i = 0; i < users; i++) {
      String user = "bench.user" + i;
      threads.add(Thread.ofPlatform().name(user).start(() -> work(user)));
    }
    Thread.sleep(warmUp.toMillis());
    long completedBefore = system.journeysCompleted();
    long referredBefore = referred.get();
    Cpu.Reading cpuBefore = system.cpu();
    windowStart = System.nanoTime();
    windowEnd = windowStart + window.toNanos();
    Thread.sleep(window.toMillis());
    long completed = system.journeysCompleted() - completedBefore;
    long referredInWindow = referred.get() - referredBefore;
    Cpu.Reading cpu = system.cpu().minus(cpuBefore);
    double seconds = (System.nanoTime() - windowStart) / 1e9;
    running = false;
    for (Thread t : threads) {
      t.join(30_000);
    }
    return new Result(system.name(), referrers, users, seconds, referredInWindow, completed, cpu.total(), cpu.postgres(),
        intake, visible, system.openUserTasks(), refused.get(), firstRefusal.get(), lost.get());
  }

  private void refer() {
    while (running) {
      try {
        long sent = System.nanoTime();
        Referred referral = system.refer(PathwayZero.nhsNumber());
        long acknowledged = System.nanoTime();
        if (inWindow(sent)) {
          intake.add(acknowledged - sent);
        }
        referred.incrementAndGet();
        // the referrer looks for the triage task at once, then as often as it can
        Work triage = new Work(referral, 0, acknowledged, seq.incrementAndGet());
        while (running && !look(triage)) {
          if (System.nanoTime() - acknowledged > GIVE_UP_NANOS) {
            lost.incrementAndGet();
            break;
          }
          Thread.sleep(1);
        }
      } catch (Exception e) {
        refusal(e);
      }
    }
  }

  /** Looks for the work's task once; when found, records how long it took to become visible and queues it. */
  private boolean look(Work work) {
    String task = system.openTask(work.referral, PathwayZero.STEPS.get(work.step).elementId());
    if (task == null) {
      return false;
    }
    long seen = System.nanoTime();
    if (inWindow(work.causeNanos)) {
      visibleAt(work.step).add(seen - work.causeNanos);
    }
    work.taskId = task;
    ready.add(work);
    return true;
  }

  private void work(String user) {
    while (running) {
      try {
        for (Work w = waiting.poll(); w != null && running; w = waiting.poll()) {
          recheck(w);
        }
        Work work = ready.poll(5, TimeUnit.MILLISECONDS);
        if (work == null) {
          continue;
        }
        PathwayZero.Step step = PathwayZero.STEPS.get(work.step);
        system.claimAndComplete(user, work.taskId, step.values().get());
        long completed = System.nanoTime();
        if (work.step + 1 < PathwayZero.STEPS.size()) {
          Work next = new Work(work.referral, work.step + 1, completed, seq.incrementAndGet());
          if (!look(next)) {
            next.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
            waiting.add(next);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        refusal(e);
      }
    }
  }

  private void recheck(Work w) {
    if (look(w)) {
      return;
    }
    if (System.nanoTime() - w.causeNanos > GIVE_UP_NANOS) {
      lost.incrementAndGet();
      return;
    }
    w.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
    waiting.add(w);
  }

  private void refusal(Exception e) {
    if (running) {
      refused.incrementAndGet();
      firstRefusal.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
