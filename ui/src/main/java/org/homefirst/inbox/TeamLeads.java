package org.homefirst.inbox;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may assign work to colleagues and reassign in bulk: members of the lead teams
 * ({@code homefirst.inbox.lead-teams}, default {@code managers}) and the people listed in
 * {@code homefirst.inbox.team-leads} (usernames, default none). They act only on tasks of their
 * own teams.
 */
@Component
public class TeamLeads {

  private final List<String> leadTeams;
  private final List<String> leads;

  TeamLeads(
      @Value("${homefirst.inbox.lead-teams:managers}") List<String> leadTeams,
      @Value("${homefirst.inbox.team-leads:}") List<String> leads) {
    this.leadTeams = leadTeams;
    this.leads = leads;
  }

  public boolean isLead(TeamMember member) {
    return leads.contains(member.username()) || leadTeams.stream().anyMatch(member::isIn);
  }
}
