package org.homefirst.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts the application's job outcomes the engine did not take (the embedded job runner's warning
 * "The engine did not take the outcome"): such a task stays locked until its lock expires (5 min),
 * so its journey stalls for that long.
 */
final class DroppedOutcomes extends AppenderBase<ILoggingEvent> {

  private static final String RUNNER = "org.homefirst.workers.jobs.EmbeddedJobRunner";
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong optimisticLocking = new AtomicLong();

  static DroppedOutcomes attach() {
    DroppedOutcomes counter = new DroppedOutcomes();
    Logger logger = (Logger) LoggerFactory.getLogger(RUNNER);
    counter.setContext(logger.getLoggerContext());
    counter.start();
    logger.addAppender(counter);
    return counter;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getFormattedMessage().contains("did not take the outcome")) {
      count.incrementAndGet();
      if (event.getFormattedMessage().contains("updated by another transaction concurrently")) {
        optimisticLocking.incrementAndGet();
      }
    }
  }

  long count() {
    return count.get();
  }

  long optimisticLocking() {
    return optimisticLocking.get();
  }
}
