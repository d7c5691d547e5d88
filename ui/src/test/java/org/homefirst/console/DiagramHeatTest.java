package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The heatmap's figures per step against a model of this test's own (so other tests' journeys do
 * not count): journeys waiting now, the average time of steps finished in the last 90 days, and
 * breaches in the last 90 days; the same figures as the SLA page's step heat.
 */
class DiagramHeatTest extends StackTest {

  static final TeamMember MANAGER = new TeamMember("manager", java.util.Set.of("managers"));

  @Autowired DiagramHeat heat;

  @Test
  void eachStepShowsWhoWaitsTheAverageTimeAndTheBreachesOfTheLastNinetyDays() {
    String process = "homefirst-test-heat-" + UUID.randomUUID().toString().substring(0, 8);
    long definition = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    db.sql("insert into process_definition (definition_key, bpmn_process_id, version, bpmn_xml, deployed_at)"
        + " values (?, ?, 1, '<definitions/>', now())").params(definition, process).update();
    for (String[] e : new String[][] {{"Task_HeatA", "Assess"}, {"Task_HeatB", "Decide"}, {"Task_HeatC", "Quiet"},
        {"Timer_HeatSla", "Late"}}) {
      db.sql("insert into process_element (definition_key, element_id, name, element_type) values (?, ?, ?, 'userTask')")
          .params(definition, e[0], e[1]).update();
    }
    instance = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    db.sql("insert into process_instance (instance_key, root_instance_key, bpmn_process_id, definition_key, state,"
        + " started_at) values (?, ?, ?, ?, 'ACTIVE', now())").params(instance, instance, process, definition).update();
    Instant now = Instant.now();
    step(process, definition, "Task_HeatA", now.minus(Duration.ofHours(30)), null);
    step(process, definition, "Task_HeatA", now.minus(Duration.ofDays(95)), null);
    step(process, definition, "Task_HeatA", now.minus(Duration.ofDays(3)), Duration.ofHours(2));
    step(process, definition, "Task_HeatA", now.minus(Duration.ofDays(2)), Duration.ofHours(4));
    // ended 100 days ago: outside the window, its 50 hours do not count
    step(process, definition, "Task_HeatA", now.minus(Duration.ofDays(103)), Duration.ofHours(50));
    step(process, definition, "Task_HeatB", now.minus(Duration.ofDays(1)), Duration.ofMinutes(30));
    clock("Task_HeatA", now.minus(Duration.ofDays(10)), true);
    clock("Task_HeatA", now.minus(Duration.ofDays(100)), true);
    clock("Task_HeatB", now.minus(Duration.ofDays(5)), false);

    DiagramHeat.Model model = heat.model(MANAGER, process).orElseThrow();
    List<DiagramHeat.Step> steps = heat.steps(MANAGER, model);

    assertThat(steps).containsExactly(
        new DiagramHeat.Step("Task_HeatA", "Assess", 2, Duration.ofHours(3), 2, 1),
        new DiagramHeat.Step("Task_HeatB", "Decide", 0, Duration.ofMinutes(30), 1, 0));
    assertThat(DiagramHeat.level(steps.get(0), steps)).isEqualTo(4);
    assertThat(DiagramHeat.level(steps.get(1), steps)).isZero();
    assertThat(DiagramHeat.words(Duration.ofHours(3))).isEqualTo("3 h 0 m");
    assertThat(DiagramHeat.words(Duration.ofHours(50))).isEqualTo("2 d 2 h");
  }

  @Test
  void aModelIsNamedAsInItsDiagram() {
    String xml = "<bpmn:definitions><bpmn:process id=\"homefirst-pathway-1\" name=\"Pathway 1: home with support\" "
        + "isExecutable=\"true\"><bpmn:userTask id=\"Task_A\" name=\"Other\"/></bpmn:process></bpmn:definitions>";
    assertThat(DiagramHeat.processName(xml, "homefirst-pathway-1")).isEqualTo("Pathway 1: home with support");
    assertThat(DiagramHeat.processName("<definitions/>", "homefirst-x")).isEqualTo("homefirst-x");
  }

  @Test
  void someoneWhoIsNotALeadIsRefused() {
    assertThatThrownBy(() -> heat.models(JAD)).isInstanceOf(ConsoleRefused.class);
  }

  private long instance;

  private void step(String process, long definition, String element, Instant started, Duration took) {
    db.sql("""
            insert into step_duration (activity_instance_id, root_instance_key, instance_key, bpmn_process_id,
                                       definition_key, element_id, element_type, started_at, ended_at)
            values (?, ?, ?, ?, ?, ?, 'userTask', ?, ?)""")
        .params(UUID.randomUUID().toString(), -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), instance,
            process, definition, element, Timestamp.from(started),
            took == null ? null : Timestamp.from(started.plus(took)))
        .update();
  }

  private void clock(String attachedTo, Instant started, boolean breached) {
    Instant due = started.plus(Duration.ofHours(24));
    db.sql("""
            insert into sla_clock (timer_key, root_instance_key, instance_key, rule, timer_element_id,
                                   attached_element_id, started_at, due_at, breached_at, ended_at)
            values (?, ?, ?, 'triage', 'Timer_HeatSla', ?, ?, ?, ?, ?)""")
        .params(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), instance, instance, attachedTo,
            Timestamp.from(started), Timestamp.from(due), breached ? Timestamp.from(due) : null,
            Timestamp.from(due.plus(Duration.ofHours(breached ? 1 : -1))))
        .update();
  }
}
