package org.homefirst.designer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.homefirst.inbox.TeamMember;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.repository.DecisionDefinition;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BusinessRuleTask;
import org.operaton.bpm.model.bpmn.instance.CallActivity;
import org.springframework.stereotype.Service;

/**
 * Every BPMN and DMN model deployed on the engine, as a designer browses them: deployed versions
 * with their tags and where each came from (the application's files or the workspace), journeys
 * running on each version, and which models call it (call activities, business rule tasks).
 */
@Service
class ModelCatalog {

  /** The deployment name of models deployed from the workspace (the files deploy under another). */
  static final String WORKSPACE_DEPLOYMENT = "homefirst-workspace";

  enum Kind {
    PROCESS("BPMN process"), DECISION("DMN decision");

    final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  record Model(String key, Kind kind, String name, int latestVersion, String latestTag, long running,
      List<Reference> calledFrom) {}

  record Version(String definitionId, int version, String tag, Instant deployedAt, String source, long running) {}

  /** An element of a model's latest version that calls (or evaluates) another model. */
  record Reference(String fromKey, String elementId, String elementName, String how) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final DesignerAccess access;

  ModelCatalog(RepositoryService repository, RuntimeService runtime, DesignerAccess access) {
    this.repository = repository;
    this.runtime = runtime;
    this.access = access;
  }

  List<Model> models(TeamMember member) {
    access.checkMayOpen(member, "list of models");
    Map<String, List<Reference>> callers = callers();
    List<Model> models = new ArrayList<>();
    for (ProcessDefinition p : repository.createProcessDefinitionQuery().latestVersion().list()) {
      long running = runtime.createProcessInstanceQuery().processDefinitionKey(p.getKey()).count();
      models.add(new Model(p.getKey(), Kind.PROCESS, p.getName() == null ? p.getKey() : p.getName(), p.getVersion(),
          p.getVersionTag(), running, callers.getOrDefault(p.getKey(), List.of())));
    }
    for (DecisionDefinition d : repository.createDecisionDefinitionQuery().latestVersion().list()) {
      models.add(new Model(d.getKey(), Kind.DECISION, d.getName() == null ? d.getKey() : d.getName(), d.getVersion(),
          d.getVersionTag(), 0, callers.getOrDefault(d.getKey(), List.of())));
    }
    models.sort(Comparator.comparing(Model::kind).thenComparing(Model::name));
    return models;
  }

  /** The deployed versions of a model, newest first. */
  List<Version> versions(TeamMember member, Model model) {
    access.checkMayOpen(member, "versions of " + model.key());
    List<Version> versions = new ArrayList<>();
    if (model.kind() == Kind.PROCESS) {
      for (ProcessDefinition p : repository.createProcessDefinitionQuery().processDefinitionKey(model.key())
          .orderByProcessDefinitionVersion().desc().list()) {
        Deployment d = deployment(p.getDeploymentId());
        versions.add(new Version(p.getId(), p.getVersion(), p.getVersionTag(), d.getDeploymentTime().toInstant(),
            source(d), runtime.createProcessInstanceQuery().processDefinitionId(p.getId()).count()));
      }
    } else {
      for (DecisionDefinition p : repository.createDecisionDefinitionQuery().decisionDefinitionKey(model.key())
          .orderByDecisionDefinitionVersion().desc().list()) {
        Deployment d = deployment(p.getDeploymentId());
        versions.add(new Version(p.getId(), p.getVersion(), p.getVersionTag(), d.getDeploymentTime().toInstant(),
            source(d), 0));
      }
    }
    return versions;
  }

  /** The XML of a model's latest version. */
  Optional<String> latestXml(TeamMember member, String key) {
    access.checkMayOpen(member, "model " + key);
    return latest(key).map(Deployed::xml);
  }

  /** A model's latest deployed version (callers check access). */
  record Deployed(String key, Kind kind, String definitionId, int version, String resourceName, String xml) {}

  Optional<Deployed> latest(String key) {
    ProcessDefinition p = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    if (p != null) {
      return Optional.of(new Deployed(key, Kind.PROCESS, p.getId(), p.getVersion(), p.getResourceName(),
          read(repository.getProcessModel(p.getId()), p.getId())));
    }
    DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
        .singleResult();
    return d == null ? Optional.empty() : Optional.of(new Deployed(key, Kind.DECISION, d.getId(), d.getVersion(),
        d.getResourceName(), read(repository.getDecisionModel(d.getId()), d.getId())));
  }

  private Deployment deployment(String id) {
    return repository.createDeploymentQuery().deploymentId(id).singleResult();
  }

  private static String source(Deployment d) {
    return WORKSPACE_DEPLOYMENT.equals(d.getName()) ? "designer workspace" : "application files";
  }

  /** Called model key to the elements of latest process versions calling it. */
  private Map<String, List<Reference>> callers() {
    Map<String, List<Reference>> callers = new HashMap<>();
    for (ProcessDefinition p : repository.createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = repository.getBpmnModelInstance(p.getId());
      for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
        if (call.getCalledElement() != null) {
          callers.computeIfAbsent(call.getCalledElement(), k -> new ArrayList<>())
              .add(new Reference(p.getKey(), call.getId(), call.getName(), "call activity"));
        }
      }
      for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
        if (task.getOperatonDecisionRef() != null) {
          callers.computeIfAbsent(task.getOperatonDecisionRef(), k -> new ArrayList<>())
              .add(new Reference(p.getKey(), task.getId(), task.getName(), "business rule task"));
        }
      }
    }
    callers.values().forEach(list -> list.sort(Comparator.comparing(Reference::fromKey)
        .thenComparing(Reference::elementId)));
    return callers;
  }

  private static String read(InputStream stream, String id) {
    try (InputStream in = stream) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the deployed model " + id, e);
    }
  }
}
