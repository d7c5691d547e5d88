package org.homefirst.console;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.ReferralAccess;
import org.homefirst.inbox.TeamLeads;
import org.homefirst.inbox.TeamMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Who may use the manager console and which patients they may see in it: one rule for every page,
 * export and drill-down. The console is for the lead teams and named team leads (the same setting
 * that lets them reassign work, {@link TeamLeads}, asked through {@link ReferralAccess}). Figures
 * are aggregates anyone in the console may read; a list of patients shows only those the member
 * may see on the journey page ({@link ReferralAccess}), says how many others there are, and is
 * audited.
 */
@Service
public class ConsoleAccess {

  /**
   * Another part of the application whose users may read the console's step figures (where
   * journeys wait, time spent per step: aggregates naming no patient) outside the console, e.g.
   * the designer workspace's live diagram. Its own rule says who; this class stays the one place
   * that asks.
   */
  public interface StepFigureReaders {
    boolean mayReadStepFigures(TeamMember member);
  }

  private final ReferralAccess referrals;
  private final AuditLog audit;
  private final ObjectProvider<StepFigureReaders> stepFigureReaders;

  ConsoleAccess(ReferralAccess referrals, AuditLog audit, ObjectProvider<StepFigureReaders> stepFigureReaders) {
    this.referrals = referrals;
    this.audit = audit;
    this.stepFigureReaders = stepFigureReaders;
  }

  public boolean mayOpen(TeamMember member) {
    return referrals.isLead(member);
  }

  /** Refuses (and audits the attempt) unless the member may use the console. */
  public void checkMayOpen(TeamMember member, String what) {
    if (!mayOpen(member)) {
      audit.record(member.username(), AuditLog.Action.REFUSED, null, null, "manager console: " + what);
      throw new ConsoleRefused("The manager console is for system leads and team leads only");
    }
  }

  /** Refuses (and audits) unless the member may use the console or is one of the {@link StepFigureReaders}. */
  public void checkMayReadStepFigures(TeamMember member, String what) {
    if (!mayOpen(member) && stepFigureReaders.stream().noneMatch(r -> r.mayReadStepFigures(member))) {
      checkMayOpen(member, what);
    }
  }

  /**
   * The rows of a patient list the member may see, and how many were held back. The listing is
   * audited with what it was (e.g. "super-stranded, Havering") and how many patients it showed.
   */
  public <T> Visible<T> patients(TeamMember member, String listing, List<T> rows, Function<T, UUID> referralOf) {
    checkMayOpen(member, listing);
    Set<UUID> ids = new LinkedHashSet<>();
    rows.stream().map(referralOf).filter(Objects::nonNull).forEach(ids::add);
    Set<UUID> visible = referrals.visibleAmong(member, ids);
    // a row whose referral is unknown (e.g. a clock of a journey started without one) is nobody's to see
    List<T> shown = rows.stream().filter(r -> {
      UUID id = referralOf.apply(r);
      return id != null && visible.contains(id);
    }).toList();
    audit.record(member.username(), AuditLog.Action.CONSOLE_PATIENT_LIST, null, null,
        listing + ": " + shown.size() + " shown, " + (rows.size() - shown.size()) + " outside the member's teams");
    return new Visible<>(shown, rows.size() - shown.size());
  }

  /** A patient list as the member may see it. */
  public record Visible<T>(List<T> rows, int hidden) {}
}
