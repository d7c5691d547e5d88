package org.homefirst.designer;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * From a draft to the model new journeys use: a designer submits it for review (only if the
 * engine accepts it), a second designer approves the design, a manager approves publishing, and a
 * designer deploys it with a version tag, under the workspace's own deployment name (so a restart
 * keeps it). Every step is recorded and audited; a change after review means sending it back.
 */
@Service
class Publishing {

  /** One step of a draft's review. */
  record Step(String step, String by, Instant at, String note) {}

  /** The engine reads a version tag from these namespaces: BPMN's and DMN's camunda extensions differ. */
  private static final Map<String, String> VERSION_TAG_NAMESPACE = Map.of(
      "process", "http://camunda.org/schema/1.0/bpmn", "decision", "http://camunda.org/schema/1.0/dmn");

  private final JdbcClient db;
  private final Drafts drafts;
  private final DraftValidation validation;
  private final DesignerAccess access;
  private final RepositoryService repository;
  private final ModelCatalog catalog;
  private final AuditLog audit;
  private final Clock clock;

  Publishing(JdbcClient db, Drafts drafts, DraftValidation validation, DesignerAccess access,
      RepositoryService repository, ModelCatalog catalog, AuditLog audit, Clock clock) {
    this.db = db;
    this.drafts = drafts;
    this.validation = validation;
    this.access = access;
    this.repository = repository;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  void submit(TeamMember member, UUID draftId) {
    access.checkMayEdit(member, "submit a draft for review");
    Drafts.Draft draft = locked(draftId, Drafts.State.DRAFT, "submitted for review");
    DraftValidation.Result result = validation.check(draft.resourceName(), draft.xml());
    if (!result.deployable()) {
      throw new ReviewRefused("The engine refuses this draft: " + result.errors().getFirst().text()
          + ". Check it and fix the problems before asking for review.");
    }
    record(member, draft, "submitted", null, Drafts.State.IN_REVIEW);
  }

  /** A second designer's approval: not the designer who submitted it. */
  @Transactional
  void approveDesign(TeamMember member, UUID draftId) {
    access.checkMayEdit(member, "approve a draft's design");
    Drafts.Draft draft = locked(draftId, Drafts.State.IN_REVIEW, "approved");
    List<Step> steps = sinceSubmitted(draftId);
    if (steps.getFirst().by().equals(member.username())) {
      throw new ReviewRefused("A second designer approves the design: you submitted this draft.");
    }
    record(member, draft, "design-approved", null, steps.stream().anyMatch(s -> s.step().equals("publishing-approved"))
        ? Drafts.State.APPROVED : Drafts.State.IN_REVIEW);
  }

  /** A manager's approval for publishing to production. */
  @Transactional
  void approvePublishing(TeamMember member, UUID draftId) {
    if (!access.mayApprovePublishing(member)) {
      audit.record(member.username(), AuditLog.Action.REFUSED, null, null, "designer workspace: approve publishing");
      throw new DesignerRefused("Only managers approve publishing");
    }
    Drafts.Draft draft = locked(draftId, Drafts.State.IN_REVIEW, "approved");
    List<Step> steps = sinceSubmitted(draftId);
    record(member, draft, "publishing-approved", null, steps.stream().anyMatch(s -> s.step().equals("design-approved"))
        ? Drafts.State.APPROVED : Drafts.State.IN_REVIEW);
  }

  /** Back to draft, approvals void, with the reviewer's reason. */
  @Transactional
  void sendBack(TeamMember member, UUID draftId, String reason) {
    access.checkMayOpen(member, "send a draft back");
    Drafts.Draft draft = drafts.find(draftId).orElseThrow();
    if (draft.state() != Drafts.State.IN_REVIEW && draft.state() != Drafts.State.APPROVED) {
      throw new ReviewRefused("Only a draft in review or approved can be sent back.");
    }
    record(member, draft, "sent-back", reason, Drafts.State.DRAFT);
  }

  /**
   * Deploys an approved draft on the live engine with a version tag; new journeys use it. Refused
   * if the engine now refuses it or the model was deployed again since the draft's base.
   */
  @Transactional
  String deploy(TeamMember member, UUID draftId, String versionTag) {
    access.checkMayEdit(member, "deploy a draft");
    Drafts.Draft draft = locked(draftId, Drafts.State.APPROVED, "deployed");
    if (versionTag == null || !versionTag.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
      throw new ReviewRefused("Give a version tag of letters, digits, dots, hyphens (e.g. 2026-12-reablement).");
    }
    ModelCatalog.Deployed latest = catalog.latest(draft.modelKey()).orElseThrow();
    if (!latest.definitionId().equals(draft.baseDefinitionId())) {
      throw new ReviewRefused(draft.modelKey() + " was deployed as version " + latest.version()
          + " since this draft started from version " + draft.baseVersion() + ": start a new draft from it.");
    }
    String tagged = tagged(draft.xml(), draft.modelKey(), versionTag);
    DraftValidation.Result result = validation.check(draft.resourceName(), tagged);
    if (!result.deployable()) {
      throw new ReviewRefused("The engine refuses this draft: " + result.errors().getFirst().text());
    }
    DeploymentWithDefinitions deployed = repository.createDeployment().name(ModelCatalog.WORKSPACE_DEPLOYMENT)
        .addString(draft.resourceName(), tagged).deployWithResult();
    String definitionId = draft.kind() == ModelCatalog.Kind.PROCESS
        ? deployed.getDeployedProcessDefinitions().stream().filter(d -> d.getKey().equals(draft.modelKey()))
            .findFirst().orElseThrow().getId()
        : deployed.getDeployedDecisionDefinitions().stream().filter(d -> d.getKey().equals(draft.modelKey()))
            .findFirst().orElseThrow().getId();
    db.sql("update model_draft set deployed_definition_id = ?, version_tag = ?, xml = ? where id = ?")
        .params(definitionId, versionTag, tagged, draftId).update();
    record(member, draft, "deployed", versionTag + " as " + definitionId, Drafts.State.PUBLISHED);
    audit.record(member.username(), AuditLog.Action.DEPLOY_MODEL, null, null,
        draft.modelKey() + " " + versionTag + " (" + definitionId + ")");
    return definitionId;
  }

  List<Step> steps(TeamMember member, UUID draftId) {
    access.checkMayOpen(member, "review of a draft");
    return db.sql("select step, by_user, at, note from model_draft_review where draft_id = ? order by id")
        .param(draftId).query((rs, n) -> new Step(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getString(4))).list();
  }

  /** The steps from the latest submission on (the first is that submission). */
  private List<Step> sinceSubmitted(UUID draftId) {
    return db.sql("""
            select step, by_user, at, note from model_draft_review
            where draft_id = ?
              and id >= (select max(id) from model_draft_review where draft_id = ? and step = 'submitted')
            order by id""")
        .params(draftId, draftId).query((rs, n) -> new Step(rs.getString(1), rs.getString(2),
            rs.getTimestamp(3).toInstant(), rs.getString(4))).list();
  }

  private Drafts.Draft locked(UUID draftId, Drafts.State expected, String action) {
    db.sql("select id from model_draft where id = ? for update").param(draftId).query(UUID.class).optional()
        .orElseThrow(() -> new ReviewRefused("There is no such draft."));
    Drafts.Draft draft = drafts.find(draftId).orElseThrow();
    if (draft.state() != expected) {
      throw new ReviewRefused("This draft is " + draft.state().code + ": it cannot be " + action + " now.");
    }
    return draft;
  }

  private void record(TeamMember member, Drafts.Draft draft, String step, String note, Drafts.State next) {
    db.sql("insert into model_draft_review (draft_id, step, by_user, at, note) values (?, ?, ?, ?, ?)")
        .params(draft.id(), step, member.username(), Timestamp.from(clock.instant()), note).update();
    db.sql("update model_draft set state = ? where id = ?").params(next.code, draft.id()).update();
    audit.record(member.username(), AuditLog.Action.REVIEW_MODEL_DRAFT, null, null,
        draft.modelKey() + ": " + step + (note == null ? "" : " (" + note + ")"));
  }

  /** The XML with camunda:versionTag on the process (or decision) of this key. */
  static String tagged(String xml, String key, String versionTag) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      for (String tag : List.of("process", "decision")) {
        NodeList nodes = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
          Element e = (Element) nodes.item(i);
          if (key.equals(e.getAttribute("id"))) {
            e.setAttributeNS(VERSION_TAG_NAMESPACE.get(tag), "camunda:versionTag", versionTag);
          }
        }
      }
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw new ReviewRefused("The draft cannot be read as XML: " + e.getMessage());
    }
  }
}
