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

  private final ReferralAccess referrals;
  private final AuditLog audit;

  ConsoleAccess(ReferralAccess referrals, AuditLog audit) {
    this.referrals = referrals;
    this.audit = audit;
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
