package org.homefirst.designer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.homefirst.inbox.TeamMember;
import org.homefirst.processes.engine.ScratchEngines;
import org.operaton.bpm.engine.ParseException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.ResourceReport;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BusinessRuleTask;
import org.operaton.bpm.model.bpmn.instance.CallActivity;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Validates a draft the honest way: deploys it, with the models it calls (their latest deployed
 * versions), on a scratch engine and reports the engine's own messages. An XML-schema check would
 * pass models the engine refuses. The scratch engine is an Operaton engine configured like the
 * live one on a throwaway embedded PostgreSQL of its own, started at the first validation; the
 * live engine never sees a draft, and nothing deployed on the scratch engine runs (no job
 * executor) or stays (each deployment is removed after the check).
 */
@Service
class DraftValidation implements DisposableBean {

  /** One message about the draft; the element id is null when the engine names none. */
  record Message(String elementId, String text, int line) {}

  /**
   * The outcome: deployable or not, the engine's errors and warnings, and which called models were
   * deployed with the draft.
   */
  record Result(boolean deployable, List<Message> errors, List<Message> warnings, List<String> deployedWith) {}

  private final Function<String, Optional<ModelCatalog.Deployed>> deployed;
  private final DesignerAccess access;
  private EmbeddedPostgres database;
  private ProcessEngine engine;

  @Autowired
  DraftValidation(ModelCatalog catalog, DesignerAccess access) {
    this(catalog::latest, access);
  }

  DraftValidation(Function<String, Optional<ModelCatalog.Deployed>> deployed, DesignerAccess access) {
    this.deployed = deployed;
    this.access = access;
  }

  Result validate(TeamMember member, Drafts.Draft draft) {
    access.checkMayOpen(member, "validate a draft of " + draft.modelKey());
    return check(draft.resourceName(), draft.xml());
  }

  /** Deploys the model (file name, XML) and the models it calls on the scratch engine. */
  synchronized Result check(String resourceName, String xml) {
    List<Message> errors = new ArrayList<>();
    Map<String, ModelCatalog.Deployed> callees = Map.of();
    if (!resourceName.endsWith(".dmn")) {
      BpmnModelInstance draft = null;
      try {
        draft = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      } catch (RuntimeException unreadable) {
        // the engine's deployment below says what is wrong with it
      }
      if (draft != null) {
        callees = callees(draft, errors);
        errors.addAll(Timers.problems(draft));
      }
    }
    ProcessEngine scratch = engine();
    DeploymentBuilder deployment = scratch.getRepositoryService().createDeployment().name("draft-validation")
        .addString(resourceName, xml);
    for (ModelCatalog.Deployed callee : callees.values()) {
      if (!callee.resourceName().equals(resourceName)) {
        deployment.addString(callee.resourceName(), callee.xml());
      }
    }
    List<Message> warnings = new ArrayList<>();
    try {
      String id = deployment.deploy().getId();
      scratch.getRepositoryService().deleteDeployment(id, true);
    } catch (ParseException e) {
      for (ResourceReport report : e.getResourceReports()) {
        boolean ours = report.getResourceName() == null || report.getResourceName().equals(resourceName);
        String prefix = ours ? "" : "In " + report.getResourceName() + " (a called model): ";
        report.getErrors().forEach(p -> errors.add(new Message(ours ? p.getMainElementId() : null,
            prefix + p.getMessage(), ours ? p.getLine() : 0)));
        report.getWarnings().forEach(p -> warnings.add(new Message(ours ? p.getMainElementId() : null,
            prefix + p.getMessage(), ours ? p.getLine() : 0)));
      }
      if (errors.isEmpty()) {
        errors.add(new Message(null, e.getMessage(), 0));
      }
    } catch (ProcessEngineException e) {
      errors.add(new Message(null, withCause(e), 0));
    }
    return new Result(errors.isEmpty(), errors, warnings, List.copyOf(callees.keySet()));
  }

  /**
   * The models the draft calls, and the models those call, as deployed now; a call to a model
   * that is not deployed is an error (the engine would only find out when a journey gets there).
   */
  private Map<String, ModelCatalog.Deployed> callees(BpmnModelInstance draft, List<Message> errors) {
    Map<String, ModelCatalog.Deployed> found = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (Call call : calls(draft)) {
      if (deployed.apply(call.key()).isEmpty()) {
        errors.add(new Message(call.elementId(), "Calls " + call.key() + ", which is not deployed on the engine", 0));
      } else if (seen.add(call.key())) {
        todo.add(call.key());
      }
    }
    while (!todo.isEmpty()) {
      ModelCatalog.Deployed callee = deployed.apply(todo.poll()).orElseThrow();
      found.put(callee.key(), callee);
      if (callee.kind() == ModelCatalog.Kind.PROCESS) {
        BpmnModelInstance model = Bpmn.readModelFromStream(
            new ByteArrayInputStream(callee.xml().getBytes(StandardCharsets.UTF_8)));
        for (Call call : calls(model)) {
          if (deployed.apply(call.key()).isPresent() && seen.add(call.key())) {
            todo.add(call.key());
          }
        }
      }
    }
    return found;
  }

  /** The engine's message and, when it wraps one, the parser's (which says what and where). */
  private static String withCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e || root.getMessage() == null ? e.getMessage() : e.getMessage() + " " + root.getMessage();
  }

  private record Call(String elementId, String key) {}

  /** Calls by literal key: a key computed from an expression is only known when a journey runs. */
  private static List<Call> calls(BpmnModelInstance model) {
    List<Call> calls = new ArrayList<>();
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      if (literal(call.getCalledElement())) {
        calls.add(new Call(call.getId(), call.getCalledElement()));
      }
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      if (literal(task.getOperatonDecisionRef())) {
        calls.add(new Call(task.getId(), task.getOperatonDecisionRef()));
      }
    }
    return calls;
  }

  private static boolean literal(String key) {
    return key != null && !key.isBlank() && !key.contains("${") && !key.contains("#{");
  }

  private ProcessEngine engine() {
    if (engine == null) {
      try {
        database = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off").setRegisterShutdownHook(false).start();
      } catch (IOException e) {
        throw new IllegalStateException("The scratch database for validating drafts did not start", e);
      }
      engine = ScratchEngines.build("homefirst-draft-validation", database.getPostgresDatabase());
    }
    return engine;
  }

  @Override
  public synchronized void destroy() throws IOException {
    if (engine != null) {
      engine.close();
      database.close();
      engine = null;
    }
  }
}
