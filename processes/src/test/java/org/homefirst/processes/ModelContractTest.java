package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.ModelXml.BPMN;
import static org.homefirst.processes.ModelXml.CAMUNDA;
import static org.homefirst.processes.ModelXml.ZEEBE;
import static org.homefirst.processes.ModelXml.all;
import static org.homefirst.processes.ModelXml.byId;
import static org.homefirst.processes.ModelXml.first;
import static org.homefirst.processes.ModelXml.models;
import static org.homefirst.processes.ModelXml.outgoing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Keeps the models honest to the conventions the application relies on: readable ids, user tasks
 * with a team and a form, clocks from variables, Operaton extensions only, and the public contract
 * (process ids, topics, messages, errors, forms) the same in the models, the constants and the README.
 */
class ModelContractTest {

  private final String readme = ModelXml.readme();

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
  void userTasksHaveATeamAndADocumentedHomeFirstForm() {
    Set<String> used = new TreeSet<>();
    for (Document model : models()) {
      for (Element task : all(model, BPMN, "userTask")) {
        String id = task.getAttribute("id");
        assertThat(task.getAttributeNS(CAMUNDA, "candidateGroups")).as("%s has candidate groups", id).isNotBlank();
        String formKey = task.getAttributeNS(CAMUNDA, "formKey");
        assertThat(formKey).as(id).matches("homefirst:[a-z0-9-]+").isIn(Forms.ALL);
        assertThat(readme).as("README lists form %s", formKey).contains("`" + formKey + "`");
        assertThat(readme).as("README lists user task %s", id).contains("`" + id + "`");
        used.add(formKey);
      }
    }
    assertThat(used).as("every form constant is used").containsExactlyInAnyOrderElementsOf(Forms.ALL);
  }

  @Test
  void modelsUseOperatonExtensionsOnly() {
    for (Document model : models()) {
      assertThat(all(model, ZEEBE, "*")).as("no zeebe: extension in %s", model.getDocumentURI()).isEmpty();
      for (Element process : all(model, BPMN, "process")) {
        assertThat(process.getAttribute("isExecutable")).isEqualTo("true");
        assertThat(process.getAttributeNS(CAMUNDA, "historyTimeToLive")).as("history TTL").isEqualTo("P180D");
      }
    }
  }

