package org.homefirst.designer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.TeamMember;
import org.homefirst.processes.Errors;
import org.homefirst.processes.Forms;
import org.homefirst.processes.Messages;
import org.homefirst.processes.ProcessVariables;
import org.homefirst.processes.Processes;
import org.homefirst.processes.SlaTimers;
import org.homefirst.processes.Topics;
import org.operaton.bpm.engine.RepositoryService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a reviewer needs before approving a draft: its changes against the deployed version it
 * started from ({@link ModelDiff}), whether the model was deployed again since, and, for each id
 * the draft removes or renames, who depends on it: journeys waiting there now (per version), SLA
 * rules, the process contract constants, the inbox form, and the code and process tests that
 * name it ({@value #REFERENCES}, kept up to date by {@code ReferencedIdsTest}).
 */
@Service
class ReviewChanges {

  /** The list of element ids named in code and process tests, id and where, one a line. */
  static final String REFERENCES = "designer/referenced-ids.tsv";

  /** The classes of the models' public contract, read for constants naming an id. */
  static final List<Class<?>> CONTRACT = List.of(Processes.class, Topics.class, Messages.class, Errors.class,
      SlaTimers.class, Forms.class, ProcessVariables.class);

  /** A removed or renamed id and what depends on it, in words (the first sentence names the id). */
  record Warning(String elementId, List<String> dependents, String sentence) {}

  /**
   * The review of a draft: the version it is compared with, a note when the model was deployed
   * again since (null otherwise), warnings first, then the changes, and the deployed XML (for
   * showing removed elements on its diagram).
   */
  record Review(int baseVersion, String deployedSince, List<Warning> warnings, List<ModelDiff.Change> changes,
      String baseXml) {}

  private final JdbcClient db;
  private final RepositoryService repository;
  private final ModelCatalog catalog;
  private final DesignerAccess access;
  private final SlaRules slaRules;
  private final Map<String, List<String>> references;

  ReviewChanges(JdbcClient db, RepositoryService repository, ModelCatalog catalog, DesignerAccess access,
      SlaRules slaRules) {
    this.db = db;
    this.repository = repository;
    this.catalog = catalog;
    this.access = access;
    this.slaRules = slaRules;
    this.references = references();
  }

  /** The review of a draft as it is saved. */
  Review of(TeamMember member, Drafts.Draft draft) {
    return of(member, draft, draft.xml());
  }

  /** The review of a draft with this XML (what the editor holds now, saved or not). */
  Review of(TeamMember member, Drafts.Draft draft, String xml) {
    access.checkMayOpen(member, "changes of a draft");
    String baseXml = baseXml(draft);
    List<ModelDiff.Change> changes = ModelDiff.between(baseXml, xml, draft.kind());
    List<Warning> warnings = new ArrayList<>();
    for (ModelDiff.Change change : changes) {
      if (change.kind() == ModelDiff.Kind.REMOVED || change.kind() == ModelDiff.Kind.RENAMED) {
        String id = change.kind() == ModelDiff.Kind.RENAMED ? change.previousId() : change.elementId();
        List<String> dependents = new ArrayList<>(dependents(draft, id, change.name(), baseXml, xml));
        if (id.equals(draft.modelKey())) {
          dependents.addAll(callers(member, id));
        }
        if (!dependents.isEmpty()) {
          String what = change.kind() == ModelDiff.Kind.RENAMED ? id + " is renamed to " + change.elementId()
              : id + " is removed";
          warnings.add(new Warning(id, dependents, what + ": " + String.join("; ", dependents) + "."));
        }
      }
    }
    return new Review(draft.baseVersion(), deployedSince(draft), warnings, changes, baseXml);
  }

  /** Who depends on an id the draft no longer has, each in words. */
  List<String> dependents(Drafts.Draft draft, String id, String name, String baseXml, String draftXml) {
    List<String> found = new ArrayList<>();
    if (draft.kind() == ModelCatalog.Kind.PROCESS) {
      waiting(draft.modelKey(), id).ifPresent(found::add);
      long open = db.sql("select count(*) from user_task where bpmn_process_id = ? and element_id = ?"
          + " and state = 'CREATED'").params(draft.modelKey(), id).query(Long.class).single();
      if (open > 0) {
        found.add(open + (open == 1 ? " task is" : " tasks are") + " open in the inbox for it");
      }
    }
    slaRules.withSource(id).ifPresent(rule -> found.add("SLA rule '" + rule + "' runs its due time"));
    slaRules.ofClock(id).ifPresent(rule -> found.add("SLA rule '" + rule + "' is its clock"));
    for (Class<?> type : CONTRACT) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          String value = constant(field);
          if (value != null && (value.equals(id) || value.equals(name))) {
            found.add("the process contract names it (" + type.getSimpleName() + "." + field.getName() + ")");
          }
        }
      }
    }
    SlaTimers.SlaTimer timer = SlaTimers.BY_TIMER.get(id);
    if (timer != null) {
      found.add("the process contract lists it as SLA timer '" + timer.slaName() + "' on clock " + timer.clock()
          + " (SlaTimers)");
    }
    formOf(baseXml, id).filter(form -> !draftXml.contains("\"" + form + "\""))
        .ifPresent(form -> found.add("its inbox form " + form + " is then used by no step of this model"));
    List<String> where = references.getOrDefault(id, List.of());
    List<String> tests = where.stream().filter(w -> w.startsWith("process test ")).map(w -> w.substring(13)).toList();
    List<String> code = where.stream().filter(w -> w.startsWith("code ")).map(w -> w.substring(5)).toList();
    if (!tests.isEmpty()) {
      found.add("process tests use it (" + String.join(", ", tests) + "): change them with the model");
    }
    if (!code.isEmpty()) {
      found.add("code names it (" + String.join(", ", code) + ")");
    }
    return found;
  }

  /** The models calling this one (call activities, business rule tasks), which name it by its id. */
  private List<String> callers(TeamMember member, String key) {
    return catalog.models(member).stream().filter(m -> m.key().equals(key)).flatMap(m -> m.calledFrom().stream())
        .map(r -> "it is called from " + r.fromKey() + " (" + r.how() + " " + r.elementId() + ")").toList();
  }

  /** "3 journeys wait there now (v2: 1, v3: 2)", from the live engine's executions, timers and subscriptions. */
  private Optional<String> waiting(String key, String id) {
    Map<Integer, Long> byVersion = new TreeMap<>();
    db.sql("""
            select d.version_, count(distinct w.proc_inst_id_)
            from (select e.proc_inst_id_, e.proc_def_id_ from act_ru_execution e where e.act_id_ = :id
                  union
                  select j.process_instance_id_, j.process_def_id_
                  from act_ru_job j join act_ru_jobdef jd on jd.id_ = j.job_def_id_ where jd.act_id_ = :id
                  union
                  select s.proc_inst_id_, x.proc_def_id_
                  from act_ru_event_subscr s join act_ru_execution x on x.id_ = s.execution_id_
                  where s.activity_id_ = :id) w
            join act_re_procdef d on d.id_ = w.proc_def_id_
            where d.key_ = :key
            group by d.version_""")
        .param("id", id).param("key", key)
        .query((rs, n) -> byVersion.put(rs.getInt(1), rs.getLong(2))).list();
    long total = byVersion.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return Optional.empty();
    }
    List<String> per = new ArrayList<>();
    byVersion.forEach((v, n) -> per.add("v" + v + ": " + n));
    return Optional.of(total + (total == 1 ? " journey waits" : " journeys wait") + " there now ("
        + String.join(", ", per) + ")");
  }

  /** The note when the model was deployed again since the draft's base (not by this draft). */
  private String deployedSince(Drafts.Draft draft) {
    ModelCatalog.Deployed latest = catalog.latest(draft.modelKey()).orElse(null);
    if (latest == null || latest.definitionId().equals(draft.baseDefinitionId())) {
      return null;
    }
    String own = db.sql("select deployed_definition_id from model_draft where id = ?").param(draft.id())
        .query(String.class).optional().orElse(null);
    if (latest.definitionId().equals(own)) {
      return null;
    }
    return draft.modelKey() + " was deployed as version " + latest.version() + " since this draft started from"
        + " version " + draft.baseVersion() + ": the changes below are against version " + draft.baseVersion()
        + ", and this draft does not have version " + latest.version() + "'s changes.";
  }

  private String baseXml(Drafts.Draft draft) {
    InputStream stream = draft.kind() == ModelCatalog.Kind.PROCESS
        ? repository.getProcessModel(draft.baseDefinitionId())
        : repository.getDecisionModel(draft.baseDefinitionId());
    try (InputStream in = stream) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the deployed model " + draft.baseDefinitionId(), e);
    }
  }

  private static Optional<String> formOf(String xml, String id) {
    try {
      Document doc = ModelDiff.parse(xml);
      NodeList all = doc.getElementsByTagNameNS("*", "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        if (id.equals(e.getAttribute("id")) && e.hasAttributeNS("http://camunda.org/schema/1.0/bpmn", "formKey")) {
          return Optional.of(e.getAttributeNS("http://camunda.org/schema/1.0/bpmn", "formKey"));
        }
      }
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String constant(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  /** Id to where it is named ("process test Pathway1ProcessTest", "code inbox/SlaRules"). */
  static Map<String, List<String>> references() {
    Map<String, List<String>> references = new LinkedHashMap<>();
    try (InputStream in = new ClassPathResource(REFERENCES).getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          references.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("The list of element ids named in code is missing: " + REFERENCES, e);
    }
    return references;
  }

  /** Ids of the changes to mark on a diagram, by kind. */
  static Map<ModelDiff.Kind, List<String>> marks(Collection<ModelDiff.Change> changes) {
    Map<ModelDiff.Kind, List<String>> marks = new LinkedHashMap<>();
    for (ModelDiff.Change c : changes) {
      marks.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c.elementId());
    }
    return marks;
  }
}
