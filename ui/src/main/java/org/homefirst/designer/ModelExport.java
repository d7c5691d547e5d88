package org.homefirst.designer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.springframework.stereotype.Service;

/**
 * An approved or deployed draft as the file to commit to {@code processes/}: the model files
 * there stay the reviewed source the build and its process tests run on, so a model changed in
 * the workspace goes back into them. The XML is kept as the draft has it; only the XML
 * declaration and line ends are made the files' own. Audited.
 */
@Service
class ModelExport {

  /** The file to put in {@code processes/src/main/resources/homefirst/} and its content. */
  record File(String name, String xml) {

    byte[] bytes() {
      return xml.getBytes(StandardCharsets.UTF_8);
    }
  }

  private final Drafts drafts;
  private final DesignerAccess access;
  private final AuditLog audit;

  ModelExport(Drafts drafts, DesignerAccess access, AuditLog audit) {
    this.drafts = drafts;
    this.access = access;
    this.audit = audit;
  }

  static boolean mayExport(Drafts.Draft draft) {
    return draft.state() == Drafts.State.APPROVED || draft.state() == Drafts.State.PUBLISHED;
  }

  File export(TeamMember member, UUID draftId) {
    access.checkMayEdit(member, "export a model for processes/");
    Drafts.Draft draft = drafts.find(draftId).orElseThrow(() -> new ReviewRefused("There is no such draft."));
    if (!mayExport(draft)) {
      throw new ReviewRefused("Only an approved or deployed draft is exported: this one is " + draft.state().code
          + ".");
    }
    File file = new File(fileName(draft.resourceName()), formatted(draft.xml()));
    audit.record(member.username(), AuditLog.Action.EXPORT, null, null, "designer workspace: " + draft.modelKey()
        + " revision " + draft.revision() + " (" + draft.state().code + ") as " + file.name() + " for processes/");
    return file;
  }

  /** The engine's resource name without its folder: the file name in processes/ ("pathway-1.bpmn"). */
  static String fileName(String resourceName) {
    return resourceName.substring(resourceName.lastIndexOf('/') + 1);
  }

  /** The files' XML declaration, LF line ends and a final newline; the rest as it is. */
  static String formatted(String xml) {
    String text = xml.replace("\r\n", "\n").strip();
    if (text.startsWith("<?xml")) {
      text = text.substring(text.indexOf("?>") + 2).stripLeading();
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + "\n";
  }
}
