package org.homefirst.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.homefirst.audit.AuditLog;
import org.homefirst.console.ConsoleAccess;
import org.homefirst.inbox.TeamMember;
import org.homefirst.processes.SlaTimers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA targets in force: the configured clocks ({@code homefirst.clocks.*}, {@link
 * JourneyClocks}) overlaid by the targets managers changed in the console ({@code sla_target}).
 * A journey takes the targets in force when it starts; a clock already running keeps its own, so
 * a change never moves a deadline someone is already working to. The inbox's wording of each rule
 * reads the same values.
 */
@Service
public class SlaTargets {

  /**
   * The clocks a manager may change: every SLA clock, and the escalation to MADE and the pathway 0
   * home check, which are local choices too. Not the daily delay prompt or discharge hours (no
   * service standard), nor the 91 days of the still-at-home measure, which is a national definition.
   */
  public static final List<String> EDITABLE = Stream.concat(SlaTimers.ALL.stream().map(SlaTimers.SlaTimer::clock),
      Stream.of("escalateToMadeAfter", "homeCheckAfter")).distinct().toList();

  /** Longer than any service standard the models run: a slip of the keyboard, not a target. */
  static final Duration LONGEST = Duration.ofDays(366);

  private final JourneyClocks configured;
  private final JdbcClient db;
  private final ConsoleAccess console;
  private final AuditLog audit;
  private final Clock clock;

  SlaTargets(JourneyClocks configured, JdbcClient db, ConsoleAccess console, AuditLog audit, Clock clock) {
    this.configured = configured;
    this.db = db;
    this.console = console;
    this.audit = audit;
    this.clock = clock;
  }

  /** One target as the console shows it. {@code changedBy} is null while the default is in force. */
  public record Target(String clock, String value, String defaultValue, String changedBy, Instant changedAt) {}

  /** Every clock a journey starts with (ISO 8601 durations by variable name), as in force now. */
  public Map<String, String> inForce() {
    Map<String, String> clocks = new TreeMap<>(configured.getClocks());
    changes().forEach((name, change) -> clocks.put(name, change.value()));
    return clocks;
  }

  /** The targets managers may change, in the order of the journey. */
  public List<Target> targets() {
    Map<String, Target> changed = changes();
    List<Target> targets = new ArrayList<>();
    for (String name : EDITABLE) {
      String fallback = configured.getClocks().get(name);
      Target change = changed.get(name);
      targets.add(change == null ? new Target(name, fallback, fallback, null, null)
          : new Target(name, change.value(), fallback, change.changedBy(), change.changedAt()));
    }
    return targets;
  }

  /**
   * Changes a target for journeys that start from now on; console users only, audited with the
   * old and the new value.
   *
   * @throws org.homefirst.console.ConsoleRefused for anyone else (audited)
   * @throws InvalidSlaTarget saying what to write instead
   */
  @Transactional
  public Target change(TeamMember member, String name, String value) {
    console.checkMayOpen(member, "change the SLA target " + name);
    if (!EDITABLE.contains(name)) {
      throw new InvalidSlaTarget("There is no SLA target called " + name);
    }
    String problem = problem(value);
    if (problem != null) {
      throw new InvalidSlaTarget(problem);
    }
    String normal = normal(Duration.parse(value.strip().toUpperCase(Locale.ROOT)));
    String old = inForce().get(name);
    Instant now = clock.instant();
    db.sql("""
            insert into sla_target (clock, duration, changed_by, changed_at) values (?, ?, ?, ?)
            on conflict (clock) do update set duration = excluded.duration, changed_by = excluded.changed_by,
              changed_at = excluded.changed_at""")
        .params(name, normal, member.username(), Timestamp.from(now)).update();
    audit.record(member.username(), AuditLog.Action.CHANGE_SLA_TARGET, null, null,
        name + ": " + old + " -> " + normal + " (new journeys)");
    return new Target(name, normal, configured.getClocks().get(name), member.username(), now);
  }

  /**
   * What is wrong with a target as entered, in words, or null: an ISO 8601 duration in days, hours,
   * minutes or seconds (months have no fixed length), longer than zero and at most a year.
   */
  public static String problem(String value) {
    if (value == null || value.isBlank()) {
      return "Enter the new target, e.g. PT24H for 24 hours or P2D for 2 days";
    }
    Duration d;
    try {
      d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return "\u201c" + value.strip() + "\u201d is not a duration: write PT24H for 24 hours, PT90M for 90 minutes,"
          + " P2D for 2 days (months and years as days, e.g. P28D)";
    }
    if (d.isNegative() || d.isZero()) {
      return "A target must be longer than zero";
    }
    if (d.compareTo(LONGEST) > 0) {
      return "A target of more than a year is not a service standard: at most P366D";
    }
    return null;
  }

  /** Whole days as days (P2D), anything else as hours, minutes and seconds (PT36H, PT90M). */
  static String normal(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
  }

  private Map<String, Target> changes() {
    Map<String, Target> changes = new LinkedHashMap<>();
    db.sql("select clock, duration, changed_by, changed_at from sla_target").query((rs, n) -> new Target(
            rs.getString("clock"), rs.getString("duration"), null, rs.getString("changed_by"),
            rs.getTimestamp("changed_at").toInstant()))
        .list().forEach(t -> changes.put(t.clock(), t));
    return changes;
  }
}
