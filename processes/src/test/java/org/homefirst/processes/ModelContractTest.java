package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the models honest to the conventions the application relies on: readable ids, job-based
 * user tasks with a team and a form, clocks from variables, and everything listed in the README.
 */
class ModelContractTest {

  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  private final String readme = read(Path.of("README.md"));

  @Test
  void elementIdsAreReadable() {
    Pattern generated = Pattern.compile("^(Activity|Gateway|Event|Flow|StartEvent|EndEvent)_[0-9a-z]{7}$");
    for (Document model : models()) {
      for (Element e : all(model, BPMN, "*")) {
        String id = e.getAttribute("id");
        if (!id.isEmpty()) {
          assertThat(id).as("id in %s", model.getDocumentURI()).doesNotMatch(generated).matches("[A-Za-z][A-Za-z0-9_-]*");
        }
      }
    }
  }

  @Test
  void userTasksAreJobBasedWithATeamAndAHomeFirstForm() {
    for (Document model : models()) {
      assertThat(all(model, ZEEBE, "userTask")).as("<zeebe:userTask/> is not used").isEmpty();
      for (Element task : all(model, BPMN, "userTask")) {
        String id = task.getAttribute("id");
        Element groups = first(task, ZEEBE, "assignmentDefinition");
        Element form = first(task, ZEEBE, "formDefinition");
        assertThat(groups).as("%s has candidate groups", id).isNotNull();
        assertThat(groups.getAttribute("candidateGroups")).as(id).startsWith("=[");
        assertThat(form).as("%s has a form", id).isNotNull();
        String formKey = form.getAttribute("formKey");
        assertThat(formKey).as(id).matches("homefirst:[a-z0-9-]+");
        assertThat(readme).as("README lists form %s", formKey).contains("`" + formKey + "`");
        assertThat(readme).as("README lists user task %s", id).contains("`" + id + "`");
      }
    }
  }

  @Test
  void jobTypesMessagesAndErrorsAreNamedAndDocumented() {
    for (Document model : models()) {
      for (Element job : all(model, ZEEBE, "taskDefinition")) {
        String type = job.getAttribute("type");
        assertThat(type).matches("homefirst\\.[a-z0-9-]+\\.[a-z0-9-]+");
        assertThat(readme).as("README lists job type %s", type).contains("`" + type + "`");
      }
      for (Element message : all(model, BPMN, "message")) {
        String name = message.getAttribute("name");
        assertThat(name).matches("homefirst\\.[a-z0-9-]+");
        String correlationKey = first(message, ZEEBE, "subscription").getAttribute("correlationKey");
        if (name.equals(PARTNER_DECIDED)) {
          // one journey can have several requests open: each waits for the decision on its own request
          assertThat(correlationKey).as("partner decisions are correlated by the request's key")
              .isIn(DECIDED_BY_MESSAGE.values().stream().map(v -> "=" + v).toList());
        } else {
          assertThat(correlationKey).isEqualTo("=referralId");
        }
        assertThat(readme).as("README lists message %s", name).contains("`" + name + "`");
      }
      for (Element error : all(model, BPMN, "error")) {
        assertThat(readme).as("README lists error code").contains("`" + error.getAttribute("errorCode") + "`");
      }
      for (Element decision : all(model, ZEEBE, "calledDecision")) {
        assertThat(readme).contains("`" + decision.getAttribute("decisionId") + "`");
      }
      for (Element called : all(model, ZEEBE, "calledElement")) {
        assertThat(readme).contains("`" + called.getAttribute("processId") + "`");
        assertThat(called.getAttribute("propagateAllChildVariables")).isEqualTo("false");
      }
    }
  }

  /**
   * The job types whose workers may throw {@code homefirst.rejected} for a partner's business
   * rejection (workers/README.md). Each must be caught by an error boundary on its task or an
   * enclosing sub-process, or a rejection becomes an incident.
   */
  static final Set<String> REJECTING_JOB_TYPES =
      Set.of(
          "homefirst.voluntary.request-support",
          "homefirst.reablement.request-service",
          "homefirst.nelft.request-rehab-bed",
          "homefirst.council.request-interim-bed",
          "homefirst.council.request-care-package",
          "homefirst.council.request-long-term-care",
          "homefirst.council.request-placement");

