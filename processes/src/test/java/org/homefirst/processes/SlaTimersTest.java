package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.ModelXml.BPMN;
import static org.homefirst.processes.ModelXml.CAMUNDA;
import static org.homefirst.processes.ModelXml.all;
import static org.homefirst.processes.ModelXml.byId;
import static org.homefirst.processes.ModelXml.first;
import static org.homefirst.processes.ModelXml.models;
import static org.homefirst.processes.ModelXml.outgoing;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.processes.SlaTimers.SlaTimer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@link SlaTimers} is what the models say: every non-interrupting timer whose path starts an SLA
 * escalation is listed (and nothing else), with the {@code slaName} and {@code escalateTo} its
 * escalation is given and the clock its duration (or the due date it waits for) comes from; for a timer on a user task the team
 * it escalates to is the task's own team.
 */
class SlaTimersTest {

  @Test
  void everySlaTimerOfTheModelsIsListedWithItsNameClockAndTeam() {
    Map<String, SlaTimer> inModels = new TreeMap<>();
    Map<String, String> taskTeams = new TreeMap<>();
    List<String> everyTimer = new ArrayList<>();
    for (Document model : models()) {
      for (Element boundary : all(model, BPMN, "boundaryEvent")) {
        Element timer = first(boundary, BPMN, "timerEventDefinition");
        if (timer == null) {
          continue;
        }
        Element escalation = escalationAfter(model, boundary);
        if (escalation == null) {
          continue;
        }
        assertThat(boundary.getAttribute("cancelActivity")).as(boundary.getAttribute("id")).isEqualTo("false");
        String id = boundary.getAttribute("id");
        everyTimer.add(id);
        inModels.put(id, new SlaTimer(id, input(escalation, "slaName"), clockOf(model, timer),
            input(escalation, "escalateTo")));
        Element attached = byId(model, boundary.getAttribute("attachedToRef"));
        if (attached.getLocalName().equals("userTask")) {
          taskTeams.put(id, attached.getAttributeNS(CAMUNDA, "candidateGroups"));
        }
      }
    }
    assertThat(inModels).as("SLA timers in the models").hasSize(10);
    // The engine projection and the console's heatmap know a clock's model by its timer's id.
    assertThat(everyTimer).as("each SLA timer id is in one model only").doesNotHaveDuplicates();
    assertThat(SlaTimers.BY_TIMER).containsExactlyInAnyOrderEntriesOf(inModels);
    taskTeams.forEach((timer, groups) -> {
      String team = SlaTimers.BY_TIMER.get(timer).escalateTo();
      assertThat(groups.matches("\\$\\{\\w+}") ? groups.substring(2, groups.length() - 1) : "\"" + groups + "\"")
          .as("%s escalates to the team of its task", timer).isEqualTo(team);
    });
    String readme = ModelXml.readme();
    SlaTimers.ALL.forEach(t -> assertThat(readme).as("README names slaName %s", t.slaName())
        .contains("`" + t.slaName() + "`").contains("`" + t.timerId() + "`"));
  }

  /**
   * The clock variable a timer runs on: its duration ({@code ${triageWithin}}), or the due date it
   * waits for ({@code ${reablementStartDueAt}}), computed by a mapping of the model from a clock
   * ({@code date and time(dischargedAt) + duration(reablementStartWithin)}).
   */
  private static String clockOf(Document model, Element timer) {
    Element duration = first(timer, BPMN, "timeDuration");
    Element date = first(timer, BPMN, "timeDate");
    String expression = (duration != null ? duration : date).getTextContent().trim();
    assertThat(expression).matches("\\$\\{\\w+}");
    String variable = expression.substring(2, expression.length() - 1);
    if (duration != null) {
      return variable;
    }
    List<Element> mappings = new ArrayList<>(all(model, CAMUNDA, "outputParameter"));
    mappings.addAll(all(model, CAMUNDA, "inputParameter"));
    Matcher clock = Pattern.compile("duration\\((\\w+)\\)").matcher(mappings.stream()
        .filter(m -> m.getAttribute("name").equals(variable)).findFirst().orElseThrow().getTextContent());
    assertThat(clock.find()).as("%s is computed from a clock", variable).isTrue();
    return clock.group(1);
  }

  /** The escalation call activity a timer's outgoing flow goes to, if any. */
  private static Element escalationAfter(Document model, Element timer) {
    for (Element flow : outgoing(model, timer)) {
      Element target = byId(model, flow.getAttribute("targetRef"));
      if (target.getLocalName().equals("callActivity")
          && Processes.SLA_ESCALATION.equals(target.getAttribute("calledElement"))) {
        return target;
      }
    }
    return null;
  }

  /** An input parameter as FEEL: a script's text, or a plain value as a FEEL string. */
  private static String input(Element callActivity, String name) {
    for (Element parameter : all(callActivity, CAMUNDA, "inputParameter")) {
      if (parameter.getAttribute("name").equals(name)) {
        Element script = first(parameter, CAMUNDA, "script");
        return script != null ? script.getTextContent().trim()
            : name.equals("slaName") ? parameter.getTextContent().trim() : "\"" + parameter.getTextContent().trim() + "\"";
      }
    }
    throw new AssertionError(callActivity.getAttribute("id") + " has no input " + name);
  }
}
