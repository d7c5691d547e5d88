package org.homefirst.workers.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.homefirst.workers.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one PostgreSQL (two lock providers over the {@code shedlock} table of
 * migration V116): while one runs a poll, the other's run of the same poll is skipped; a
 * different poll is not held up; once the first has finished, the poll runs again.
 */
class OncePerClusterTest {

  private final OncePerCluster nodeA = new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource()));
  private final OncePerCluster nodeB = new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource()));
  private final String poll = "nelft-decisions-" + UUID.randomUUID();

  @Test
  void aPollRunningOnOneNodeIsNotRunOnTheOtherAtTheSameTime() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> nodeA.run(poll, Duration.ofMinutes(5),
        Duration.ZERO, () -> {
          runs.incrementAndGet();
          running.countDown();
          await(finish);
        }));
    assertThat(running.await(30, TimeUnit.SECONDS)).as("node A started its run").isTrue();

    assertThat(nodeB.run(poll, Duration.ofMinutes(5), Duration.ZERO, runs::incrementAndGet))
        .as("node B skips the poll node A is running").isFalse();
    assertThat(nodeB.run("council-decisions-" + UUID.randomUUID(), Duration.ofMinutes(5), Duration.ZERO, () -> {}))
        .as("another poll is not held up").isTrue();

    finish.countDown();
    assertThat(onA.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(runs).as("only node A ran it").hasValue(1);
    assertThat(nodeB.run(poll, Duration.ofMinutes(5), Duration.ZERO, runs::incrementAndGet))
        .as("free again once node A finished").isTrue();
    assertThat(runs).hasValue(2);
  }

  @Test
  void aRunHoldsTheLockForAtLeastItsMinimumSoANodeFiringJustAfterDoesNotPollAgain() {
    assertThat(nodeA.run(poll, Duration.ofMinutes(5), Duration.ofMinutes(1), () -> {})).isTrue();

    assertThat(nodeB.run(poll, Duration.ofMinutes(5), Duration.ofMinutes(1), () -> {})).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