  @Test
  void everyJobTypeThatMayBeRejectedIsCaughtAndDocumented() {
    Set<String> documented = new TreeSet<>();
    for (String row : readme.lines().filter(l -> l.startsWith("| `homefirst.")).toList()) {
      String[] cells = row.split("\\|");
      if (cells.length > 4 && cells[4].contains("`homefirst.rejected`")) {
        documented.add(cells[1].trim().replace("`", ""));
      }
    }
    assertThat(documented).as("job types the README says may throw homefirst.rejected")
        .containsExactlyInAnyOrderElementsOf(REJECTING_JOB_TYPES);
    String errorCodes = readme.lines().filter(l -> l.startsWith("| `homefirst.rejected` |")).findFirst().orElseThrow();
    assertThat(REJECTING_JOB_TYPES).allSatisfy(type -> assertThat(errorCodes).contains("`" + type + "`"));

    Set<String> caught = new TreeSet<>();
    for (Document model : models()) {
      Set<String> rejectedErrorIds = new HashSet<>();
      for (Element error : all(model, BPMN, "error")) {
        if (error.getAttribute("errorCode").equals("homefirst.rejected")) rejectedErrorIds.add(error.getAttribute("id"));
      }
      Set<String> catchingScopes = new HashSet<>();
      for (Element boundary : all(model, BPMN, "boundaryEvent")) {
        Element definition = first(boundary, BPMN, "errorEventDefinition");
        if (definition != null && rejectedErrorIds.contains(definition.getAttribute("errorRef"))) {
          catchingScopes.add(boundary.getAttribute("attachedToRef"));
        }
      }
      for (Element job : all(model, ZEEBE, "taskDefinition")) {
        String type = job.getAttribute("type");
        if (!REJECTING_JOB_TYPES.contains(type)) continue;
        boolean isCaught = false;
        for (var node = job.getParentNode(); node instanceof Element scope; node = node.getParentNode()) {
          isCaught |= catchingScopes.contains(scope.getAttribute("id"));
        }
        Element task = (Element) job.getParentNode().getParentNode();
        assertThat(isCaught).as("%s (%s) has a homefirst.rejected error boundary", task.getAttribute("id"), type).isTrue();
        caught.add(type);
      }
    }
    assertThat(caught).as("every rejecting job type is used by a model").containsExactlyInAnyOrderElementsOf(REJECTING_JOB_TYPES);
  }

  static final String PARTNER_DECIDED = "homefirst.partner-decided";

  /**
   * The partner requests whose decision comes later (workers/README.md): the job completes once
   * the partner holds the request, returning the request's key in this variable, and the decision
   * arrives as message {@value #PARTNER_DECIDED} correlated by that key.
   */
  static final Map<String, String> DECIDED_BY_MESSAGE =
      Map.of(
          "homefirst.nelft.request-rehab-bed", "rehabBedRequestKey",
          "homefirst.reablement.request-service", "reablementRequestKey",
          "homefirst.council.request-care-package", "carePackageRequestKey",
          "homefirst.council.request-long-term-care", "longTermCareRequestKey",
          "homefirst.council.request-interim-bed", "interimBedRequestKey",
          "homefirst.council.request-placement", "placementRequestKey");

