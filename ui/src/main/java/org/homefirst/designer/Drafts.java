package org.homefirst.designer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts of models in the designer workspace, kept in PostgreSQL: each starts from a deployed
 * version and keeps every saved revision (who, when, the XML). A save never overwrites work it has
 * not seen: when someone saved the draft meanwhile, or the model was deployed again since the
 * draft started, the save is refused with a {@link DraftConflict} that says what changed.
 */
@Service
class Drafts {

  enum State {
    DRAFT("draft"), IN_REVIEW("in-review"), APPROVED("approved"), PUBLISHED("published");

    final String code;

    State(String code) {
      this.code = code;
    }

    static State of(String code) {
      for (State s : values()) {
        if (s.code.equals(code)) {
          return s;
        }
      }
      throw new IllegalArgumentException(code);
    }
  }

  record Draft(UUID id, String modelKey, ModelCatalog.Kind kind, String resourceName, String baseDefinitionId,
      int baseVersion, String xml, int revision, State state, String createdBy, Instant createdAt,
      String updatedBy, Instant updatedAt) {

    /** The same draft with other XML: what the editor holds now, for checking before saving. */
    Draft withXml(String other) {
      return new Draft(id, modelKey, kind, resourceName, baseDefinitionId, baseVersion, other, revision, state,
          createdBy, createdAt, updatedBy, updatedAt);
    }
  }

  record Revision(int revision, String savedBy, Instant savedAt) {}

  private final JdbcClient db;
  private final ModelCatalog catalog;
  private final DesignerAccess access;
  private final AuditLog audit;
  private final Clock clock;

  Drafts(JdbcClient db, ModelCatalog catalog, DesignerAccess access, AuditLog audit, Clock clock) {
    this.db = db;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new draft of a model, starting from its latest deployed version (revision 1). */
  @Transactional
  Draft start(TeamMember member, String modelKey) {
    access.checkMayEdit(member, "start a draft of " + modelKey);
    ModelCatalog.Deployed base = catalog.latest(modelKey)
        .orElseThrow(() -> new IllegalArgumentException("No deployed model " + modelKey));
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("""
            insert into model_draft (id, model_key, kind, resource_name, base_definition_id, base_version, xml,
                                     revision, state, created_by, created_at, updated_by, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, 1, 'draft', ?, ?, ?, ?)""")
        .params(id, modelKey, base.kind() == ModelCatalog.Kind.PROCESS ? "bpmn" : "dmn", base.resourceName(),
            base.definitionId(), base.version(), base.xml(), member.username(), now, member.username(), now)
        .update();
    keepRevision(id, 1, member, now, base.xml());
    audit.record(member.username(), AuditLog.Action.SAVE_MODEL_DRAFT, null, null,
        modelKey + ": new draft from v" + base.version());
    return find(id).orElseThrow();
  }

  /**
   * Saves the designer's XML as the draft's next revision. {@code seenRevision} is the revision the
   * designer's editor started from: a later one saved by someone else is a conflict, as is a new
   * deployment of the model since the draft's base.
   */
  @Transactional
  Draft save(TeamMember member, UUID draftId, int seenRevision, String xml) {
    access.checkMayEdit(member, "save a draft");
    Draft draft = db.sql("select * from model_draft where id = ? for update").param(draftId).query(Drafts::row)
        .optional().orElseThrow(() -> new IllegalArgumentException("No draft " + draftId));
    if (draft.state() != State.DRAFT) {
      throw new DraftConflict(DraftConflict.Kind.NOT_EDITABLE, "This draft is " + draft.state().code
          + " and can no longer be changed; start a new draft to change the model again.", draft.xml());
    }
    if (draft.revision() != seenRevision) {
      throw new DraftConflict(DraftConflict.Kind.SAVED_MEANWHILE, draft.updatedBy() + " saved revision "
          + draft.revision() + " of this draft since you opened revision " + seenRevision
          + ". Your changes are not saved: compare them with theirs and save again from their revision.",
          draft.xml());
    }
    ModelCatalog.Deployed latest = catalog.latest(draft.modelKey()).orElseThrow();
    if (!latest.definitionId().equals(draft.baseDefinitionId())) {
      throw new DraftConflict(DraftConflict.Kind.BASE_CHANGED, draft.modelKey() + " was deployed as version "
          + latest.version() + " since this draft started from version " + draft.baseVersion()
          + ". Your changes are not saved: compare them with version " + latest.version()
          + " and start again from it, so its changes are not undone.", latest.xml());
    }
    int next = draft.revision() + 1;
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("update model_draft set xml = ?, revision = ?, updated_by = ?, updated_at = ? where id = ?")
        .params(xml, next, member.username(), now, draftId).update();
    keepRevision(draftId, next, member, now, xml);
    audit.record(member.username(), AuditLog.Action.SAVE_MODEL_DRAFT, null, null,
        draft.modelKey() + ": revision " + next);
    return find(draftId).orElseThrow();
  }

  /** A draft, for a member who may open the workspace. */
  Optional<Draft> open(TeamMember member, UUID id) {
    access.checkMayOpen(member, "a draft");
    return find(id);
  }

  Optional<Draft> find(UUID id) {
    return db.sql("select * from model_draft where id = ?").param(id).query(Drafts::row).optional();
  }

  /** Drafts of a model (all models when null), most recently saved first. */
  List<Draft> list(TeamMember member, String modelKey) {
    access.checkMayOpen(member, "drafts");
    return db.sql("select * from model_draft where cast(? as text) is null or model_key = ? order by updated_at desc")
        .params(modelKey, modelKey).query(Drafts::row).list();
  }

  List<Revision> revisions(TeamMember member, UUID draftId) {
    access.checkMayOpen(member, "revisions of a draft");
    return db.sql("select revision, saved_by, saved_at from model_draft_revision where draft_id = ?"
            + " order by revision")
        .param(draftId)
        .query((rs, n) -> new Revision(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
  }

  Optional<String> revisionXml(TeamMember member, UUID draftId, int revision) {
    access.checkMayOpen(member, "a revision of a draft");
    return db.sql("select xml from model_draft_revision where draft_id = ? and revision = ?")
        .params(draftId, revision).query(String.class).optional();
  }

  private void keepRevision(UUID id, int revision, TeamMember member, Timestamp at, String xml) {
    db.sql("insert into model_draft_revision (draft_id, revision, saved_by, saved_at, xml) values (?, ?, ?, ?, ?)")
        .params(id, revision, member.username(), at, xml).update();
  }

  private static Draft row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Draft(rs.getObject("id", UUID.class), rs.getString("model_key"),
        "bpmn".equals(rs.getString("kind")) ? ModelCatalog.Kind.PROCESS : ModelCatalog.Kind.DECISION,
        rs.getString("resource_name"), rs.getString("base_definition_id"), rs.getInt("base_version"),
        rs.getString("xml"), rs.getInt("revision"), State.of(rs.getString("state")), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
