package org.homefirst.designer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.Teams;
import org.homefirst.processes.Processes;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.operaton.bpm.model.bpmn.instance.CallActivity;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Home First's own rules for a BPMN model, the ones {@code ModelContractTest} holds the shipped
 * models to, checked on a draft as the designer works: readable ids, external tasks with topics
 * named homefirst.partner.action that a worker serves, user tasks with a team we know and a form
 * the inbox has, and every SLA timer with a rule the inbox and console word it by. Each problem
 * names its element so the editor can select it.
 */
@Service
class ModelLint {

  /** One problem: the rule broken, the element (null for the model as a whole), and what to do. */
  record Problem(String rule, String elementId, String message) {}

  private static final Pattern GENERATED =
      Pattern.compile("^(Activity|Gateway|Event|Flow|StartEvent|EndEvent)_[0-9a-z]{7}$");
  private static final Pattern READABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern TOPIC = Pattern.compile("homefirst\\.[a-z0-9-]+\\.[a-z0-9-]+");
  private static final List<String> EXTENSIONS = List.of("http://camunda.org/schema/1.0/bpmn",
      "http://operaton.org/schema/1.0/bpmn");

  private final Predicate<String> formExists;
  private final Predicate<String> teamExists;
  private final Predicate<String> timerHasRule;
  private final Set<String> servedTopics;

  @Autowired
  ModelLint(FormCatalog forms, SlaRules rules, List<JobTopics> workers) {
    this(key -> forms.of(key).isPresent(), Teams.ids()::contains, id -> rules.ofClock(id).isPresent(),
        topicsOf(workers));
  }

  ModelLint(Predicate<String> formExists, Predicate<String> teamExists, Predicate<String> timerHasRule,
      Set<String> servedTopics) {
    this.formExists = formExists;
    this.teamExists = teamExists;
    this.timerHasRule = timerHasRule;
    this.servedTopics = servedTopics;
  }

  private static Set<String> topicsOf(List<JobTopics> workers) {
    Set<String> topics = new TreeSet<>();
    workers.forEach(w -> w.jobWorkers().stream().map(JobWorker::topic).forEach(topics::add));
    return topics;
  }

  /** The problems of a BPMN draft, in document order; DMN has none of these rules. */
  List<Problem> check(String xml) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException unreadable) {
      return List.of(new Problem("readable-xml", null, "The model cannot be read as BPMN: " + unreadable.getMessage()));
    }
    List<Problem> problems = new ArrayList<>();
    for (BaseElement e : model.getModelElementsByType(BaseElement.class)) {
      readableId(e, problems);
      topic(e, problems);
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (!"external".equals(task.getOperatonType())) {
        problems.add(new Problem("external-task", task.getId(), "A service task is done by a worker: set its"
            + " implementation to External with a topic (homefirst.partner.action)."));
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      userTask(task, problems);
    }
    for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
      slaTimer(event, problems);
    }
    return problems;
  }

  private static void readableId(BaseElement e, List<Problem> problems) {
    String id = e.getId();
    if (id == null || id.isEmpty()) {
      return;
    }
    if (GENERATED.matcher(id).matches() || !READABLE.matcher(id).matches()) {
      problems.add(new Problem("readable-id", id, "Give " + id + " a readable id that says what it is, e.g."
          + " Task_BookTransport or Gateway_NeedsCare: ids are used by tests, SLA rules and reports."));
    }
  }

  private void topic(BaseElement e, List<Problem> problems) {
    String topic = null;
    for (String ns : EXTENSIONS) {
      String value = e.getAttributeValueNs(ns, "topic");
      if (value != null) {
        topic = value;
      }
    }
    if (topic == null) {
      return;
    }
    if (!TOPIC.matcher(topic).matches()) {
      problems.add(new Problem("topic-name", e.getId(), "Topic \"" + topic + "\" should read"
          + " homefirst.<partner>.<action>, in lower case with hyphens, e.g. homefirst.transport.book-transport."));
    } else if (!servedTopics.contains(topic)) {
      problems.add(new Problem("topic-worker", e.getId(), "No worker serves topic " + topic
          + ": a journey would wait here for ever. Use a topic a worker serves, or add the worker first."));
    }
  }

  private void userTask(UserTask task, List<Problem> problems) {
    String groups = task.getOperatonCandidateGroups();
    if (groups == null || groups.isBlank()) {
      problems.add(new Problem("candidate-team", task.getId(), "Say which team does this task (candidate"
          + " groups): without one it reaches nobody's work queue."));
    } else if (!groups.contains("${") && !groups.contains("#{")) {
      for (String team : groups.split(",")) {
        if (!teamExists.test(team.trim())) {
          problems.add(new Problem("candidate-team", task.getId(), "No team \"" + team.trim() + "\" is known:"
              + " the task would reach nobody's work queue."));
        }
      }
    }
    String formKey = task.getOperatonFormKey();
    if (formKey == null || formKey.isBlank()) {
      problems.add(new Problem("form", task.getId(), "Choose the form the inbox shows for this task (form key)."));
    } else if (!formExists.test(formKey)) {
      problems.add(new Problem("form", task.getId(), "The inbox has no form " + formKey
          + ": staff could not complete the task."));
    }
  }

  /** A non-interrupting timer leading straight to the SLA escalation is an SLA clock: it needs a rule. */
  private void slaTimer(BoundaryEvent event, List<Problem> problems) {
    if (event.cancelActivity() || event.getEventDefinitions().stream()
        .noneMatch(TimerEventDefinition.class::isInstance)) {
      return;
    }
    boolean escalates = event.getOutgoing().stream().map(SequenceFlow::getTarget)
        .anyMatch(t -> t instanceof CallActivity call && Processes.SLA_ESCALATION.equals(call.getCalledElement()));
    if (escalates && !timerHasRule.test(event.getId())) {
      problems.add(new Problem("sla-rule", event.getId(), "This SLA timer has no rule: the inbox and the manager"
          + " console could not say what it measures. Ask for its rule to be added (SlaRules, SlaTimers) first."));
    }
  }
}
