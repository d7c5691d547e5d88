package org.homefirst.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.base.Formats;
import org.homefirst.inbox.Teams;
import org.operaton.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether the workflow engine and the partners' systems answer, in words for the inbox's banner,
 * so staff learn that work waits on a system, not from an exception. The engine answers if a
 * trivial query through it does; a partner is down when its latest calls in the last
 * {@value #WINDOW_MINUTES} minutes, since it last answered, failed to reach it (two at least:
 * unreachable, timeout, a server error; or one refused by its open circuit breaker), as the
 * workers record every call in
 * {@code partner_exchange}. Worked out at most every {@value #FRESH_SECONDS} seconds: every open
 * inbox asks.
 */
@Service
public class ServiceHealth {

  static final int WINDOW_MINUTES = 15;
  static final int FRESH_SECONDS = 15;
  /**
   * How many of the newest calls are read (by their id, the table's primary key: the table has no
   * index by time, and a busy day holds far more calls than a health check needs).
   */
  static final int RECENT_CALLS = 5000;
  private static final Logger log = LoggerFactory.getLogger(ServiceHealth.class);
  private static final Set<String> UNREACHED = Set.of("unreachable", "timeout", "circuit-open");

  private final JdbcClient db;
  private final RepositoryService repository;
  private final Clock clock;
  private volatile Checked last;

  private record Checked(Instant at, List<String> problems) {}

  ServiceHealth(JdbcClient db, RepositoryService repository, Clock clock) {
    this.db = db;
    this.repository = repository;
    this.clock = clock;
  }

  /** What does not answer now, one sentence each (empty: all is well). */
  public List<String> problems() {
    Checked seen = last;
    Instant now = clock.instant();
    if (seen != null && seen.at().isAfter(now.minusSeconds(FRESH_SECONDS))) {
      return seen.problems();
    }
    List<String> problems = new ArrayList<>();
    try {
      repository.createProcessDefinitionQuery().processDefinitionKey("homefirst-discharge-journey").count();
    } catch (RuntimeException e) {
      log.warn("The workflow engine does not answer: {}", e.toString());
      problems.add("The workflow engine is not answering: tasks may not appear, and what you complete may be"
          + " refused. Nothing already saved is lost; try again in a few minutes.");
    }
    try {
      partnersDown(now).forEach((system, since) -> problems.add(partnerName(system) + "'s system has not answered"
          + " since " + Formats.dateTime(since).substring(11) + ": requests to it wait and are sent again"
          + " automatically; nothing is lost."));
    } catch (RuntimeException e) {
      log.warn("Could not read the partners' recent calls: {}", e.toString());
    }
    List<String> result = List.copyOf(problems);
    last = new Checked(now, result);
    return result;
  }

  /** Forgets the last check (a test, or after a fix, to see the state at once). */
  public void recheck() {
    last = null;
  }

  /**
   * Each partner whose latest calls (two at least, or one its circuit breaker refused) failed to
   * reach it, with the first of those failures.
   */
  Map<String, Instant> partnersDown(Instant now) {
    Map<String, Instant> since = new LinkedHashMap<>();
    Map<String, Integer> failures = new HashMap<>();
    Set<String> decided = new HashSet<>();
    db.sql("""
            select system, outcome, response_status, at from partner_exchange
            where id > (select coalesce(max(id), 0) from partner_exchange) - ? and at > ?
            order by at desc, id desc""")
        .param(RECENT_CALLS)
        .param(Timestamp.from(now.minus(Duration.ofMinutes(WINDOW_MINUTES))))
        .query((rs, n) -> {
          String system = rs.getString(1);
          String outcome = rs.getString(2);
          int status = rs.getInt(3);
          if (decided.contains(system)) {
            return null;
          }
          if (UNREACHED.contains(outcome) || ("http-error".equals(outcome) && (status == 0 || status >= 500))) {
            since.put(system, rs.getTimestamp(4).toInstant());
            failures.merge(system, "circuit-open".equals(outcome) ? 2 : 1, Integer::sum);
          } else {
            decided.add(system); // it answered after this
          }
          return null;
        })
        .list();
    since.keySet().removeIf(system -> failures.get(system) < 2);
    return since;
  }

  private static String partnerName(String system) {
    return switch (system) {
      case "nelft" -> "NELFT";
      case "voluntary" -> "Voluntary services";
      case "notify" -> "GOV.UK Notify";
      default -> Teams.name(system.replaceFirst("^voluntary-", ""));
    };
  }
}
