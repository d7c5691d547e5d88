package org.homefirst.workers.cluster;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scheduled poll on one node of the cluster at a time (several application nodes on one
 * PostgreSQL, ADR 0001 §8): each run takes a named lock in the {@code shedlock} table (ShedLock's
 * JDBC provider, the database's clock); a node that finds it taken skips its run. The lock is
 * held while the run lasts, at least {@code atLeast} (so a node whose schedule fires a moment
 * later does not poll again at once) and at most {@code atMost} (a node that died mid-run frees
 * it then).
 */
public class OncePerCluster {

  private static final Logger log = LoggerFactory.getLogger(OncePerCluster.class);

  /** Longer than any poll's run (a partner's attempts x timeout per batch); a dead node's lock frees then. */
  public static final Duration AT_MOST = Duration.ofMinutes(15);

  private final LockingTaskExecutor locks;

  public OncePerCluster(LockProvider provider) {
    this.locks = new DefaultLockingTaskExecutor(provider);
  }

  /**
   * Runs {@code task} if no other node runs the poll {@code name} now.
   *
   * @return true when it ran here
   */
  public boolean run(String name, Duration atMost, Duration atLeast, Runnable task) {
    try {
      boolean ran = locks.executeWithLock(() -> {
        task.run();
        return Boolean.TRUE;
      }, new LockConfiguration(Instant.now(), name, atMost, atLeast)).wasExecuted();
      if (!ran) {
        log.debug("{} runs on another node now: skipped here", name);
      }
      return ran;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
