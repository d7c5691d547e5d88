package org.homefirst.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.inbox.TeamMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where journeys wait and where clocks breach, step by step on a model: for each element of the
 * model's latest version, the journeys waiting there now, the average time spent there (steps that
 * ended in the last 90 days) and the SLA breaches of clocks attached to it (breached in the last 90
 * days). Figures are aggregates: no patient is named, so no visibility rule applies.
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
  private final SlaPerformance slas;

  DiagramHeat(JdbcClient db, Clock clock, ConsoleAccess access, SlaPerformance slas) {
    this.db = db;
    this.clock = clock;
    this.access = access;
    this.slas = slas;
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
   * The figures of every element of the model that has any (journeys that started on an older
   * version wait at the same step ids), in the model's element order: the SLA page's step heat for
   * the last {@link #WINDOW}, so the two never disagree.
   */
  List<Step> steps(TeamMember member, Model model) {
    access.checkMayOpen(member, "diagram of " + model.bpmnProcessId());
    return slas.stepHeat(model.bpmnProcessId(), SlaPerformance.Filter.lastDays(clock, (int) WINDOW.toDays()))
        .values().stream()
        .filter(h -> h.waitingNow() > 0 || h.ended() > 0 || h.breaches() > 0)
        .map(h -> new Step(h.elementId(), h.name(), h.waitingNow(),
            h.meanHours() == null ? null : Duration.ofSeconds(Math.round(h.meanHours() * 3600)), h.ended(),
            h.breaches()))
        .toList();
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
