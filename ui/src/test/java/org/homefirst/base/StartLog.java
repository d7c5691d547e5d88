package org.homefirst.base;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Keeps what each application started in the test JVM logged while starting, up to the line that
 * says where to open it: its warnings and errors, and that line ({@link QuietStartTest}).
 * Registered in {@code src/test/resources/META-INF/spring.factories}, so it listens from the very
 * start of every context, before any test runs; it attaches right after Spring Boot has set up
 * logging, which would otherwise drop it.
 */
public class StartLog implements GenericApplicationListener {

  static final String READY = "Home First is running at";
  private static final List<List<String>> STARTS = new CopyOnWriteArrayList<>();

  /** The captured starts, oldest first. */
  static List<List<String>> starts() {
    return List.copyOf(STARTS);
  }

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.getRawClass();
    return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
        || ApplicationFailedEvent.class.isAssignableFrom(type));
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (event instanceof ApplicationEnvironmentPreparedEvent) {
      Capture capture = new Capture(root);
      capture.setContext(context);
      capture.start();
      root.addAppender(capture);
      STARTS.add(capture.lines);
    } else {
      root.iteratorForAppenders().forEachRemaining(a -> {
        if (a instanceof Capture c) {
          c.done();
        }
      });
    }
  }

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }

  /** Warnings, errors and the ready line, until the ready line. */
  private static final class Capture extends AppenderBase<ILoggingEvent> {
    private final Logger root;
    final List<String> lines = new CopyOnWriteArrayList<>();

    Capture(Logger root) {
      this.root = root;
      setName("start-log-capture");
    }

    @Override
    protected void append(ILoggingEvent e) {
      String message = e.getFormattedMessage();
      boolean ready = message != null && message.contains(READY);
      if (e.getLevel().isGreaterOrEqual(Level.WARN) || ready) {
        lines.add(e.getLevel() + " " + e.getLoggerName() + " - " + (message == null ? "" : message.strip()));
      }
      if (ready) {
        done();
      }
    }

    void done() {
      root.detachAppender(this);
      stop();
    }
  }
}
