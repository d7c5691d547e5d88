package org.homefirst.designer;

import org.homefirst.audit.AuditLog;
import org.homefirst.console.ConsoleAccess;
import org.homefirst.inbox.TeamMember;
import org.springframework.stereotype.Service;

/**
 * Who may use the designer workspace, in one place for its pages and actions: service designers
 * (team {@value #DESIGNERS}) browse and edit the models; managers (team {@value #MANAGERS}) open it
 * to approve publishing. Everyone else is refused, and the attempt is audited.
 */
@Service
public class DesignerAccess implements ConsoleAccess.StepFigureReaders {

  static final String DESIGNERS = "designers";
  static final String MANAGERS = "managers";

  private final AuditLog audit;

  DesignerAccess(AuditLog audit) {
    this.audit = audit;
  }

  public boolean mayOpen(TeamMember member) {
    return mayEdit(member) || mayApprovePublishing(member);
  }

  boolean mayEdit(TeamMember member) {
    return member.isIn(DESIGNERS);
  }

  boolean mayApprovePublishing(TeamMember member) {
    return member.isIn(MANAGERS);
  }

  /** Whoever may open the workspace sees the live counts on the deployed diagram (aggregates, no patient named). */
  @Override
  public boolean mayReadStepFigures(TeamMember member) {
    return mayOpen(member);
  }

  /** Refuses (and audits the attempt) unless the member may open the workspace. */
  void checkMayOpen(TeamMember member, String what) {
    if (!mayOpen(member)) {
      refuse(member, what, "The designer workspace is for service designers and managers only");
    }
  }

  /** Refuses (and audits the attempt) unless the member is a service designer. */
  void checkMayEdit(TeamMember member, String what) {
    if (!mayEdit(member)) {
      refuse(member, what, "Only service designers change models");
    }
  }

  private void refuse(TeamMember member, String what, String why) {
    audit.record(member.username(), AuditLog.Action.REFUSED, null, null, "designer workspace: " + what);
    throw new DesignerRefused(why);
  }
}