  @Test
  void everyPartnerRequestDecidedLaterWaitsForTheDecisionOnItsOwnRequest() {
    Set<String> waiting = new TreeSet<>();
    for (Document model : models()) {
      for (Element job : all(model, ZEEBE, "taskDefinition")) {
        String type = job.getAttribute("type");
        if (!DECIDED_BY_MESSAGE.containsKey(type)) continue;
        Element task = (Element) job.getParentNode().getParentNode();
        String id = task.getAttribute("id");

        Element wait = next(model, task);
        assertThat(wait.getLocalName()).as("%s is followed by a receive task", id).isEqualTo("receiveTask");
        Element message = byId(model, wait.getAttribute("messageRef"));
        assertThat(message.getAttribute("name")).as("%s waits for %s", id, PARTNER_DECIDED).isEqualTo(PARTNER_DECIDED);
        assertThat(first(message, ZEEBE, "subscription").getAttribute("correlationKey"))
            .as("%s waits for the decision on its own request", id).isEqualTo("=" + DECIDED_BY_MESSAGE.get(type));

        Element gateway = next(model, wait);
        assertThat(gateway.getLocalName()).as("the decision after %s is a gateway", id).isEqualTo("exclusiveGateway");
        List<Element> out = outgoing(model, gateway);
        assertThat(out).as("accepted and rejected after %s", id).hasSize(2);
        assertThat(out).as("accepted goes on").anySatisfy(flow -> assertThat(flow.getTextContent().trim())
            .isEqualTo("=partnerDecision = \"accepted\""));
        assertThat(gateway.getAttribute("default")).as("anything but accepted goes to the rejection").isNotEmpty();
        waiting.add(type);
      }
    }
    assertThat(waiting).containsExactlyInAnyOrderElementsOf(DECIDED_BY_MESSAGE.keySet());
    assertThat(readme).contains("`" + PARTNER_DECIDED + "`");
    DECIDED_BY_MESSAGE.values().forEach(key -> assertThat(readme).as("README lists %s", key).contains("`" + key + "`"));
  }

  private static Element next(Document model, Element node) {
    List<Element> out = outgoing(model, node);
    assertThat(out).as("one way out of %s", node.getAttribute("id")).hasSize(1);
    return byId(model, out.get(0).getAttribute("targetRef"));
  }

  private static List<Element> outgoing(Document model, Element node) {
    return all(model, BPMN, "sequenceFlow").stream()
        .filter(flow -> flow.getAttribute("sourceRef").equals(node.getAttribute("id"))).toList();
  }

  private static Element byId(Document model, String id) {
    return all(model, BPMN, "*").stream().filter(e -> e.getAttribute("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void everyClockComesFromADocumentedVariable() {
    Pattern literalDuration = Pattern.compile("\"?P(T?\\d)");
    List<String> expressions = new ArrayList<>();
    for (Document model : models()) {
      for (String tag : List.of("timeDuration", "timeDate", "timeCycle")) {
        for (Element timer : all(model, BPMN, tag)) expressions.add(timer.getTextContent());
      }
      for (Element schedule : all(model, ZEEBE, "taskSchedule")) expressions.add(schedule.getAttribute("dueDate"));
    }
    assertThat(expressions).isNotEmpty().allSatisfy(expression -> {
      assertThat(expression).startsWith("=");
      assertThat(literalDuration.matcher(expression).find()).as("no literal duration in %s", expression).isFalse();
    });
    for (String clock : Journey.clockDefaults().keySet()) {
      assertThat(readme).as("README lists clock %s", clock)
          .contains("| `" + clock + "` | `" + Journey.clockDefaults().get(clock) + "` |");
      assertThat(expressions.stream().anyMatch(e -> e.contains(clock)) || clock.startsWith("dischargeHours"))
          .as("clock %s is used by a timer or due date", clock).isTrue();
    }
  }

  private static List<Document> models() {
    List<Document> docs = new ArrayList<>();
    for (String model : Journey.MODELS) {
      if (!model.endsWith(".bpmn")) continue;
      try (InputStream in = ModelContractTest.class.getResourceAsStream("/homefirst/" + model)) {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(in, model);
        docs.add(doc);
      } catch (Exception e) {
        throw new IllegalStateException(model, e);
      }
    }
    return docs;
  }

  private static List<Element> all(Document doc, String ns, String tag) {
    NodeList nodes = doc.getElementsByTagNameNS(ns, tag);
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
