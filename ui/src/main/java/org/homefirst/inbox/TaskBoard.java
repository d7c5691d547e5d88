package org.homefirst.inbox;

import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells open inboxes when tasks change, so a task created or completed by someone else appears
 * or disappears without a reload. The engine projection writes tasks to the database (on any node of a cluster), so we
 * watch the cheap signal every change leaves: the newest journey event.
 */
@Component
public class TaskBoard {

  private final JdbcClient db;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile long lastSeen = Long.MIN_VALUE;

  TaskBoard(JdbcClient db) {
    this.db = db;
  }

  public Registration onChange(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Scheduled(fixedDelayString = "${homefirst.inbox.refresh-interval:PT1S}")
  void poll() {
    if (listeners.isEmpty()) {
      return;
    }
    long current =
        db.sql("select coalesce(max(id), 0) from journey_event")
            .query(Long.class)
            .single();
    if (current != lastSeen) {
      boolean first = lastSeen == Long.MIN_VALUE;
      lastSeen = current;
      if (!first) {
        listeners.forEach(Runnable::run);
      }
    }
  }
}