  @Test
  void processIdsAreConstantsAndDocumented() {
    Set<String> ids = new TreeSet<>();
    for (Document model : models()) {
      for (Element process : all(model, BPMN, "process")) ids.add(process.getAttribute("id"));
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(Processes.ALL);
    Processes.ALL.forEach(id -> assertThat(readme).as("README lists %s", id).contains("`" + id + "`"));
  }

  /** Topics of the README's topic table (first column). */
  private Set<String> documentedTopics() {
    String section = readme.substring(readme.indexOf("\n## Topics"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Set<String> topics = new TreeSet<>();
    for (String row : section.lines().filter(l -> l.startsWith("| `homefirst.")).toList()) {
      topics.add(row.split("\\|")[1].trim().replace("`", ""));
    }
    return topics;
  }

  /** Every external task's topic, keyed by the element that declares it. */
  private static Map<Element, String> topics(Document model) {
    Map<Element, String> topics = new java.util.LinkedHashMap<>();
    for (Element e : all(model, BPMN, "*")) {
      if (e.hasAttributeNS(CAMUNDA, "topic")) {
        assertThat(e.getAttributeNS(CAMUNDA, "type")).as(e.getAttribute("id")).isEqualTo("external");
        topics.put(e, e.getAttributeNS(CAMUNDA, "topic"));
      }
    }
    return topics;
  }

  @Test
  void topicsMessagesAndErrorsAreConstantsAndDocumentedBothWays() {
    Set<String> topics = new TreeSet<>();
    Set<String> messages = new TreeSet<>();
    Set<String> errors = new TreeSet<>();
    for (Document model : models()) {
      for (String topic : topics(model).values()) {
        assertThat(topic).matches("homefirst\\.[a-z0-9-]+\\.[a-z0-9-]+");
        topics.add(topic);
      }
      for (Element task : all(model, BPMN, "serviceTask")) {
        assertThat(task.getAttributeNS(CAMUNDA, "topic")).as("%s is an external task", task.getAttribute("id")).isNotEmpty();
      }
      for (Element message : all(model, BPMN, "message")) {
        messages.add(message.getAttribute("name"));
      }
      for (Element error : all(model, BPMN, "error")) {
        errors.add(error.getAttribute("errorCode"));
      }
      for (Element task : all(model, BPMN, "businessRuleTask")) {
        assertThat(readme).contains("`" + task.getAttributeNS(CAMUNDA, "decisionRef") + "`");
        // every table has hit policy FIRST and one output: its single value is the result
        assertThat(task.getAttributeNS(CAMUNDA, "mapDecisionResult")).isEqualTo("singleEntry");
        assertThat(task.getAttributeNS(CAMUNDA, "resultVariable")).isNotEmpty();
      }
      for (Element call : all(model, BPMN, "callActivity")) {
        String id = call.getAttribute("id");
        assertThat(call.getAttribute("calledElement")).isIn(Processes.ALL);
        List<Element> in = all(call, CAMUNDA, "in");
        assertThat(in).as("%s passes the business key", id)
            .anySatisfy(e -> assertThat(e.getAttribute("businessKey")).isEqualTo("#{execution.processBusinessKey}"));
        assertThat(in).as("%s passes all variables, as Zeebe did", id)
            .anySatisfy(e -> assertThat(e.getAttribute("variables")).isEqualTo("all"));
        // only the listed outputs come back (Zeebe's propagateAllChildVariables=false): child variables are
        // local to the call activity and mapped by its output parameters
        assertThat(all(call, CAMUNDA, "out")).as("%s returns its outputs only", id)
            .allSatisfy(e -> assertThat(e.getAttribute("local")).isEqualTo("true"));
      }
    }
    assertThat(topics).as("topics in the models are the constants").containsExactlyInAnyOrderElementsOf(Topics.ALL);
    assertThat(documentedTopics()).as("topics in the README are the constants").containsExactlyInAnyOrderElementsOf(Topics.ALL);
    assertThat(messages).containsExactlyInAnyOrderElementsOf(Messages.ALL);
    Messages.ALL.forEach(name -> assertThat(readme).as("README lists message %s", name).contains("| `" + name + "` |"));
    assertThat(errors).containsExactlyInAnyOrderElementsOf(Errors.ALL);
    Errors.ALL.forEach(code -> assertThat(readme).as("README lists error %s", code).contains("| `" + code + "` |"));
  }

  /**
   * The job types whose workers may throw {@code homefirst.rejected} for a partner's business
   * rejection (workers/README.md). Each must be caught by an error boundary on its task or an
   * enclosing sub-process, or a rejection becomes an incident.
   */
  static final Set<String> REJECTING_JOB_TYPES = Topics.MAY_BE_REJECTED;

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
      for (var entry : topics(model).entrySet()) {
        String type = entry.getValue();
        if (!REJECTING_JOB_TYPES.contains(type)) continue;
        Element task = entry.getKey();
        boolean isCaught = false;
        for (var node = (org.w3c.dom.Node) task; node instanceof Element scope; node = node.getParentNode()) {
          isCaught |= catchingScopes.contains(scope.getAttribute("id"));
        }
        assertThat(isCaught).as("%s (%s) has a homefirst.rejected error boundary", task.getAttribute("id"), type).isTrue();
        caught.add(type);
      }
    }
    assertThat(caught).as("every rejecting job type is used by a model").containsExactlyInAnyOrderElementsOf(REJECTING_JOB_TYPES);
  }

  static final String PARTNER_DECIDED = Messages.PARTNER_DECIDED;

  /**
   * The partner requests whose decision comes later (workers/README.md): the job completes once
   * the partner holds the request, returning the request's key in this variable, and the decision
   * arrives as message {@code homefirst.partner-decided}, correlated by the wait's local
   * {@code partnerRequestKey}, copied from that variable.
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
      for (var entry : topics(model).entrySet()) {
        String type = entry.getValue();
        if (!DECIDED_BY_MESSAGE.containsKey(type)) continue;
        Element task = entry.getKey();
        String id = task.getAttribute("id");

        Element wait = next(model, task);
        assertThat(wait.getLocalName()).as("%s is followed by a receive task", id).isEqualTo("receiveTask");
        Element message = byId(model, wait.getAttribute("messageRef"));
        assertThat(message.getAttribute("name")).as("%s waits for %s", id, PARTNER_DECIDED).isEqualTo(PARTNER_DECIDED);
        List<Element> inputs = all(wait, CAMUNDA, "inputParameter");
        assertThat(inputs).as("%s waits for the decision on its own request", id).singleElement().satisfies(input -> {
          assertThat(input.getAttribute("name")).isEqualTo(ProcessVariables.PARTNER_REQUEST_KEY);
          assertThat(input.getTextContent().trim()).isEqualTo("${" + DECIDED_BY_MESSAGE.get(type) + "}");
        });

        Element gateway = next(model, wait);
        assertThat(gateway.getLocalName()).as("the decision after %s is a gateway", id).isEqualTo("exclusiveGateway");
        List<Element> out = outgoing(model, gateway);
        assertThat(out).as("accepted and rejected after %s", id).hasSize(2);
        assertThat(out).as("accepted goes on").anySatisfy(flow -> {
          assertThat(flow.getTextContent().trim()).isEqualTo("partnerDecision = \"accepted\"");
          assertThat(first(flow, BPMN, "conditionExpression").getAttribute("language")).isEqualTo("feel");
        });
        assertThat(gateway.getAttribute("default")).as("anything but accepted goes to the rejection").isNotEmpty();
        waiting.add(type);
      }
    }
    assertThat(waiting).containsExactlyInAnyOrderElementsOf(DECIDED_BY_MESSAGE.keySet());
    assertThat(readme).contains("`" + PARTNER_DECIDED + "`").contains("`" + ProcessVariables.PARTNER_REQUEST_KEY + "`");
    DECIDED_BY_MESSAGE.values().forEach(key -> assertThat(readme).as("README lists %s", key).contains("`" + key + "`"));
  }

  private static Element next(Document model, Element node) {
    List<Element> out = outgoing(model, node);
    assertThat(out).as("one way out of %s", node.getAttribute("id")).hasSize(1);
    return byId(model, out.get(0).getAttribute("targetRef"));
  }

  @Test
  void everyClockComesFromADocumentedVariable() {
    Pattern literalDuration = Pattern.compile("\"?P(T?\\d)");
    List<String> expressions = new ArrayList<>();
    for (Document model : models()) {
      for (String tag : List.of("timeDuration", "timeDate", "timeCycle")) {
        for (Element timer : all(model, BPMN, tag)) expressions.add(timer.getTextContent());
      }
      for (Element task : all(model, BPMN, "userTask")) {
        if (task.hasAttributeNS(CAMUNDA, "dueDate")) expressions.add(task.getAttributeNS(CAMUNDA, "dueDate"));
      }
      // a date a timer waits for is computed before, into a variable named ...DueAt (from a
      // recorded time such as dischargedAt, or from now() when a sub-process starts)
      List<Element> mappings = new ArrayList<>(all(model, CAMUNDA, "outputParameter"));
      mappings.addAll(all(model, CAMUNDA, "inputParameter"));
      for (Element mapping : mappings) {
        if (mapping.getAttribute("name").endsWith("DueAt")) expressions.add(mapping.getTextContent().trim());
      }
    }
    assertThat(expressions).isNotEmpty().allSatisfy(expression -> {
      // a due date passed into a shared model (discharge) that not every caller gives
      assertThat(expression).matches("(R/)?\\$\\{\\w+}|.*duration\\(\\w+\\).*|\\$\\{execution.getVariable\\('\\w+DueAt'\\)}");
      assertThat(literalDuration.matcher(expression).find()).as("no literal duration in %s", expression).isFalse();
    });
    for (String clock : Journey.clockDefaults().keySet()) {
      assertThat(readme).as("README lists clock %s", clock)
          .contains("| `" + clock + "` | `" + Journey.clockDefaults().get(clock) + "` |");
      assertThat(expressions.stream().anyMatch(e -> e.contains(clock)) || clock.startsWith("dischargeHours"))
          .as("clock %s is used by a timer or due date", clock).isTrue();
    }
  }
}
