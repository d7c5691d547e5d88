package org.homefirst.base;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.operaton.bpm.engine.OptimisticLockingException;

/**
 * Runs a person's command on a journey that may be busy: when another step of the same journey (a
 * partner job, a timer, a message) commits at the same moment, the engine rolls the command back
 * whole (optimistic locking, or a foreign key of the engine's own tables whose row that step has
 * just removed, e.g. the execution of a sub-process a pathway change interrupts); it is then given
 * again, to the journey as it now stands, a few times before the person is told to try again.
 */
public final class WhileBusy {

  /** How often a command is given. */
  static final int ATTEMPTS = 5;

  private WhileBusy() {}

  /**
   * @param command the whole command, in its own transaction
   * @param gaveUp what to tell the person when the journey stayed busy
   */
  public static void run(Runnable command, Function<RuntimeException, RuntimeException> gaveUp) {
    for (int attempt = 1; ; attempt++) {
      try {
        command.run();
        return;
      } catch (RuntimeException busy) {
        if (!busy(busy)) {
          throw busy;
        }
        if (attempt == ATTEMPTS) {
          throw gaveUp.apply(busy);
        }
        try {
          // short, growing and jittered: the other step commits meanwhile
          Thread.sleep(ThreadLocalRandom.current().nextLong(50, 150) * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw gaveUp.apply(busy);
        }
      }
    }
  }

  /** Whether the command lost a race with another step of the journey (and so was rolled back whole). */
  static boolean busy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OptimisticLockingException) {
        return true;
      }
      if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())
          && String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("act_fk_")) {
        return true;
      }
    }
    return false;
  }

  private static final String FOREIGN_KEY_VIOLATION = "23503";
}
