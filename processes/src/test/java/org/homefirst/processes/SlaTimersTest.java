package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.homefirst.processes.SlaTimers.SlaTimer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link SlaTimers} is what the models say: every non-interrupting timer whose path starts an SLA
 * escalation is listed (and nothing else), with the {@code slaName} and {@code escalateTo} its
 * escalation is given and the clock its duration comes from; for a timer on a user task the team
 * it escalates to is the task's own team.
 */
class SlaTimersTest {

  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  @Test
  void everySlaTimerOfTheModelsIsListedWithItsNameClockAndTeam() {
    Map<String, SlaTimer> inModels = new TreeMap<>();
    Map<String, String> taskTeams = new TreeMap<>();
    for (Document model : models()) {
      for (Element boundary : all(model.getDocumentElement(), BPMN, "boundaryEvent")) {
        Element timer = first(boundary, BPMN, "timerEventDefinition");
        if (timer == null) {
          continue;
        }
        Element escalation = escalationAfter(model, boundary);
        if (escalation == null) {
          continue;
        }
        assertThat(boundary.getAttribute("cancelActivity")).as(boundary.getAttribute("id")).isEqualTo("false");
        String duration = first(timer, BPMN, "timeDuration").getTextContent().trim();
        assertThat(duration).matches("\\$\\{\\w+}");
        String id = boundary.getAttribute("id");
        inModels.put(id, new SlaTimer(id, input(escalation, "slaName"), duration.substring(2, duration.length() - 1),
            input(escalation, "escalateTo")));
        Element attached = byId(model, boundary.getAttribute("attachedToRef"));
        if (attached.getLocalName().equals("userTask")) {
          taskTeams.put(id, attached.getAttributeNS(CAMUNDA, "candidateGroups"));
        }
      }
    }
    assertThat(inModels).as("SLA timers in the models").hasSize(10);
    assertThat(SlaTimers.BY_TIMER).containsExactlyInAnyOrderEntriesOf(inModels);
    taskTeams.forEach((timer, groups) -> {
      String team = SlaTimers.BY_TIMER.get(timer).escalateTo();
      assertThat(groups.matches("\\$\\{\\w+}") ? groups.substring(2, groups.length() - 1) : "\"" + groups + "\"")
          .as("%s escalates to the team of its task", timer).isEqualTo(team);
    });
    String readme = read(Path.of("README.md"));
    SlaTimers.ALL.forEach(t -> assertThat(readme).as("README names slaName %s", t.slaName())
        .contains("`" + t.slaName() + "`").contains("`" + t.timerId() + "`"));
  }

  /** The escalation call activity a timer's outgoing flow goes to, if any. */
  private static Element escalationAfter(Document model, Element timer) {
    for (Element flow : all(model.getDocumentElement(), BPMN, "sequenceFlow")) {
      if (flow.getAttribute("sourceRef").equals(timer.getAttribute("id"))) {
        Element target = byId(model, flow.getAttribute("targetRef"));
        if (target.getLocalName().equals("callActivity")
            && Processes.SLA_ESCALATION.equals(target.getAttribute("calledElement"))) {
          return target;
        }
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

  private static List<Document> models() {
    List<Document> docs = new ArrayList<>();
    for (String model : Journey.MODELS) {
      if (!model.endsWith(".bpmn")) continue;
      try (InputStream in = SlaTimersTest.class.getResourceAsStream("/homefirst/" + model)) {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        docs.add(factory.newDocumentBuilder().parse(in, model));
      } catch (Exception e) {
        throw new IllegalStateException(model, e);
      }
    }
    return docs;
  }

  private static Element byId(Document model, String id) {
    return all(model.getDocumentElement(), BPMN, "*").stream().filter(e -> e.getAttribute("id").equals(id))
        .findFirst().orElseThrow();
  }

  private static List<Element> all(Element parent, String ns, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, tag);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) list.add((Element) nodes.item(i));
    return list;
  }

  private static Element first(Element parent, String ns, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, tag);
    return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
