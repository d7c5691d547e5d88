package org.homefirst.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.inbox.TeamMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where journeys wait and where clocks breach, step by step on a model: for each element of the
 * model's latest version, the journeys waiting there now, the average time spent there (steps that
 * ended in the last 90 days) and the SLA breaches of clocks attached to it (clocks started in the
 * last 90 days). Figures are aggregates: no patient is named, so no visibility rule applies.
 */
@Service
class DiagramHeat {

  static final Duration WINDOW = Duration.ofDays(90);

  /** A journey model the console can draw. */
  record Model(String bpmnProcessId, String name, long definitionKey, String xml) {}

  /** One element's figures. */
  record Step(String elementId, String name, int waiting, Duration averageTime, int finished, int breaches) {}

  private final JdbcClient db;
  private final Clock clock;
  private final ConsoleAccess access;

  DiagramHeat(JdbcClient db, Clock clock, ConsoleAccess access) {
    this.db = db;
    this.clock = clock;
    this.access = access;
  }

  /** The latest version of each of our models (the journey first, then its pathways and parts). */
  List<Model> models(TeamMember member) {
    access.checkMayOpen(member, "diagram");
    return db.sql("""
            select distinct on (d.bpmn_process_id) d.bpmn_process_id, d.bpmn_process_id, d.definition_key, d.bpmn_xml
            from process_definition d
            where d.bpmn_process_id like 'homefirst-%'
            order by d.bpmn_process_id, d.version desc""")
        .query((rs, n) -> new Model(rs.getString(1), processName(rs.getString(4), rs.getString(1)),
            rs.getLong(3), rs.getString(4)))
        .list().stream()
        .sorted((a, b) -> a.bpmnProcessId().equals("homefirst-discharge-journey") ? -1
            : b.bpmnProcessId().equals("homefirst-discharge-journey") ? 1
            : a.bpmnProcessId().compareTo(b.bpmnProcessId()))
        .toList();
  }

  /** The process's name in its diagram ({@code <process id="..." name="...">}), else its id. */
  static String processName(String xml, String id) {
    Matcher process = Pattern.compile("<(?:\\w+:)?process\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
        .matcher(xml);
    if (process.find()) {
      Matcher name = Pattern.compile("\\bname=\"([^\"]*)\"").matcher(process.group());
      if (name.find() && !name.group(1).isBlank()) {
        return name.group(1);
      }
    }
    return id;
  }

  Optional<Model> model(TeamMember member, String bpmnProcessId) {
    return models(member).stream().filter(m -> m.bpmnProcessId().equals(bpmnProcessId)).findFirst();
  }

  /**
   * The figures of every element of the model that has any (any version counts: journeys that
   * started on an older version wait at the same step ids), in the model's element order.
   */
  List<Step> steps(TeamMember member, Model model) {
    access.checkMayOpen(member, "diagram of " + model.bpmnProcessId());
    Timestamp since = Timestamp.from(clock.instant().minus(WINDOW));
    Map<String, int[]> waiting = new HashMap<>();
    Map<String, double[]> durations = new HashMap<>();
    // Two queries, each on its own partial index (open steps; steps ended in the window).
    db.sql("select element_id, count(*) from step_duration where bpmn_process_id = ? and ended_at is null"
            + " group by element_id")
        .param(model.bpmnProcessId())
        .query(rs -> {
          waiting.computeIfAbsent(rs.getString(1), k -> new int[2])[0] = rs.getInt(2);
        });
    db.sql("""
            select element_id, count(*), avg(extract(epoch from ended_at - started_at))
            from step_duration
            where bpmn_process_id = ? and ended_at is not null and ended_at >= ?
            group by element_id""")
        .params(model.bpmnProcessId(), since)
        .query(rs -> {
          waiting.computeIfAbsent(rs.getString(1), k -> new int[2])[1] = rs.getInt(2);
          durations.put(rs.getString(1), new double[] {rs.getDouble(3)});
        });
    Map<String, Integer> breaches = new HashMap<>();
    db.sql("""
            select s.attached_element_id, count(*)
            from sla_clock s
            join process_element pe on pe.definition_key = ? and pe.element_id = s.attached_element_id
            where s.breached_at is not null and s.started_at >= ?
            group by s.attached_element_id""")
        .params(model.definitionKey(), since)
        .query(rs -> {
          breaches.put(rs.getString(1), rs.getInt(2));
        });
    List<Step> out = new ArrayList<>();
    db.sql("select element_id, coalesce(name, element_id) from process_element where definition_key = ?"
            + " order by element_id")
        .param(model.definitionKey())
        .query(rs -> {
          String id = rs.getString(1);
          int[] w = waiting.getOrDefault(id, new int[2]);
          double avg = durations.getOrDefault(id, new double[] {-1})[0];
          int b = breaches.getOrDefault(id, 0);
          if (w[0] > 0 || w[1] > 0 || b > 0) {
            out.add(new Step(id, rs.getString(2), w[0], avg < 0 ? null : Duration.ofSeconds(Math.round(avg)), w[1], b));
          }
        });
    return out;
  }

  /** 0 (nothing) to 4: the share of the busiest step's waiting journeys plus breaches. */
  static int level(Step step, List<Step> all) {
    int score = step.waiting() + step.breaches();
    int max = all.stream().mapToInt(s -> s.waiting() + s.breaches()).max().orElse(0);
    if (score == 0 || max == 0) {
      return 0;
    }
    return (int) Math.ceil(4.0 * score / max);
  }

  /** "3 d 4 h", "5 h 10 m", "12 m". */
  static String words(Duration d) {
    if (d == null) {
      return "–";
    }
    long days = d.toDays();
    if (days > 0) {
      return days + " d " + d.toHoursPart() + " h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " m";
    }
    return Math.max(d.toMinutes(), 0) + " m";
  }

  Instant now() {
    return clock.instant();
  }
}
